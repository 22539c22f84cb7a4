import type { TargetName } from "../model/resolved.js";
import type { CriterionName, Rule } from "./types.js";

/**
 * A concrete request: one resource in one environment, app and target. `workload` is the owning workload of a
 * private resource and undefined for a shared one.
 */
export interface MatchPoint {
  type: string;
  class: string;
  id: string;
  workload?: string;
  app: string;
  env: string;
  envType: string;
  /** The environment's labels. */
  labels: Readonly<Record<string, string>>;
  target: TargetName;
}

/** Why a rule does not match a point: the first criterion (in {@link CRITERIA} order) that fails. */
export interface CriterionFailure {
  criterion: CriterionName;
  message: string;
}

/** Returns the first criterion of the rule that the point fails, or undefined when the rule matches. */
export function firstFailure(rule: Rule, point: MatchPoint): CriterionFailure | undefined {
  const criterion = failingCriterion(rule, point);
  if (criterion === undefined) return undefined;
  const m = rule.match;
  switch (criterion) {
    case "workload":
      if (point.workload === undefined) return { criterion, message: `workload: the resource is shared (it has an id), so it has no owning workload; the rule wants ${oneOf(m.workload!)}` };
      return fail(criterion, point.workload, m.workload!);
    case "class":
      return fail(criterion, point.class, m.class as string[]);
    case "type":
      return fail(criterion, point.type, m.type);
    case "labels":
      return labelsFailure(m.labels!, point.labels);
    default:
      return fail(criterion, point[criterion], m[criterion]!);
  }
}

/**
 * The first criterion (in {@link CRITERIA} order) of the rule that the point fails, or undefined when the rule
 * matches: the one place where a criterion is tested against a point. Allocates nothing; selection calls it for
 * every rule of a type.
 */
export function failingCriterion(rule: Rule, point: MatchPoint): CriterionName | undefined {
  const m = rule.match;
  if (!m.type.includes(point.type)) return "type";
  if (m.class !== "*" && !m.class.includes(point.class)) return "class";
  if (m.id && !m.id.includes(point.id)) return "id";
  if (m.workload && (point.workload === undefined || !m.workload.includes(point.workload))) return "workload";
  if (m.app && !m.app.includes(point.app)) return "app";
  if (m.env && !m.env.includes(point.env)) return "env";
  if (m.envType && !m.envType.includes(point.envType)) return "envType";
  if (m.labels && !carriesLabels(m.labels, point.labels)) return "labels";
  if (m.target && !m.target.includes(point.target)) return "target";
  return undefined;
}

/** Whether the environment's labels include every label the rule lists (with the same value). */
function carriesLabels(wanted: Readonly<Record<string, string>>, actual: Readonly<Record<string, string>>): boolean {
  for (const key in wanted) if (!Object.hasOwn(actual, key) || actual[key] !== wanted[key]) return false;
  return true;
}

function labelsFailure(wanted: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): CriterionFailure {
  for (const [key, value] of Object.entries(wanted)) {
    const actual = Object.hasOwn(labels, key) ? labels[key] : undefined;
    if (actual !== value) return { criterion: "labels", message: `labels: the environment's label ${key} is ${actual === undefined ? "not set" : JSON.stringify(actual)}, not ${JSON.stringify(value)}` };
  }
  throw new Error("labelsFailure called for labels the environment carries");
}

function fail(criterion: CriterionName, actual: string, wanted: readonly string[]): CriterionFailure {
  const shown = actual === OTHER_VALUE ? "any value the table does not name" : JSON.stringify(actual);
  return { criterion, message: `${criterion}: ${shown} is not ${oneOf(wanted)}` };
}

function oneOf(values: readonly string[]): string {
  return values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
}

/**
 * Stands for "any value that no rule mentions" in the points the static check enumerates; every such value is
 * matched by exactly the same rules, so one representative is enough.
 */
export const OTHER_VALUE = "\u0000other";

function show(value: string): string {
  return value === OTHER_VALUE ? "(other)" : value;
}

/** Renders a point as criteria, e.g. `type=postgres class=default id=api.db workload=api app=shop env=prod (production) target=kubernetes`. */
export function describePoint(p: MatchPoint): string {
  const parts = [`type=${p.type}`, `class=${show(p.class)}`, `id=${show(p.id)}`, `workload=${p.workload === undefined ? "(shared)" : show(p.workload)}`, `app=${show(p.app)}`, `env=${p.env} (${p.envType})`, `target=${p.target}`];
  return parts.join(" ");
}

/** The point as plain data for JSON output (`workload` null for shared resources). */
export function pointToJson(p: MatchPoint): Record<string, string | null> {
  return { type: p.type, class: show(p.class), id: show(p.id), workload: p.workload === undefined ? null : show(p.workload), app: show(p.app), env: p.env, envType: p.envType, target: p.target };
}
