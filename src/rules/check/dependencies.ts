import type { Location } from "../../diagnostics/diagnostic.js";
import type { TargetName } from "../../model/resolved.js";
import { dependencyReferences } from "../expressions/check-templates.js";
import { requirementPoint } from "../check-evaluate.js";
import { OTHER_VALUE, type MatchPoint } from "../match.js";
import { selectRule, type IndexedRule, type RuleIndex } from "../select.js";
import type { Requirement } from "../types.js";

/** A problem with what a winning rule requires, found at one point (the first one met). */
export type DependencyProblem =
  | { kind: "no-match"; rule: IndexedRule; alias: string; requirement: Requirement; point: MatchPoint }
  | { kind: "missing-output"; rule: IndexedRule; alias: string; key: string; provider: IndexedRule; point: MatchPoint; at: Location }
  | { kind: "cycle"; rules: IndexedRule[]; point: MatchPoint }
  /** A rule met again down its chain (as another resource) that requires a private resource again: compile would create resources without end. */
  | { kind: "endless"; rule: IndexedRule; alias: string; rules: IndexedRule[]; point: MatchPoint };

/** Follows `requires` from a winning rule at a point: each requirement must resolve, provide what is read, and not loop. */
export class DependencyChecker {
  readonly problems: DependencyProblem[] = [];
  private readonly reported = new Set<string>();
  private readonly done = new Set<string>();

  constructor(private readonly tiersFor: (t: TargetName) => RuleIndex[]) {}

  check(winner: IndexedRule, point: MatchPoint): void {
    if (Object.keys(winner.rule.requires).length === 0) return;
    this.follow(winner, point, [], true);
  }

  // `viaFixedId`: whether the requirement that led here names a fixed id; without one each step derives a new id,
  // so meeting the same rule again means the chain never ends.
  private follow(rule: IndexedRule, point: MatchPoint, chain: { rule: IndexedRule; uid: string }[], viaFixedId: boolean): void {
    const key = `${rule.rule.id}\u0000${pointKey(point)}`;
    const uid = `${point.type}.${point.class}#${point.id}`;
    const here = [...chain, { rule, uid }];
    const loop = chain.findIndex((c) => c.rule.rule.id === rule.rule.id && (c.uid === uid || !viaFixedId));
    if (loop >= 0) {
      const rules = here.slice(loop).map((c) => c.rule);
      this.once(`cycle\u0000${[...new Set(rules.map((r) => r.rule.id))].sort().join(",")}`, () => ({ kind: "cycle", rules, point }));
      return;
    }
    // The cycle check above depends on which rules the chain has met, so that is part of what is done.
    const doneKey = `${key}\u0000${[...new Set(chain.map((c) => c.rule.rule.id))].sort().join(",")}`;
    if (this.done.has(doneKey)) return;
    this.done.add(doneKey);
    const refs = dependencyReferences(rule.rule);
    for (const [alias, req] of Object.entries(rule.rule.requires)) {
      // As compile does: a rule met earlier on the chain (as another resource) that requires a private resource
      // again would create resources without end.
      const repeated = req.id === undefined ? chain.find((c) => c.rule.rule.id === rule.rule.id && !sameResource(c.uid, uid)) : undefined;
      if (repeated) {
        const rules = here.slice(chain.indexOf(repeated)).map((c) => c.rule);
        this.once(`cycle\u0000${rule.rule.id}\u0000${alias}`, () => ({ kind: "endless", rule, alias, rules, point }));
        continue;
      }
      const depPoint = requirementPoint(point, alias, req);
      const s = selectRule(depPoint, this.tiersFor(point.target));
      if (s.kind === "none") {
        this.once(`none\u0000${rule.rule.id}\u0000${alias}`, () => ({ kind: "no-match", rule, alias, requirement: req, point: depPoint }));
        continue;
      }
      if (s.kind !== "winner") continue; // reported where that type's own points are checked
      const dep = s.winner;
      const provides = new Set([...Object.keys(dep.rule.outputs), ...Object.keys(dep.rule.secrets)]);
      for (const ref of refs) {
        if (ref.alias !== alias || provides.has(ref.key) || provides.has("*")) continue;
        this.once(`missing\u0000${rule.rule.id}\u0000${alias}\u0000${ref.key}\u0000${dep.rule.id}`, () => ({ kind: "missing-output", rule, alias, key: ref.key, provider: dep, point: depPoint, at: ref.at }));
      }
      this.follow(dep, depPoint, here, req.id !== undefined);
    }
  }

  private once(key: string, make: () => DependencyProblem): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push(make());
  }
}

/** Two stand-in ids are never known to be the same resource: private ids below them grow at every step. */
function sameResource(a: string, b: string): boolean {
  return a === b && !a.includes(OTHER_VALUE);
}

/** A stable key of a point, whatever order its fields were set in. */
export function pointKey(p: MatchPoint): string {
  return [p.type, p.class, p.id, p.workload ?? "\u0001shared", p.app, p.env, p.envType, p.target].join("\u0000"); // labels follow from env
}
