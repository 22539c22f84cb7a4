/**
 * The criteria of policies and patches: those of rules minus the resource's type, class and id. A workload in one
 * environment, app and target is the point they are matched against.
 */
import { matchSetOf, type MatchSet } from "./match-set.js";
import type { EnvironmentDecl, Rule, RuleMatch } from "./types.js";
import type { WorkloadMatch, WorkloadPoint } from "./workload-rules.js";

const KEYS = ["workload", "app", "env", "envType", "target"] as const;

/** Normalises written criteria (a value or a list each) into sorted lists without duplicates. */
export function toWorkloadMatch(raw: Record<string, string | string[] | undefined> | undefined): WorkloadMatch {
  const match: WorkloadMatch = {};
  for (const key of KEYS) {
    const v = raw?.[key];
    if (v === undefined) continue;
    (match as Record<string, string[]>)[key] = [...new Set(Array.isArray(v) ? v : [v])].sort();
  }
  return match;
}

/** The first criterion the point fails, as `env: "local" is not "prod"`, or undefined when all hold. */
export function workloadMismatch(match: WorkloadMatch, point: WorkloadPoint): string | undefined {
  for (const key of KEYS) {
    const wanted: readonly string[] | undefined = match[key];
    if (wanted && !wanted.includes(point[key])) return `${key}: ${JSON.stringify(point[key])} is not ${wanted.length === 1 ? JSON.stringify(wanted[0]) : `one of ${wanted.map((w) => JSON.stringify(w)).join(", ")}`}`;
  }
  return undefined;
}

/** The match set of workload criteria, comparable by containment exactly as rules are (type and class fixed). */
export function workloadMatchSet(match: WorkloadMatch, environments: Readonly<Record<string, EnvironmentDecl>>): MatchSet {
  const asRule: RuleMatch = { type: ["workload"], class: "*", ...match };
  return matchSetOf({ match: asRule } as Rule, environments);
}
