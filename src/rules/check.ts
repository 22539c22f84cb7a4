import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { analyzeRulesTable, type AnalyzeOptions, type RulesFindings } from "./check/analyze.js";
import { findingsDiagnostics } from "./check/report.js";
import { environmentUniverse, type RulesTable } from "./types.js";

/** Options for {@link checkRulesTable}. */
export type CheckTableOptions = AnalyzeOptions;

/**
 * Checks a whole table statically against every declared environment × target × the classes, ids, workloads and
 * apps the table names (plus one representative of everything else): every point must have a single winner (by
 * containment, then the declared order), every rule must win somewhere, every `requires` must resolve and provide
 * the outputs the rule reads, and requires chains must not loop. Exact, because unnamed values all behave alike;
 * fast, because only the overlaps of tied pairs are visited (see check/analyze.ts).
 */
export function checkRulesTable(table: RulesTable, options: CheckTableOptions = {}): { diagnostics: Diagnostic[]; points: number; findings: RulesFindings } {
  const findings = analyzeRulesTable(table, options);
  const diagnostics = findingsDiagnostics(findings, environmentUniverse(table));
  return { diagnostics, points: findings.types.reduce((n, t) => n + t.points, 0), findings };
}
