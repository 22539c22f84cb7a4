// The static rules check as it was first written: every point of the space, every rule filtered with
// firstFailure (what resolution uses). Slow, obviously complete: the oracle the fast check is held to.
import type { TargetName } from "../../src/model/resolved.js";
import { pairKey } from "../../src/rules/check/analyze.js";
import { DependencyChecker, type DependencyProblem } from "../../src/rules/check/dependencies.js";
import { firstFailure, OTHER_VALUE, type MatchPoint } from "../../src/rules/match.js";
import { decide, indexRules, type IndexedRule, type RuleIndex, type Selection } from "../../src/rules/select.js";
import { environmentUniverse, TARGETS, type EnvironmentDecl, type RulesTable } from "../../src/rules/types.js";

export interface OracleFindings {
  /** Pair key → the first point where the pair ties. */
  conflicts: Map<string, MatchPoint>;
  unreachable: string[];
  dependencies: DependencyProblem[];
  points: number;
  /** The verdict at any point (for checking the fast check's example points). */
  verdictAt(point: MatchPoint): Selection;
}

export function exhaustiveRulesCheck(
  table: RulesTable,
  defaults?: (t: TargetName) => RulesTable | undefined,
): OracleFindings {
  const universe = environmentUniverse(table);
  const user = indexRules(table, universe, false);
  const lower = new Map<TargetName, RuleIndex>();
  for (const t of TARGETS) {
    const d = defaults?.(t);
    if (d) lower.set(t, indexRules(d, universe, true));
  }
  const deps = new DependencyChecker((t) => (lower.has(t) ? [user, lower.get(t)!] : [user]));
  const conflicts = new Map<string, MatchPoint>();
  const winners = new Set<string>();
  const involved = new Set<string>();
  let points = 0;
  const verdictAt = (point: MatchPoint): Selection => {
    const candidates = user.ofType(point.type).filter((r) => firstFailure(r.rule, point) === undefined);
    return candidates.length === 0 ? { kind: "none" } : decide(candidates, user.precedence);
  };
  for (const type of user.types()) {
    for (const point of pointsFor(type, table, universe)) {
      points++;
      const s = verdictAt(point);
      if (s.kind === "winner") {
        winners.add(s.winner.rule.id);
        deps.check(s.winner, point);
      } else if (s.kind === "ambiguous") {
        for (const [a, b] of s.conflicts) {
          involved.add(a.rule.id).add(b.rule.id);
          if (!conflicts.has(pairKey(a, b))) conflicts.set(pairKey(a, b), point);
        }
      }
    }
  }
  const unreachable = user
    .all()
    .filter((r: IndexedRule) => !winners.has(r.rule.id) && !involved.has(r.rule.id))
    .map((r) => r.rule.id);
  return { conflicts, unreachable, dependencies: deps.problems, points, verdictAt };
}

// Every environment (with its env id, type and labels) and target × every class and id the table names for the type
// (from match criteria and requires, plus the ids whose private requirements are named) × every workload and app any
// rule names, plus one stand-in for all other values.
function* pointsFor(
  type: string,
  table: RulesTable,
  universe: Readonly<Record<string, EnvironmentDecl>>,
): Generator<MatchPoint> {
  const classes = new Set<string>(["default", OTHER_VALUE]);
  const ids = new Set<string>([OTHER_VALUE]);
  const workloads = new Set<string | undefined>([undefined, OTHER_VALUE]);
  const apps = new Set<string>([OTHER_VALUE]);
  const namedIds = new Set(
    table.rules.flatMap((r) => [
      ...(r.match.id ?? []),
      ...Object.values(r.requires).flatMap((q) => (q.id !== undefined ? [q.id] : [])),
    ]),
  );
  for (const rule of table.rules) {
    for (const v of rule.match.workload ?? []) workloads.add(v);
    for (const v of rule.match.app ?? []) apps.add(v);
    for (const req of Object.values(rule.requires)) {
      if (req.type !== type) continue;
      classes.add(req.class);
      if (req.id !== undefined) ids.add(req.id);
    }
    if (!rule.match.type.includes(type)) continue;
    if (rule.match.class !== "*") for (const c of rule.match.class) classes.add(c);
    for (const v of rule.match.id ?? []) ids.add(v);
  }
  const privateAliases = new Set(
    table.rules.flatMap((r) => Object.entries(r.requires).flatMap(([alias, q]) => (q.id === undefined ? [alias] : []))),
  );
  for (const named of namedIds) {
    const parts = named.split(".");
    for (let cut = parts.length - 1; cut >= 1 && privateAliases.has(parts[cut]!); cut--)
      ids.add(parts.slice(0, cut).join("."));
  }
  for (const env of Object.values(universe)) {
    for (const target of TARGETS) {
      for (const cls of classes) {
        for (const id of ids) {
          for (const workload of workloads) {
            if (
              workload !== undefined &&
              workload !== OTHER_VALUE &&
              id !== OTHER_VALUE &&
              !id.startsWith(`${workload}.`)
            )
              continue;
            for (const app of apps) {
              yield {
                type,
                class: cls,
                id,
                ...(workload !== undefined ? { workload } : {}),
                app,
                env: env.id,
                envType: env.type,
                labels: env.labels,
                target,
              };
            }
          }
        }
      }
    }
  }
}
