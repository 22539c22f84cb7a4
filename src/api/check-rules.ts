import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadLimits, SourceFile } from "../load/source.js";
import type { TargetName } from "../model/resolved.js";
import { checkRulesTable } from "../rules/check.js";
import { targetArtifactCheck } from "./artifact-check.js";
import { builtinRules } from "../rules/defaults/index.js";
import { loadRules } from "../rules/load.js";
import { environmentUniverse } from "../rules/types.js";
import { checkWorkloadEntries } from "./check-workload-entries.js";

/** Options for {@link checkRules}. */
export interface CheckRulesOptions {
  /** Do not let the built-in defaults resolve `requires` that no rule of the files handles. */
  noDefaultRules?: boolean;
  limits?: Partial<LoadLimits>;
}

/** The outcome of {@link checkRules}. */
export interface CheckRulesResult {
  diagnostics: Diagnostic[];
  /** What was checked (absent when the files do not load); environments include the implicit `local`. */
  summary?: { rules: number; environments: number; points: number };
}

/**
 * Checks rules files statically, without any workload: schema and expressions, then every declared environment ×
 * target × the classes, ids, workloads and apps the rules name — ambiguous overlaps (with a point where they
 * overlap), rules that can never win, requirements that resolve nowhere or lack an output that is read, requires
 * cycles, and every winning rule evaluated there as compile would (missing keys, type errors, secrets outside a
 * Secret, `workload.*` at shared resources), plus a warning for outputs some winners lack.
 *
 * @example
 * ```ts
 * import { checkRules } from "scorec";
 * const { diagnostics } = checkRules([{ path: "rules.yaml", text }]);
 * ```
 */
export function checkRules(sources: readonly SourceFile[], options: CheckRulesOptions = {}): CheckRulesResult {
  const loaded = loadRules(sources, options.limits ? { limits: options.limits } : {});
  if (!loaded.table) return { diagnostics: sortDiagnostics(loaded.diagnostics) };
  const table = loaded.table;
  const checked = checkRulesTable(table, { artifactCheck: targetArtifactCheck, ...(options.noDefaultRules ? {} : { defaults: (t: TargetName) => builtinRules(t).table }) });
  return {
    diagnostics: sortDiagnostics([...loaded.diagnostics, ...checked.diagnostics, ...checkWorkloadEntries(table)]),
    summary: { rules: table.rules.length, environments: Object.keys(environmentUniverse(table)).length, points: checked.points },
  };
}
