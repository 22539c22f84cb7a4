import type { CompileInput, CompileResult } from "./compile-input.js";
import { EMITTERS } from "./emitters/index.js";
import { compileWith } from "./pipeline.js";

/**
 * Compiles Score files into the artifacts of one target (Compose file, Kubernetes manifests or Helm values),
 * resolving resources against the rules tables for one environment. Pure: same input, byte-identical output;
 * reads no files, environment or clock, prints nothing. `files` is empty whenever a diagnostic is an error.
 *
 * @example
 * ```ts
 * import { compile } from "scorec";
 * const { files, diagnostics } = compile({
 *   sources: [{ path: "score.yaml", text: scoreYaml }],
 *   target: "kubernetes",
 *   environment: "local",
 * });
 * for (const f of files) console.log(f.path, f.text.length);
 * ```
 */
export function compile(input: CompileInput): CompileResult {
  return compileWith(input, EMITTERS[input.target ?? "compose"]);
}
