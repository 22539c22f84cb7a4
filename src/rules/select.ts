import { failingCriterion, firstFailure, type CriterionFailure, type MatchPoint } from "./match.js";
import { isStrictSubset, isSubset, matchSetOf, type MatchSet } from "./match-set.js";
import type { EnvironmentDecl, PrecedenceCriterion, Rule, RulesTable } from "./types.js";

/** A rule with its match set, ready for precedence decisions. */
export interface IndexedRule {
  rule: Rule;
  /** True for the built-in default rules (the lower tier). */
  builtin: boolean;
  set: MatchSet;
}

/**
 * The rules of one tier, indexed by the resource types they match. Match sets are computed per type on first use,
 * so resolving an app costs what the rules of its resource types cost, whatever else the table holds.
 */
export interface RuleIndex {
  builtin: boolean;
  /** The tier's declared tie-break order; empty when none is declared (containment alone decides). */
  precedence: readonly PrecedenceCriterion[];
  /** The rules that match a type (sorted by id). */
  ofType(type: string): readonly IndexedRule[];
  /** Every type some rule matches, sorted. */
  types(): readonly string[];
  /** Every rule of the tier (sorted by id), each once. */
  all(): readonly IndexedRule[];
}

/** Indexes a table's rules by type; each rule's match set (over the given environments) is computed when its type is first asked for. */
export function indexRules(table: RulesTable | undefined, environments: Readonly<Record<string, EnvironmentDecl>>, builtin: boolean): RuleIndex {
  const rulesByType = new Map<string, Rule[]>();
  for (const rule of table?.rules ?? []) {
    for (const type of rule.match.type) {
      const list = rulesByType.get(type);
      if (list) list.push(rule);
      else rulesByType.set(type, [rule]);
    }
  }
  const indexed = new Map<Rule, IndexedRule>();
  const of = (rule: Rule): IndexedRule => {
    let r = indexed.get(rule);
    if (!r) indexed.set(rule, (r = lazySet(rule, builtin, environments)));
    return r;
  };
  const byType = new Map<string, readonly IndexedRule[]>();
  return {
    builtin,
    precedence: table?.precedence?.order ?? [],
    ofType(type) {
      let list = byType.get(type);
      if (!list) byType.set(type, (list = (rulesByType.get(type) ?? []).map(of)));
      return list;
    },
    types: () => [...rulesByType.keys()].sort(),
    all: () => (table?.rules ?? []).map(of),
  };
}

// A match set is only needed when two candidates meet: most resources of a compile have a single one.
function lazySet(rule: Rule, builtin: boolean, environments: Readonly<Record<string, EnvironmentDecl>>): IndexedRule {
  let set: MatchSet | undefined;
  return { rule, builtin, get set() { return (set ??= matchSetOf(rule, environments)); } };
}

/** How the rules of a type fared at a point. */
export type Selection =
  | {
      kind: "winner";
      winner: IndexedRule;
      candidates: IndexedRule[];
      /** Set when containment alone did not decide: the candidates the winner beat by the declared order. */
      byPrecedence?: IndexedRule[];
    }
  | {
      kind: "ambiguous";
      /** The first tied pair (by rule id). */
      pair: [IndexedRule, IndexedRule];
      /** Every pair of candidates that tie here: neither is inside the other and the declared order (if any) does not separate them, or both have the same match set. */
      conflicts: [IndexedRule, IndexedRule][];
      candidates: IndexedRule[];
    }
  | { kind: "none" };

/**
 * Picks the rule for a point. Candidates come from the first tier that has any; the winner is decided by
 * {@link decide} with that tier's declared order.
 */
export function selectRule(point: MatchPoint, tiers: readonly RuleIndex[]): Selection {
  for (const tier of tiers) {
    const candidates = tier.ofType(point.type).filter((r) => failingCriterion(r.rule, point) === undefined);
    if (candidates.length === 0) continue;
    return decide(candidates, tier.precedence);
  }
  return { kind: "none" };
}

/**
 * Applies precedence to candidates that all match one point. First containment: candidates whose match set
 * strictly contains another candidate's are out. One left: it wins (it is inside every candidate). Several left
 * (pairwise incomparable, or the same set): the declared order picks the one narrower on the earliest listed
 * criterion; it wins when it alone is narrowest and no other remaining candidate has the very same match set.
 * Everything else is an ambiguity, reported with every tied pair.
 */
export function decide(candidates: readonly IndexedRule[], precedence: readonly PrecedenceCriterion[] = []): Selection {
  const sorted = [...candidates].sort((a, b) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  const minimal = sorted.filter((c) => !sorted.some((d) => d !== c && isStrictSubset(d.set, c.set)));
  if (minimal.length === 1) return { kind: "winner", winner: minimal[0]!, candidates: sorted };
  const narrowest = minimal.filter((c) => minimal.every((d) => comparePrecedence(c, d, precedence) <= 0));
  const twins = minimal.filter((c) => narrowest.some((n) => n !== c && sameSet(n, c)));
  if (narrowest.length === 1 && twins.length === 0) {
    const winner = narrowest[0]!;
    return { kind: "winner", winner, candidates: sorted, byPrecedence: minimal.filter((c) => c !== winner) };
  }
  const tied = sorted.filter((c) => narrowest.includes(c) || twins.includes(c));
  const conflicts: [IndexedRule, IndexedRule][] = [];
  for (let i = 0; i < tied.length; i++) for (let j = i + 1; j < tied.length; j++) if (tie(tied[i]!, tied[j]!, precedence)) conflicts.push([tied[i]!, tied[j]!]);
  return { kind: "ambiguous", pair: conflicts[0]!, conflicts, candidates: sorted };
}

/** Whether two rules that both match a point tie with each other alone: the same set, or incomparable and not separated by the declared order. */
export function tie(a: IndexedRule, b: IndexedRule, precedence: readonly PrecedenceCriterion[]): boolean {
  // Separated by the declared order: only the very same match set still ties (the cheaper test first).
  if (comparePrecedence(a, b, precedence) !== 0) return sameSet(a, b);
  const ab = isSubset(a.set, b.set);
  const ba = isSubset(b.set, a.set);
  if (ab && ba) return true;
  return !(ab || ba);
}

/**
 * How wide a rule is on a criterion for the declared order: the number of values it lists, or Infinity when it does
 * not name the criterion. Labels are all required at once, so more labels are narrower: 1 / the number of labels.
 */
export function precedenceWidth(rule: Rule, criterion: PrecedenceCriterion): number {
  if (criterion === "labels") return rule.match.labels === undefined ? Infinity : 1 / Object.keys(rule.match.labels).length;
  return rule.match[criterion]?.length ?? Infinity;
}

/** Negative when `a` is narrower than `b` on the earliest criterion of the order where they differ, positive when wider, 0 when they never differ. */
export function comparePrecedence(a: IndexedRule, b: IndexedRule, precedence: readonly PrecedenceCriterion[]): number {
  const c = decidingCriterion(a, b, precedence);
  if (!c) return 0;
  return precedenceWidth(a.rule, c) < precedenceWidth(b.rule, c) ? -1 : 1;
}

/** The earliest criterion of the declared order on which the two rules differ in width. */
export function decidingCriterion(a: IndexedRule, b: IndexedRule, precedence: readonly PrecedenceCriterion[]): PrecedenceCriterion | undefined {
  return precedence.find((c) => precedenceWidth(a.rule, c) !== precedenceWidth(b.rule, c));
}

function sameSet(a: IndexedRule, b: IndexedRule): boolean {
  return isSubset(a.set, b.set) && isSubset(b.set, a.set);
}

/** Every rule of the point's type in the given tiers, with the first criterion it fails (undefined = matches). */
export function ruleOutcomes(point: MatchPoint, tiers: readonly RuleIndex[]): { rule: IndexedRule; failure?: CriterionFailure }[] {
  const out: { rule: IndexedRule; failure?: CriterionFailure }[] = [];
  for (const tier of tiers) {
    for (const r of tier.ofType(point.type)) {
      const failure = firstFailure(r.rule, point);
      out.push(failure ? { rule: r, failure } : { rule: r });
    }
  }
  return out;
}
