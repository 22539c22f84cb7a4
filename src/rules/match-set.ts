import type { TargetName } from "../model/resolved.js";
import { TARGETS, type EnvironmentDecl, type Rule } from "./types.js";

/** A set over an open universe (any string): a finite set, or everything. */
export type OpenSet = ReadonlySet<string> | "all";

/**
 * The environments a rule accepts. `ids` are declared environments; `phantomTypes` stand for environments of those
 * types that are not declared (yet). A type criterion therefore always denotes strictly more than the list of its
 * declared environments, which is what makes `env: local` more specific than `envType: development` even when
 * `local` is the only development environment.
 */
export interface EnvSet {
  /** The declared environments accepted, labels applied. */
  ids: ReadonlySet<string>;
  /** The declared environments `env`/`envType` name, before labels narrow them (what the env dimension compares). */
  named: ReadonlySet<string>;
  phantomTypes: OpenSet;
  /** The labels of each declared environment in `named`. */
  labelsOf: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/** A rule's match set: the product of one set per dimension. Two rules compare by per-dimension inclusion. */
export interface MatchSet {
  type: ReadonlySet<string>;
  class: OpenSet;
  id: OpenSet;
  workload: OpenSet;
  app: OpenSet;
  env: EnvSet;
  /**
   * The labels an environment must carry. They narrow the declared environments (already applied to `env.ids`) and
   * the undeclared ones `env.phantomTypes` stands for: more required labels = fewer such environments.
   */
  labels: Readonly<Record<string, string>>;
  target: ReadonlySet<TargetName>;
}

/** The dimensions of a match set, in reporting order. */
export const DIMENSIONS = ["type", "class", "id", "workload", "app", "env", "labels", "target"] as const;

/** One dimension of a match set. */
export type Dimension = (typeof DIMENSIONS)[number];

/** Computes the match set of a rule over the given environments. */
export function matchSetOf(rule: Rule, environments: Readonly<Record<string, EnvironmentDecl>>): MatchSet {
  const m = rule.match;
  const open = (values: string[] | undefined): OpenSet => (values ? new Set(values) : "all");
  return {
    type: new Set(m.type),
    class: m.class === "*" ? "all" : new Set(m.class),
    id: open(m.id),
    workload: open(m.workload),
    app: open(m.app),
    env: envSetOf(m.env, m.envType, m.labels, environments),
    labels: m.labels ?? {},
    target: new Set(m.target ?? TARGETS),
  };
}

function envSetOf(env: string[] | undefined, envType: string[] | undefined, labels: Readonly<Record<string, string>> | undefined, environments: Readonly<Record<string, EnvironmentDecl>>): EnvSet {
  const declared = Object.values(environments);
  const labelsOf = new Map(declared.map((e) => [e.id, e.labels] as const));
  const make = (named: string[], phantomTypes: OpenSet): EnvSet => ({ ids: new Set(named.filter((id) => hasLabels(labelsOf.get(id) ?? {}, labels ?? {}))), named: new Set(named), phantomTypes, labelsOf });
  if (env && envType) return make(env.filter((id) => environments[id] && envType.includes(environments[id].type)), new Set());
  if (env) return make(env, new Set());
  if (envType) return make(declared.filter((e) => envType.includes(e.type)).map((e) => e.id), new Set(envType));
  return make(declared.map((e) => e.id), "all");
}

/** Whether `labels` holds every pair of `required`. */
export function hasLabels(labels: Readonly<Record<string, string>>, required: Readonly<Record<string, string>>): boolean {
  return Object.entries(required).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}

function noPhantoms(s: EnvSet): boolean {
  return s.phantomTypes !== "all" && s.phantomTypes.size === 0;
}

/** Whether `a ⊆ b` in an open universe. */
export function openSubset(a: OpenSet, b: OpenSet): boolean {
  if (b === "all") return true;
  if (a === "all") return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
}

function finiteSubset<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const v of a) if (!b.has(v)) return false;
  return true;
}

/** Whether one dimension of `a` is contained in the same dimension of `b`. */
export function dimensionSubset(a: MatchSet, b: MatchSet, d: Dimension): boolean {
  switch (d) {
    case "type":
      return finiteSubset(a.type, b.type);
    case "target":
      return finiteSubset(a.target, b.target);
    case "env":
      // a's environments must be among those b names, and a's undeclared ones among b's; whether they carry b's
      // labels is the labels dimension's question.
      return finiteSubset(a.env.ids, b.env.named) && openSubset(a.env.phantomTypes, b.env.phantomTypes);
    case "labels":
      // Every declared environment a accepts carries b's labels, and so does every undeclared one: guaranteed only
      // when a requires b's labels itself.
      return [...a.env.ids].every((id) => hasLabels(a.env.labelsOf.get(id) ?? {}, b.labels)) && (noPhantoms(a.env) || hasLabels(a.labels, b.labels));
    default:
      return openSubset(a[d], b[d]);
  }
}

/** Whether the match set `a` is contained in `b` (every dimension contained). */
export function isSubset(a: MatchSet, b: MatchSet): boolean {
  return DIMENSIONS.every((d) => dimensionSubset(a, b, d));
}

/** Whether `a` is strictly contained in `b`. */
export function isStrictSubset(a: MatchSet, b: MatchSet): boolean {
  return isSubset(a, b) && !isSubset(b, a);
}

/** Renders one dimension of a match set for messages: `{default}`, `*`, `{local, staging} + any development`. */
export function describeDimension(s: MatchSet, d: Dimension): string {
  const list = (set: Iterable<string>) => `{${[...set].sort().join(", ")}}`;
  switch (d) {
    case "type":
      return list(s.type);
    case "target":
      return list(s.target);
    case "env": {
      if (s.env.phantomTypes === "all") return "*";
      const types = [...s.env.phantomTypes].sort();
      if (types.length === 0) return list(s.env.named);
      return `any of type ${types.join(" or ")}`;
    }
    case "labels": {
      const pairs = Object.entries(s.labels).map(([k, v]) => `${k}=${v}`);
      return pairs.length ? `{${pairs.join(", ")}}` : "*";
    }
    default: {
      const v = s[d];
      return v === "all" ? "*" : list(v);
    }
  }
}
