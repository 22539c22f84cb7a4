import { firstFailure, type CriterionFailure, type MatchPoint } from "./match.js";
import { isStrictSubset, isSubset, matchSetOf, type MatchSet } from "./match-set.js";
import type { EnvironmentDecl, Rule, RulesTable } from "./types.js";

/** A rule with its match set, ready for precedence decisions. */
export interface IndexedRule {
  rule: Rule;
  /** True for the built-in default rules (the lower tier). */
  builtin: boolean;
  set: MatchSet;
}

/** The rules of one tier, indexed by the resource types they match. */
export interface RuleIndex {
  builtin: boolean;
  byType: ReadonlyMap<string, readonly IndexedRule[]>;
  all: readonly IndexedRule[];
}

/** Indexes a table's rules by type, computing each match set over the given environments. */
export function indexRules(table: RulesTable | undefined, environments: Readonly<Record<string, EnvironmentDecl>>, builtin: boolean): RuleIndex {
  const byType = new Map<string, IndexedRule[]>();
  const all: IndexedRule[] = [];
  for (const rule of table?.rules ?? []) {
    const indexed = { rule, builtin, set: matchSetOf(rule, environments) };
    all.push(indexed);
    for (const type of rule.match.type) {
      const list = byType.get(type) ?? [];
      list.push(indexed);
      byType.set(type, list);
    }
  }
  return { builtin, byType, all };
}

/** How the rules of a type fared at a point. */
export type Selection =
  | { kind: "winner"; winner: IndexedRule; candidates: IndexedRule[] }
  | { kind: "ambiguous"; pair: [IndexedRule, IndexedRule]; candidates: IndexedRule[] }
  | { kind: "none" };

/**
 * Picks the rule for a point. Candidates come from the first tier that has any; the winner is the candidate whose
 * match set is contained in every other candidate's. When there is none, the two first (by id) minimal candidates
 * are reported as ambiguous: they overlap at this point and neither is narrower (or both are the same set).
 */
export function selectRule(point: MatchPoint, tiers: readonly RuleIndex[]): Selection {
  for (const tier of tiers) {
    const candidates = (tier.byType.get(point.type) ?? []).filter((r) => firstFailure(r.rule, point) === undefined);
    if (candidates.length === 0) continue;
    return decide(candidates);
  }
  return { kind: "none" };
}

/** Applies the precedence rule to candidates that all match one point (sorted by rule id). */
export function decide(candidates: readonly IndexedRule[]): Selection {
  const sorted = [...candidates].sort((a, b) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  const minimal = sorted.filter((c) => !sorted.some((d) => d !== c && isStrictSubset(d.set, c.set)));
  if (minimal.length === 1) {
    const winner = minimal[0]!;
    // Every candidate contains a minimal one; with a single minimal candidate it is inside all of them.
    if (sorted.every((c) => isSubset(winner.set, c.set))) return { kind: "winner", winner, candidates: sorted };
  }
  return { kind: "ambiguous", pair: [minimal[0]!, minimal[1] ?? minimal[0]!], candidates: sorted };
}

/** Every rule of the point's type in the given tiers, with the first criterion it fails (undefined = matches). */
export function ruleOutcomes(point: MatchPoint, tiers: readonly RuleIndex[]): { rule: IndexedRule; failure?: CriterionFailure }[] {
  const out: { rule: IndexedRule; failure?: CriterionFailure }[] = [];
  for (const tier of tiers) {
    for (const r of tier.byType.get(point.type) ?? []) {
      const failure = firstFailure(r.rule, point);
      out.push(failure ? { rule: r, failure } : { rule: r });
    }
  }
  return out;
}
