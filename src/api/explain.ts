import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { explainApp, type ExplainReport } from "../resolve/explain.js";
import { prepareResolution, resolvePrepared, type PreparedResolution, type ResolveRequest } from "./resolve.js";
import { DEVELOPMENT_SEED } from "../rules/derive.js";
import type { ExplainedResource } from "../resolve/explain.js";
import { maskSecrets } from "./mask-secrets.js";

/**
 * Input of {@link explain}: like a resolution. The seed only decides the hash shown for masked derived secrets
 * (give the compile's seed for hashes that match its output); without one the development seed is used.
 */
export type ExplainRequest = ResolveRequest;

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
  return {
    report: { ...result, resources: withOutputs(result.resources, prepared, req.seed), diagnostics: all },
    diagnostics: all,
  };
}

// Outputs come from a real resolution (its diagnostics are the compile's business, not explain's); secret outputs
// are masked with the library's maskSecrets, so a value never leaves explain.
function withOutputs(
  resources: ExplainedResource[],
  prepared: PreparedResolution,
  seed: string | undefined,
): ExplainedResource[] {
  const resolved = resolvePrepared(prepared, seed ?? DEVELOPMENT_SEED).app;
  if (!resolved) return resources;
  const byUid = new Map(resolved.resources.map((r) => [r.uid, r]));
  return resources.map((r) => {
    const found = byUid.get(r.uid);
    if (!found) return r;
    const outputs: Record<string, unknown> = { ...found.outputs };
    for (const [key, value] of Object.entries(found.secrets)) {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      const masked = maskSecrets(text, [text]);
      // maskSecrets leaves values too short to search for; here the whole output is secret, so it goes whole.
      outputs[key] = masked === text ? "<secret>" : masked;
    }
    const sorted = Object.fromEntries(
      Object.keys(outputs)
        .sort()
        .map((k) => [k, outputs[k]]),
    );
    return { ...r, outputs: sorted };
  });
}
