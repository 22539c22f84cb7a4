import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { CompileInput, CompileResult, Emitter } from "../../src/api/compile-input.js";
import type { compileWith as compileWithFn } from "../../src/api/pipeline.js";
import { ROOT, TYPICAL_FILE, type Target } from "./paths.js";

/** A compile of one target: the library's `compile` for inputs whose `target` is that target. */
export type CompileFn = (input: CompileInput) => CompileResult;

/**
 * The library's compile for one target as built into dist/ (what users run): `compile(input)` is
 * `compileWith(input, EMITTERS[target])`; loading only the measured target's emitter, as the CLI does, keeps one
 * unfinished or broken target from stopping the figures of the others.
 */
export async function loadCompile(target: Target): Promise<CompileFn> {
  const dist = (path: string) => import(pathToFileURL(`${ROOT}/dist/${path}`).href);
  const { compileWith } = (await dist("api/pipeline.js")) as { compileWith: typeof compileWithFn };
  const { emitter } = (await dist(`api/emitters/${target}.js`)) as { emitter: Emitter };
  return (input) => compileWith(input, emitter);
}

/** The compile input the benchmarks use for a set of sources and a target. */
export function benchInput(sources: CompileInput["sources"], target: Target): CompileInput {
  return { sources, target, environment: "local", app: "bench", seed: "bench" };
}

/** The typical Score file as a compile source. */
export function typicalSource(): { path: string; text: string } {
  return { path: "score.yaml", text: readFileSync(TYPICAL_FILE, "utf8") };
}

/** Throws with the diagnostics when a compile failed: a benchmark of an error path measures nothing useful. */
export function expectCompiled(result: CompileResult, what: string): CompileResult {
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || result.files.length === 0) {
    const lines = errors.slice(0, 5).map((d) => `  ${d.code}: ${d.message}`);
    throw new Error(`${what} did not compile:\n${lines.join("\n") || "  no output files"}`);
  }
  return result;
}
