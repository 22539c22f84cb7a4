import type { SourceFile } from "../load/source.js";
import type { ExplainedResource } from "../resolve/explain.js";
import type { Rule } from "../rules/types.js";
import type { Analysis } from "./analysis.js";
import type { Build } from "./project.js";

/** The rule that serves a resource in a build, as explain names it, with the rule itself when it can be found. */
export interface Winner {
  id: string;
  builtin: boolean;
  /** `file:line:col` as explain gives it. */
  location: string;
  rule?: Rule;
}

/**
 * Explains the resource `name` of `workload` in a build: from the whole project when it loads, else from the one
 * file alone (`fallback`, e.g. the document being typed with the broken placeholder blanked), since a resource's
 * winning rule depends only on its own declaration, the app and the environment.
 */
export function explainResource(
  analysis: Analysis,
  build: Build,
  workload: string,
  name: string,
  fallback?: SourceFile,
): ExplainedResource | undefined {
  const find = (report: { resources: ExplainedResource[] } | undefined) =>
    report?.resources.find((r) => r.declaredBy.some((d) => d.workload === workload && d.name === name));
  const found = find(analysis.explanation(build).report);
  if (found || !fallback) return found;
  return find(analysis.explanation(build, [fallback]).report);
}

/** The winning rule of an explained resource, when it has one. */
export function winnerOf(analysis: Analysis, build: Build, r: ExplainedResource | undefined): Winner | undefined {
  const w = r?.rules.find((x) => x.verdict === "winner");
  if (!w) return undefined;
  const rule = analysis.rule(w.id, w.builtin, build);
  return { id: w.id, builtin: w.builtin, location: w.location, ...(rule ? { rule } : {}) };
}

/** The outputs a rule offers, secret ones marked; a `*` output (any key) is left out. */
export function outputNames(rule: Rule | undefined): { name: string; secret: boolean }[] {
  if (!rule) return [];
  const plain = Object.keys(rule.outputs)
    .filter((k) => k !== "*")
    .map((name) => ({ name, secret: false }));
  const secret = Object.keys(rule.secrets)
    .filter((k) => k !== "*")
    .map((name) => ({ name, secret: true }));
  return [...plain, ...secret].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
