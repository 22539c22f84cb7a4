import { where } from "./load.js";
import { describeDimension, dimensionSubset, DIMENSIONS, isSubset, type Dimension, type MatchSet, type OpenSet } from "./match-set.js";
import { decidingCriterion, precedenceWidth, type IndexedRule } from "./select.js";
import { PRECEDENCE_CRITERIA, TARGETS, type PrecedenceCriterion } from "./types.js";

/** `"id" (file:line:col)`, or `"id" (built-in, file:line:col)` for a default rule. */
export function ruleLabel(r: IndexedRule): string {
  return `"${r.rule.id}" (${r.builtin ? "built-in, " : ""}${where(r.rule.origin.locate([], "value"))})`;
}

/** Why `loser` loses to `winner` (whose match set is strictly inside the loser's): the first wider dimension. */
export function lessSpecificReason(loser: IndexedRule, winner: IndexedRule): string {
  const d = DIMENSIONS.find((dim) => dimensionSubset(winner.set, loser.set, dim) && !dimensionSubset(loser.set, winner.set, dim));
  if (!d) return `less specific than "${winner.rule.id}"`;
  return `less specific than "${winner.rule.id}": its ${d} ${describeDimension(loser.set, d)} is wider than ${describeDimension(winner.set, d)}`;
}

/** Why two candidates tie: the same match set, or each narrower than the other in some dimension (and, with a declared order, not separated by it). */
export function ambiguityReason(a: IndexedRule, b: IndexedRule, precedence: readonly PrecedenceCriterion[] = []): string {
  const aNarrower = DIMENSIONS.filter((d) => !dimensionSubset(b.set, a.set, d));
  const bNarrower = DIMENSIONS.filter((d) => !dimensionSubset(a.set, b.set, d));
  if (aNarrower.length === 0 && bNarrower.length === 0) return "they have the same match set";
  const part = (r: IndexedRule, dims: Dimension[], other: IndexedRule) =>
    dims.length === 0 ? `"${r.rule.id}" is nowhere narrower` : `"${r.rule.id}" is narrower in ${dims.map((d) => `${d} (${describeDimension(r.set, d)} vs ${describeDimension(other.set, d)})`).join(", ")}`;
  const order = precedence.length > 0 ? `; the declared order [${precedence.join(", ")}] does not separate them (as written, they are equally wide on each criterion it lists)` : "";
  return `neither is more specific: ${part(a, aNarrower, b)}; ${part(b, bNarrower, a)}${order}`;
}

/**
 * The hint for an ambiguity: the rule that would settle it, or (for identical match sets) removing one. When the
 * rules differ in width on criteria the declared order does not list, naming those is the other way out.
 */
export function ambiguityHint(a: IndexedRule, b: IndexedRule, type: string, precedence: readonly PrecedenceCriterion[] = []): string {
  if (isSubset(a.set, b.set) && isSubset(b.set, a.set)) return "they match exactly the same resources: remove one, or narrow one of them";
  const rule = `add a rule with match ${meetCriteria(a.set, b.set, type)} to decide where they overlap, or narrow one of them`;
  const differing = PRECEDENCE_CRITERIA.filter((c) => !precedence.includes(c) && precedenceWidth(a.rule, c) !== precedenceWidth(b.rule, c));
  if (differing.length === 0) return rule;
  if (precedence.length === 0) return `${rule}, or declare the tie-break order at the top of the table, e.g. precedence: [${differing.join(", ")}]`;
  return `${rule}, or add ${differing.map((c) => `"${c}"`).join(" or ")} to precedence [${precedence.join(", ")}]`;
}

/** Why the winner beat candidates that containment alone could not rank: `won over "a", "b" by the declared order: narrower in id`. */
export function precedenceWinReason(winner: IndexedRule, beaten: readonly IndexedRule[], precedence: readonly PrecedenceCriterion[]): string {
  const byCriterion = new Map<string, string[]>();
  for (const loser of beaten) {
    const c = decidingCriterion(winner, loser, precedence) ?? "?";
    byCriterion.set(c, [...(byCriterion.get(c) ?? []), `"${loser.rule.id}"`]);
  }
  const parts = [...byCriterion].map(([c, ids]) => `over ${ids.join(", ")}: narrower in ${c}`);
  if (parts.length === 1) return `won ${parts[0]!.replace(": narrower", " by the declared order: narrower")}`;
  return `won by the declared order [${precedence.join(", ")}]: ${parts.join("; ")}`;
}

/** Why a candidate lost to the winner by the declared order: the first listed criterion where the winner is narrower. */
export function precedenceLossReason(loser: IndexedRule, winner: IndexedRule, precedence: readonly PrecedenceCriterion[]): string {
  const c = decidingCriterion(winner, loser, precedence);
  if (!c) return `loses to "${winner.rule.id}" by the declared order`;
  const width = (r: IndexedRule) => {
    if (precedenceWidth(r.rule, c) === Infinity) return "*";
    const labels = r.rule.match.labels;
    return c === "labels" && labels ? `{${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(", ")}}` : `{${(r.rule.match[c as Exclude<PrecedenceCriterion, "labels">] ?? []).join(", ")}}`;
  };
  return `loses to "${winner.rule.id}" by the declared order [${precedence.join(", ")}]: "${winner.rule.id}" is narrower in ${c} (${width(winner)} vs ${width(loser)})`;
}

/**
 * The criteria of the rule that would settle an overlap: the intersection of both match sets, written as a `match`
 * block. Adding it makes that rule win wherever both overlap.
 */
export function meetCriteria(a: MatchSet, b: MatchSet, type: string): string {
  const parts: string[] = [`type: ${type}`];
  const cls = meetOpen(a.class, b.class);
  if (cls === "all") parts.push('class: "*"');
  else if (!(cls.size === 1 && cls.has("default"))) parts.push(`class: ${yamlList(cls)}`);
  for (const d of ["id", "workload", "app"] as const) {
    const m = meetOpen(a[d], b[d]);
    if (m !== "all") parts.push(`${d}: ${yamlList(m)}`);
  }
  const ids = [...a.env.ids].filter((id) => b.env.ids.has(id));
  const phantoms = meetOpen(a.env.phantomTypes, b.env.phantomTypes);
  if (phantoms !== "all") {
    if (phantoms.size > 0) parts.push(`envType: ${yamlList(phantoms)}`);
    else parts.push(`env: ${yamlList(ids)}`);
  }
  const labels = { ...b.labels, ...a.labels };
  if (Object.keys(labels).length) parts.push(`labels: { ${Object.entries(labels).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => `${k}: ${v}`).join(", ")} }`);
  const targets = [...a.target].filter((t) => b.target.has(t));
  if (targets.length < TARGETS.length) parts.push(`target: ${yamlList(targets)}`);
  return `{ ${parts.join(", ")} }`;
}

function meetOpen(a: OpenSet, b: OpenSet): OpenSet {
  if (a === "all") return b;
  if (b === "all") return a;
  return new Set([...a].filter((v) => b.has(v)));
}

function yamlList(values: Iterable<string>): string {
  const sorted = [...values].sort();
  return sorted.length === 1 ? sorted[0]! : `[${sorted.join(", ")}]`;
}
