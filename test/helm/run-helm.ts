import { spawnSync } from "node:child_process";
import { helmEnv } from "./helm-binary.js";

/** What one helm invocation printed and how it exited. */
export interface HelmResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the verified helm binary with the given arguments in a hermetic environment. */
export function runHelm(binary: string, args: readonly string[]): HelmResult {
  const result = spawnSync(binary, args, { encoding: "utf8", env: helmEnv(), maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
