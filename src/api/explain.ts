import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { explainApp, type ExplainReport } from "../resolve/explain.js";
import { prepareResolution, type ResolveRequest } from "./resolve.js";

/** Input of {@link explain}: like a resolution, without the seed (nothing is evaluated). */
export type ExplainRequest = Omit<ResolveRequest, "seed">;

/** The outcome of {@link explain}: the report (when the inputs load) and every problem found. */
export interface ExplainResult {
  report?: ExplainReport;
  diagnostics: Diagnostic[];
}

/**
 * Explains, for every resource of an app in one environment and target, which rule wins and why each other rule
 * of its type loses (the first criterion it fails, or being less specific than the winner). Ambiguities and
 * resources without a rule appear in the report and as diagnostics.
 *
 * @example
 * ```ts
 * import { explain } from "scorec";
 * const { report } = explain({ sources, rules, environment: "prod", target: "kubernetes", app: "shop" });
 * for (const r of report?.resources ?? []) console.log(r.uid, r.winner);
 * ```
 */
export function explain(req: ExplainRequest): ExplainResult {
  const { prepared, diagnostics } = prepareResolution(req);
  if (!prepared) return { diagnostics: sortDiagnostics(diagnostics) };
  const result = explainApp(prepared);
  if (!("resources" in result)) return { diagnostics: sortDiagnostics([...diagnostics, ...result.diagnostics]) };
  const all = sortDiagnostics([...diagnostics, ...result.diagnostics]);
  return { report: { ...result, diagnostics: all }, diagnostics: all };
}
