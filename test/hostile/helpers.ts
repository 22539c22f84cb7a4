import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as assert from "uvu/assert";
import { compile } from "../../src/index.js";
import type { CompileInput, CompileResult } from "../../src/index.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { ROOT } from "../helpers/corpus.js";

/** The built CLI launcher; `npm test` builds dist/ first. */
export const CLI = join(ROOT, "bin/scorec.js");

/** A minimal valid Score file; `containers` and `rest` are spliced in as YAML text. */
export function score(name = "web", containers = "  main:\n    image: nginx\n", rest = ""): string {
  return `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\ncontainers:\n${containers}${rest}`;
}

/** Compiles in-process with a fixed seed and a file reader that refuses everything. */
export function compileText(text: string, input: Partial<CompileInput> = {}): CompileResult {
  return compile({
    sources: [{ path: "score.yaml", text }],
    seed: "hostile",
    readFile: () => ({ error: "no files in this test" }),
    ...input,
  });
}

/** [code, line, col] of every diagnostic (line/col undefined when it has no range), for compact assertions. */
export function located(diagnostics: readonly Diagnostic[]): [string, number | undefined, number | undefined][] {
  return diagnostics.map((d) => [d.code, d.range?.start.line, d.range?.start.col]);
}

/** [code, line, col] of the error diagnostics only. */
export function errorsAt(diagnostics: readonly Diagnostic[]): [string, number | undefined, number | undefined][] {
  return located(diagnostics.filter((d) => d.severity === "error"));
}

/** The outcome of one CLI process. */
export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/scorec.js ARGS` in `cwd` (no stdin, NO_COLOR, 60 s timeout) and asserts that it printed no stack trace. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliRun {
  assert.ok(existsSync(join(ROOT, "dist/cli/bundle/scorec.cjs")), "dist/ is missing: run `npm run build` first");
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const run: CliRun = { status: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  assertNoStack(run.stderr);
  assertNoStack(run.stdout);
  return run;
}

/** Fails when the text holds a JavaScript stack trace or an uncaught-error banner. */
export function assertNoStack(text: string): void {
  assert.not.match(text, /\n\s+at [^\n]+[(:]\d+/, "a stack trace was printed");
  assert.not.match(text, / {4}at /, "a stack trace was printed");
  assert.not.match(
    text,
    /INTERNAL_ERROR|Uncaught|TypeError|RangeError|ReferenceError/,
    "an internal error was printed",
  );
}

/** A fresh folder under the OS temp dir, filled with `files` (path → text or bytes); remove it with `cleanup`. */
export function tempFolder(files: Record<string, string | Uint8Array> = {}): {
  dir: string;
  path: (p: string) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), "scorec-hostile-"));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return { dir, path: (p) => join(dir, p), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The diagnostics of a `--format json` CLI run. */
export function jsonDiagnostics(run: CliRun): { code: string; file?: string; line?: number; col?: number }[] {
  const doc = JSON.parse(run.stdout) as {
    diagnostics: { code: string; file?: string; line?: number; column?: number }[];
  };
  return doc.diagnostics.map((d) => ({
    code: d.code,
    ...(d.file ? { file: d.file } : {}),
    ...(d.line !== undefined ? { line: d.line, col: d.column! } : {}),
  }));
}

/**
 * fast-check options: `FC_RUNS` runs (default `runs`, kept small for `npm test`) from seed `FC_SEED` (default fixed,
 * so a plain test run is reproducible; a failure prints the seed and path to replay it).
 */
export function fcOptions(runs: number): { numRuns: number; seed: number } {
  return { numRuns: Number(process.env.FC_RUNS ?? runs), seed: Number(process.env.FC_SEED ?? 20260) };
}
