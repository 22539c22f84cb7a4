import type { TargetName } from "../../model/resolved.js";
import type { MatchPoint } from "../match.js";
import { decide, indexRules, tie, type IndexedRule, type RuleIndex, type Selection } from "../select.js";
import { environmentUniverse, TARGETS, type PrecedenceCriterion, type RulesTable } from "../types.js";
import { DependencyChecker, type DependencyProblem } from "./dependencies.js";
import { PointSpace, type PointDimension } from "./point-space.js";

/** Two rules that tie at a point (the first point found): neither is inside the other and the declared order does not separate them. */
export interface Conflict {
  type: string;
  a: IndexedRule;
  b: IndexedRule;
  point: MatchPoint;
}

/** A rule that wins nowhere; `lost` is a point where it matches and another rule wins, when there is one. */
export interface Unreachable {
  rule: IndexedRule;
  lost?: { point: MatchPoint; winner: IndexedRule };
}

/** What the static check finds, before it becomes diagnostics. */
export interface RulesFindings {
  precedence: readonly PrecedenceCriterion[];
  conflicts: Conflict[];
  unreachable: Unreachable[];
  dependencies: DependencyProblem[];
  /** Per resource type: its rules, the size of its point space and how many points were evaluated. */
  types: { type: string; rules: number; points: number; examined: number }[];
}

/** Called where rules win: at every point where a rule wins, or once per distinct part of such points that `reads` names. */
export interface WinnerVisitor {
  visit(winner: IndexedRule, point: MatchPoint): void;
  /**
   * The dimensions of the point (besides the type) that the visit of `winner` depends on, or `"everything"` (it is
   * visited at every point where it wins). With a set, it is visited at the first point (in enumeration order) of
   * each distinct combination of those dimensions where it wins, in enumeration order.
   */
  reads(winner: IndexedRule): ReadonlySet<PointDimension> | "everything";
}

/** Options for {@link analyzeRulesTable}. */
export interface AnalyzeOptions {
  /** The built-in lower tier per target, used to resolve `requires` that no user rule handles. */
  defaults?: (target: TargetName) => RulesTable | undefined;
  /**
   * Makes a visitor of the points where rules win, given the tiers resolution uses (user rules first). With one,
   * every rule's whole match set is walked (up to the first winning point of each part the visitor reads), as
   * evaluating winners needs; without, only what the verdicts need.
   */
  visitWinners?: (tiersFor: (target: TargetName) => readonly RuleIndex[], user: RuleIndex) => WinnerVisitor;
}

/**
 * The static check without walking the whole point space. An ambiguous point always has two candidates that tie
 * with each other alone, so only the overlaps of such pairs are visited (stopping at the first point where the pair
 * really ties; a third rule may settle it everywhere). A rule that is not seen winning there is looked for in its
 * own match set until it wins somewhere; rules with `requires` visit their whole match set, to follow what they
 * require wherever they win. When winners are visited (`visitWinners`: evaluating each rule where it wins), every
 * rule's match set is covered too, in parts: the first point where the rule wins in each distinct combination of
 * the dimensions it reads (PointSpace.firstWhere decides whole boxes where the same rules match throughout). Every
 * point gets the same verdict as resolution gives it.
 */
export function analyzeRulesTable(table: RulesTable, options: AnalyzeOptions = {}): RulesFindings {
  const universe = environmentUniverse(table);
  const user = indexRules(table, universe, false);
  const lower = new Map<TargetName, RuleIndex>();
  for (const t of TARGETS) {
    const d = options.defaults?.(t);
    if (d) lower.set(t, indexRules(d, universe, true));
  }
  const tiersFor = (t: TargetName): RuleIndex[] => (lower.has(t) ? [user, lower.get(t)!] : [user]);
  const deps = new DependencyChecker(tiersFor);
  const visit = options.visitWinners?.(tiersFor, user);
  const precedence = user.precedence;
  const conflicts = new Map<string, Conflict>();
  const winners = new Set<IndexedRule>();
  const involved = new Set<IndexedRule>();
  const lostAt = new Map<IndexedRule, { point: MatchPoint; winner: IndexedRule }>();
  const types: RulesFindings["types"] = [];

  for (const type of user.types()) {
    const rules = user.ofType(type);
    const space = new PointSpace(type, rules, table, universe);
    const verdicts = new Map<number | string, Selection>();
    // Points with the same candidates get the same decision: a table has far fewer candidate sets than points.
    const decisions = new Map<string, Selection>();
    const decision = (positions: readonly number[]): Selection => {
      const set = positions.join(",");
      let s = decisions.get(set);
      if (!s) decisions.set(set, (s = positions.length === 0 ? { kind: "none" } : decide(positions.map((i) => rules[i]!), precedence)));
      return s;
    };
    const verdict = (idx: readonly number[]): Selection => {
      const key = space.key(idx);
      let s = verdicts.get(key);
      if (s) return s;
      s = decision(space.candidates(idx));
      verdicts.set(key, s);
      if (s.kind === "winner") {
        winners.add(s.winner);
        for (const c of s.candidates) if (c !== s.winner && !lostAt.has(c)) lostAt.set(c, { point: space.point(idx), winner: s.winner });
      } else if (s.kind === "ambiguous") {
        for (const [a, b] of s.conflicts) {
          const k = pairKey(a, b);
          if (conflicts.has(k)) continue;
          conflicts.set(k, { type, a, b, point: space.point(idx) });
          involved.add(a).add(b);
        }
      }
      return s;
    };

    for (let i = 0; i < rules.length; i++) {
      for (let j = i + 1; j < rules.length; j++) {
        if (!space.overlaps(i, j) || !tie(rules[i]!, rules[j]!, precedence)) continue;
        const overlap = space.meet(i, j);
        if (!overlap) continue;
        const k = pairKey(rules[i]!, rules[j]!);
        space.forEachPoint(overlap, (idx) => {
          verdict(idx);
          return conflicts.has(k);
        });
      }
    }
    rules.forEach((r, i) => {
      if (winners.has(r) || involved.has(r)) return;
      space.forEachPoint(space.box(i), (idx) => winnerOf(verdict(idx)) === r);
    });
    rules.forEach((r, i) => {
      const requires = Object.keys(r.rule.requires).length > 0;
      if (!requires && !visit) return;
      // Requirements are followed from every winning point; a visit that reads less needs one point per distinct part:
      // the first where the rule wins, found a part at a time and visited in domain order as a whole walk would.
      const reads = requires ? "everything" : visit!.reads(r);
      if (reads !== "everything") {
        const firsts = space.parts(space.box(i), reads).flatMap((part) => {
          const first = space.firstWhere(part, (c) => winnerOf(decision(c)) === r);
          return first ? [first] : [];
        });
        for (const idx of firsts.sort(domainOrder)) visit!.visit(r, space.point(idx));
        return;
      }
      space.forEachPoint(space.box(i), (idx) => {
        if (winnerOf(verdict(idx)) !== r) return;
        const point = space.point(idx);
        if (requires) deps.check(r, point);
        visit?.visit(r, point);
      });
    });
    types.push({ type, rules: rules.length, points: space.count(space.all()), examined: verdicts.size });
  }

  const unreachable = user
    .all()
    .filter((r) => !winners.has(r) && !involved.has(r))
    .map((rule): Unreachable => {
      const lost = lostAt.get(rule);
      return lost ? { rule, lost } : { rule };
    });
  return { precedence, conflicts: [...conflicts.values()], unreachable, dependencies: deps.problems, types };
}

// Value indexes compared dimension by dimension: the order in which a walk meets points.
function domainOrder(a: readonly number[], b: readonly number[]): number {
  for (let d = 0; d < a.length; d++) if (a[d] !== b[d]) return a[d]! - b[d]!;
  return 0;
}

function winnerOf(s: Selection): IndexedRule | undefined {
  return s.kind === "winner" ? s.winner : undefined;
}

/** The key of an unordered pair of rules. */
export function pairKey(a: IndexedRule, b: IndexedRule): string {
  return a.rule.id < b.rule.id ? `${a.rule.id}\u0000${b.rule.id}` : `${b.rule.id}\u0000${a.rule.id}`;
}
