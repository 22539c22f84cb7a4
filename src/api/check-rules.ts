import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadLimits, SourceFile } from "../load/source.js";
import type { TargetName } from "../model/resolved.js";
import { checkRulesTable } from "../rules/check.js";
import { targetArtifactCheck } from "./artifact-check.js";
import { builtinRules } from "../rules/defaults/index.js";
import { loadRules, where } from "../rules/load.js";
import { pointToJson } from "../rules/match.js";
import { environmentUniverse } from "../rules/types.js";
import { checkWorkloadEntries } from "./check-workload-entries.js";

/** Options for {@link checkRules}. */
export interface CheckRulesOptions {
  /** Do not let the built-in defaults resolve `requires` that no rule of the files handles. */
  noDefaultRules?: boolean;
  limits?: Partial<LoadLimits>;
}

/** What was checked and what was found, in numbers. */
export interface CheckRulesSummary {
  rules: number;
  /** Including the implicit `local`. */
  environments: number;
  /** The size of the point space (environment × target × named classes, ids, workloads and apps, per type). */
  points: number;
  /** How many of those points the check had to evaluate. */
  examined: number;
  /** The declared tie-break order, when there is one. */
  precedence?: string[];
  /** Pairs of rules that tie somewhere, per resource type (types without any are left out). */
  conflicts: Record<string, number>;
  unreachable: number;
  missingOutputs: number;
}

/** One pair of rules that tie, with one point where they do. */
export interface RuleConflictReport {
  type: string;
  rules: [string, string];
  locations: [string, string];
  point: Record<string, string | null>;
}

/** The outcome of {@link checkRules}. */
export interface CheckRulesResult {
  diagnostics: Diagnostic[];
  /** What was checked (absent when the files do not load). */
  summary?: CheckRulesSummary;
  /** Every tied pair (the diagnostics group them per rule); absent when the files do not load. */
  conflicts?: RuleConflictReport[];
}

/**
 * Checks rules files statically, without any workload: schema and expressions, then every declared environment ×
 * target × the classes, ids, workloads and apps the rules name — ambiguous overlaps (with a point where they
 * overlap, after the declared tie-break order), rules that can never win, requirements that resolve nowhere or lack
 * an output that is read, requires cycles, and every winning rule evaluated there as compile would (missing keys,
 * type errors, secrets outside a Secret, `workload.*` at shared resources), plus a warning for outputs some winners
 * lack. Diagnostics are grouped per rule; `conflicts` keeps every pair.
 *
 * @example
 * ```ts
 * import { checkRules } from "scorec";
 * const { diagnostics, summary } = checkRules([{ path: "rules.yaml", text }]);
 * ```
 */
export function checkRules(sources: readonly SourceFile[], options: CheckRulesOptions = {}): CheckRulesResult {
  const loaded = loadRules(sources, options.limits ? { limits: options.limits } : {});
  if (!loaded.table) return { diagnostics: sortDiagnostics(loaded.diagnostics) };
  const table = loaded.table;
  const checked = checkRulesTable(table, {
    artifactCheck: targetArtifactCheck,
    ...(options.noDefaultRules ? {} : { defaults: (t: TargetName) => builtinRules(t).table }),
  });
  const f = checked.findings;
  const conflicts: Record<string, number> = {};
  for (const c of f.conflicts) conflicts[c.type] = (conflicts[c.type] ?? 0) + 1;
  const summary: CheckRulesSummary = {
    rules: table.rules.length,
    environments: Object.keys(environmentUniverse(table)).length,
    points: checked.points,
    examined: f.types.reduce((n, t) => n + t.examined, 0),
    ...(table.precedence ? { precedence: [...table.precedence.order] } : {}),
    conflicts: Object.fromEntries(Object.entries(conflicts).sort(([a], [b]) => (a < b ? -1 : 1))),
    unreachable: f.unreachable.length,
    missingOutputs: f.dependencies.filter((d) => d.kind === "missing-output").length,
  };
  const pairs = f.conflicts
    .map((c): RuleConflictReport => {
      const [a, b] = c.a.rule.id < c.b.rule.id ? [c.a, c.b] : [c.b, c.a];
      return {
        type: c.type,
        rules: [a.rule.id, b.rule.id],
        locations: [where(a.rule.origin.locate([], "value")), where(b.rule.origin.locate([], "value"))],
        point: pointToJson(c.point),
      };
    })
    .sort((x, y) =>
      x.type !== y.type ? (x.type < y.type ? -1 : 1) : x.rules.join("\u0000") < y.rules.join("\u0000") ? -1 : 1,
    );
  return {
    diagnostics: sortDiagnostics([...loaded.diagnostics, ...checked.diagnostics, ...checkWorkloadEntries(table)]),
    summary,
    conflicts: pairs,
  };
}
