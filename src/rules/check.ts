import { warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { PointEvaluator, type ArtifactCheck } from "./check-evaluate.js";
import { analyzeRulesTable, type AnalyzeOptions, type RulesFindings } from "./check/analyze.js";
import { findingsDiagnostics } from "./check/report.js";
import { describePoint, type MatchPoint } from "./match.js";
import type { IndexedRule, RuleIndex } from "./select.js";
import { environmentUniverse, type RulesTable } from "./types.js";

/** Options for {@link checkRulesTable}. */
export interface CheckTableOptions extends Omit<AnalyzeOptions, "visitWinners"> {
  /** The targets' own checks of a resource's artifacts (secret placement, object shape); the api layer passes them. */
  artifactCheck?: ArtifactCheck;
  /** Evaluate each winning rule at every point where it wins, not once per distinct context it reads (the tests' oracle). */
  evaluateEveryPoint?: boolean;
}

/**
 * Checks a whole table statically against every declared environment × target × the classes, ids, workloads and
 * apps the table names (plus one representative of everything else): every point must have a single winner (by
 * containment, then the declared order), every rule must win somewhere, every `requires` must resolve and provide
 * the outputs the rule reads, and requires chains must not loop (see check/analyze.ts); and each winning rule is
 * evaluated where it wins, once per distinct context it reads (see PointEvaluator), as compile would evaluate it.
 * Matching is decided exactly, because unnamed values all behave alike; evaluation leaves what only a workload
 * supplies (params, metadata, other workloads) unknown.
 */
export function checkRulesTable(table: RulesTable, options: CheckTableOptions = {}): { diagnostics: Diagnostic[]; points: number; findings: RulesFindings } {
  const universe = environmentUniverse(table);
  let evaluator: PointEvaluator | undefined;
  let user: RuleIndex | undefined;
  // Per type: every rule that wins somewhere, with the first point where it does.
  const winnersByType = new Map<string, Map<IndexedRule, MatchPoint>>();
  const findings = analyzeRulesTable(table, {
    ...(options.defaults ? { defaults: options.defaults } : {}),
    visitWinners: (tiersFor, userTier) => {
      const e = (evaluator = new PointEvaluator(tiersFor, universe, options.artifactCheck, options.evaluateEveryPoint));
      user = userTier;
      return {
        reads: (winner) => {
          const reads = e.contextReads(winner);
          return reads === "everything" ? reads : new Set([...reads].flatMap((input) => (input === "requiredAs" ? [] : [input])));
        },
        visit: (winner, point) => {
          e.at(winner, point);
          const seen = winnersByType.get(point.type) ?? new Map<IndexedRule, MatchPoint>();
          if (!seen.has(winner)) seen.set(winner, point);
          winnersByType.set(point.type, seen);
        },
      };
    },
  });
  const diagnostics = findingsDiagnostics(findings, universe);
  // A missing deps output is already reported with the rule that lacks it; evaluating the read says the same again.
  const place = (d: Diagnostic) => `${d.file ?? ""}\u0000${JSON.stringify(d.range)}`;
  const missing = new Set(diagnostics.filter((d) => d.code === "RULES_MISSING_OUTPUT").map(place));
  if (evaluator) diagnostics.push(...evaluator.diagnostics.filter((d) => !missing.has(place(d))));
  if (user) diagnostics.push(...outputGaps(winnersByType, user));
  return { diagnostics, points: findings.types.reduce((n, t) => n + t.points, 0), findings };
}

/**
 * A workload's `${resources.NAME.KEY}` fails wherever the winning rule lacks KEY. Whatever one rule of a type
 * provides, a workload may ask for; every other rule that can win for that type without it is a warning.
 */
function outputGaps(winnersByType: ReadonlyMap<string, ReadonlyMap<IndexedRule, MatchPoint>>, user: RuleIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const keysOf = (r: IndexedRule) => new Set([...Object.keys(r.rule.outputs), ...Object.keys(r.rule.secrets)]);
  for (const [type, winners] of [...winnersByType].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const providers = new Map<string, string[]>();
    for (const r of user.ofType(type)) for (const k of keysOf(r)) if (k !== "*") providers.set(k, [...(providers.get(k) ?? []), r.rule.id]);
    for (const [winner, point] of [...winners].sort(([a], [b]) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0))) {
      const own = keysOf(winner);
      if (own.has("*")) continue;
      const missing = [...providers.keys()].filter((k) => !own.has(k)).sort();
      if (missing.length === 0) continue;
      const lines = missing.map((k) => `"${k}" (provided by ${providers.get(k)!.map((id) => `"${id}"`).join(", ")})`);
      out.push(
        warning(
          "RULES_OUTPUT_GAP",
          `rule "${winner.rule.id}" wins for type ${type} at ${describePoint(point)} but has no output ${lines.join(", ")}; a workload that reads \${resources.NAME.${missing[0]}} there fails`,
          winner.rule.origin.locate(["match"], "key"),
          winner.rule.extends === undefined ? `add the missing outputs, or extend the rule that has them (extends: ${providers.get(missing[0]!)![0]})` : "add the missing outputs to this rule or to the rule it extends",
        ),
      );
    }
  }
  return out;
}
