import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/source.js";
import { loadWorkloads, type LoadedWorkload } from "../validate/load-workloads.js";
import { applyOverridesToDocument, type OverridesInput } from "./overrides-step.js";

/** Input of {@link validate}. */
export interface ValidateInput {
  /** Score files, already read and decoded. */
  sources: readonly SourceFile[];
  /** score-compose compatible overrides, applied to every file before validation. */
  overrides?: OverridesInput;
}

/** The outcome of {@link validate}. */
export interface ValidateResult {
  /** The valid workloads, sorted by name. */
  workloads: LoadedWorkload[];
  /** Every problem found, sorted by file and position. */
  diagnostics: Diagnostic[];
}

/**
 * Parses and validates Score files against the Score v1b1 schema and the semantic rules, without resolving
 * resources. Never reads files or prints.
 *
 * @example
 * ```ts
 * import { validate } from "scorec";
 * const { diagnostics } = validate({ sources: [{ path: "score.yaml", text }] });
 * if (diagnostics.some((d) => d.severity === "error")) console.error(diagnostics);
 * ```
 */
export function validate(input: ValidateInput): ValidateResult {
  const overrides = input.overrides;
  const { workloads, diagnostics } = loadWorkloads(input.sources, {
    ...(overrides ? { transform: (value: unknown) => applyOverridesToDocument(value, overrides) } : {}),
    ...(overrides?.file ? { overridesFile: overrides.file } : {}),
  });
  return { workloads, diagnostics: sortDiagnostics(diagnostics) };
}
