import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { closestName } from "../shared/suggest.js";
import { PointEvaluator, requirementPoint, type ArtifactCheck } from "./check-evaluate.js";
import type { TargetName } from "../model/resolved.js";
import { dependencyReferences } from "./expressions/check-templates.js";
import { describePoint, firstFailure, OTHER_VALUE, type MatchPoint } from "./match.js";
import { ambiguityHint, ambiguityReason, ruleLabel } from "./precedence-text.js";
import { decide, indexRules, selectRule, type IndexedRule, type RuleIndex } from "./select.js";
import { environmentUniverse, TARGETS, type EnvironmentDecl, type RulesTable } from "./types.js";

/** Options for {@link checkRulesTable}. */
export interface CheckTableOptions {
  /** The built-in lower tier per target, used to resolve `requires` that no user rule handles. */
  defaults?: (target: TargetName) => RulesTable | undefined;
  /** The targets' own checks of a resource's artifacts (secret placement, object shape); the api layer passes them. */
  artifactCheck?: ArtifactCheck;
}

/**
 * Checks a whole table statically against every declared environment × target × the classes, ids, workloads and
 * apps the table names (plus one representative of everything else): every point must have a single most specific
 * rule, every rule must win somewhere, every `requires` must resolve and provide the outputs the rule reads, and
 * requires chains must not loop; and each winning rule is evaluated at each point (see PointEvaluator) as compile
 * would evaluate it. Matching is decided exactly, because unnamed values all behave alike; evaluation leaves what
 * only a workload supplies (params, metadata, other workloads) unknown.
 */
export function checkRulesTable(table: RulesTable, options: CheckTableOptions = {}): { diagnostics: Diagnostic[]; points: number } {
  const universe = environmentUniverse(table);
  const user = indexRules(table, universe, false);
  const lower = new Map<TargetName, RuleIndex>();
  for (const t of TARGETS) {
    const d = options.defaults?.(t);
    if (d) lower.set(t, indexRules(d, universe, true));
  }
  const tiersFor = (t: TargetName): RuleIndex[] => (lower.has(t) ? [user, lower.get(t)!] : [user]);
  const diagnostics: Diagnostic[] = [];
  const winners = new Set<string>();
  const involved = new Set<string>();
  const ambiguous = new Set<string>();
  const lostAt = new Map<string, { point: MatchPoint; winner: IndexedRule }>();
  const deps = new DependencyChecker(tiersFor, diagnostics);
  const evaluator = new PointEvaluator(tiersFor, universe, options.artifactCheck);
  // Per type: every rule that wins somewhere, with the first point where it does.
  const winnersByType = new Map<string, Map<IndexedRule, MatchPoint>>();
  let points = 0;
  for (const type of [...user.byType.keys()].sort()) {
    const rules = user.byType.get(type)!;
    for (const point of pointsFor(type, table, universe)) {
      points++;
      const candidates = rules.filter((r) => firstFailure(r.rule, point) === undefined);
      if (candidates.length === 0) continue;
      const s = decide(candidates);
      if (s.kind === "winner") {
        winners.add(s.winner.rule.id);
        for (const c of candidates) if (c !== s.winner && !lostAt.has(c.rule.id)) lostAt.set(c.rule.id, { point, winner: s.winner });
        deps.check(s.winner, point);
        evaluator.at(s.winner, point);
        const seen = winnersByType.get(type) ?? new Map<IndexedRule, MatchPoint>();
        if (!seen.has(s.winner)) seen.set(s.winner, point);
        winnersByType.set(type, seen);
        continue;
      }
      if (s.kind !== "ambiguous") continue;
      const [a, b] = s.pair;
      involved.add(a.rule.id).add(b.rule.id);
      const key = `${a.rule.id}\u0000${b.rule.id}`;
      if (ambiguous.has(key)) continue;
      ambiguous.add(key);
      diagnostics.push(
        error(
          "RULES_AMBIGUOUS",
          `rules ${ruleLabel(a)} and ${ruleLabel(b)} both match ${describePoint(point)}; ${ambiguityReason(a, b)}`,
          a.rule.origin.locate(["match"], "key"),
          ambiguityHint(a, b, type),
        ),
      );
    }
  }
  for (const r of user.all) {
    if (winners.has(r.rule.id) || involved.has(r.rule.id)) continue;
    const lost = lostAt.get(r.rule.id);
    const why = lost
      ? `wherever it matches, a more specific rule wins (e.g. ${ruleLabel(lost.winner)} at ${describePoint(lost.point)})`
      : `it matches no declared environment and target${emptyReason(r, universe)}`;
    diagnostics.push(error("RULES_UNREACHABLE", `rule "${r.rule.id}" can never win: ${why}`, r.rule.origin.locate(["match"], "key"), lost ? "remove it, or narrow the rule that shadows it" : "check its env, envType, labels and target criteria against the declared environments"));
  }
  // A missing deps output is already reported with the rule that lacks it; evaluating the read says the same again.
  const place = (d: Diagnostic) => `${d.file ?? ""}\u0000${JSON.stringify(d.range)}`;
  const missing = new Set(diagnostics.filter((d) => d.code === "RULES_MISSING_OUTPUT").map(place));
  diagnostics.push(...evaluator.diagnostics.filter((d) => !missing.has(place(d))), ...outputGaps(winnersByType, user));
  return { diagnostics, points };
}

/**
 * A workload's `${resources.NAME.KEY}` fails wherever the winning rule lacks KEY. Whatever one rule of a type
 * provides, a workload may ask for; every other rule that can win for that type without it is a warning.
 */
function outputGaps(winnersByType: ReadonlyMap<string, ReadonlyMap<IndexedRule, MatchPoint>>, user: RuleIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const keysOf = (r: IndexedRule) => new Set([...Object.keys(r.rule.outputs), ...Object.keys(r.rule.secrets)]);
  for (const [type, winners] of [...winnersByType].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const providers = new Map<string, string[]>();
    for (const r of user.byType.get(type) ?? []) for (const k of keysOf(r)) if (k !== "*") providers.set(k, [...(providers.get(k) ?? []), r.rule.id]);
    for (const [winner, point] of winners) {
      const own = keysOf(winner);
      if (own.has("*")) continue;
      const missing = [...providers.keys()].filter((k) => !own.has(k)).sort();
      if (missing.length === 0) continue;
      const lines = missing.map((k) => `"${k}" (provided by ${providers.get(k)!.map((id) => `"${id}"`).join(", ")})`);
      out.push(
        warning(
          "RULES_OUTPUT_GAP",
          `rule "${winner.rule.id}" wins for type ${type} at ${describePoint(point)} but has no output ${lines.join(", ")}; a workload that reads \${resources.NAME.${missing[0]}} there fails`,
          winner.rule.origin.locate(["match"], "key"),
          winner.rule.extends === undefined ? `add the missing outputs, or extend the rule that has them (extends: ${providers.get(missing[0]!)![0]})` : "add the missing outputs to this rule or to the rule it extends",
        ),
      );
    }
  }
  return out;
}

function emptyReason(r: IndexedRule, universe: Readonly<Record<string, EnvironmentDecl>>): string {
  const m = r.rule.match;
  if (m.envType && !m.env) {
    const types = new Set(Object.values(universe).map((e) => e.type));
    const missing = m.envType.filter((t) => !types.has(t));
    if (missing.length === m.envType.length) {
      const meant = missing.map((t) => closestName(t, types)).filter((t) => t !== undefined);
      return `: no declared environment has type ${missing.join(" or ")}${meant.length ? ` (did you mean ${meant.join(" or ")}?)` : ""}; declared types: ${[...types].sort().join(", ")}`;
    }
  }
  if (m.env && m.envType) return `: none of the environments ${m.env.join(", ")} has type ${m.envType.join(" or ")}`;
  if (m.labels && r.set.env.ids.size === 0) {
    const pairs = Object.entries(m.labels).map(([k, v]) => `${k}=${v}`).join(", ");
    const carried = [...new Set(Object.values(universe).flatMap((e) => Object.entries(e.labels).map(([k, v]) => `${k}=${v}`)))].sort();
    return `: no declared environment${m.env || m.envType ? " it names" : ""} has the labels ${pairs}${carried.length ? `; declared labels: ${carried.join(", ")}` : "; no environment declares labels"}`;
  }
  return "";
}

/**
 * The points to try for one resource type: every environment and target, every class and id the table names for
 * that type (from match criteria and requires), every workload and app any rule names, plus one stand-in for all
 * other values. Workloads and apps are taken from every type because requires pass them on: a private requirement
 * belongs to the requiring resource's workload, so a rule for another type that names a workload decides what this
 * type's resources get. For the same reason an id `P.ALIAS` named for another type makes `P` an id worth trying for
 * a type whose rules require ALIAS privately. A private resource's id always starts with its workload's name, so a
 * named id is only paired with workloads it fits.
 */
function* pointsFor(type: string, table: RulesTable, universe: Readonly<Record<string, EnvironmentDecl>>): Generator<MatchPoint> {
  const classes = new Set<string>(["default", OTHER_VALUE]);
  const ids = new Set<string>([OTHER_VALUE]);
  const workloads = new Set<string | undefined>([undefined, OTHER_VALUE]);
  const apps = new Set<string>([OTHER_VALUE]);
  const namedIds = new Set(table.rules.flatMap((r) => [...(r.match.id ?? []), ...Object.values(r.requires).flatMap((q) => (q.id !== undefined ? [q.id] : []))]));
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
  // Ids whose private requirements (any depth) are named ids: `a` when `a.dep` or `a.dep.net` is named.
  const privateAliases = new Set(table.rules.flatMap((r) => Object.entries(r.requires).flatMap(([alias, q]) => (q.id === undefined ? [alias] : []))));
  for (const named of namedIds) {
    const parts = named.split(".");
    for (let cut = parts.length - 1; cut >= 1 && privateAliases.has(parts[cut]!); cut--) ids.add(parts.slice(0, cut).join("."));
  }
  const sorted = <T extends string | undefined>(s: Set<T>) => [...s].sort((a, b) => ((a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0));
  for (const env of Object.values(universe)) {
    for (const target of TARGETS) {
      for (const cls of sorted(classes)) {
        for (const id of sorted(ids)) {
          for (const workload of sorted(workloads)) {
            if (workload !== undefined && workload !== OTHER_VALUE && id !== OTHER_VALUE && !id.startsWith(`${workload}.`)) continue;
            for (const app of sorted(apps)) {
              yield { type, class: cls, id, ...(workload !== undefined ? { workload } : {}), app, env: env.id, envType: env.type, labels: env.labels, target };
            }
          }
        }
      }
    }
  }
}

/** Two stand-in ids are never known to be the same resource: private ids below them grow at every step. */
function sameResource(a: string, b: string): boolean {
  return a === b && !a.includes(OTHER_VALUE);
}

/** Follows `requires` from a winning rule at a point: each requirement must resolve, provide what is read, and not loop. */
class DependencyChecker {
  private readonly reported = new Set<string>();
  private readonly done = new Set<string>();

  constructor(
    private readonly tiersFor: (t: TargetName) => RuleIndex[],
    private readonly diagnostics: Diagnostic[],
  ) {}

  check(winner: IndexedRule, point: MatchPoint): void {
    if (Object.keys(winner.rule.requires).length === 0) return;
    this.follow(winner, point, [], true);
  }

  // `viaFixedId`: whether the requirement that led here names a fixed id; without one each step derives a new id,
  // so meeting the same rule again means the chain never ends.
  private follow(rule: IndexedRule, point: MatchPoint, chain: { rule: IndexedRule; uid: string }[], viaFixedId: boolean): void {
    const key = `${rule.rule.id}\u0000${JSON.stringify(point)}`;
    const uid = `${point.type}.${point.class}#${point.id}`;
    const here = [...chain, { rule, uid }];
    const loop = chain.findIndex((c) => c.rule.rule.id === rule.rule.id && (c.uid === uid || !viaFixedId));
    if (loop >= 0) {
      const path = here.slice(loop).map((c) => `"${c.rule.rule.id}"`).join(" → ");
      this.once(`cycle\u0000${[...new Set(here.slice(loop).map((c) => c.rule.rule.id))].sort().join(",")}`, () =>
        error("RULES_CYCLE", `requires form a cycle: ${path} (at ${describePoint(point)})`, chain[loop]!.rule.rule.origin.locate(["requires"], "key"), "break the loop, or give a requirement a fixed id so the chain ends in one shared resource"),
      );
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
        const path = [...here.slice(chain.indexOf(repeated)).map((c) => `"${c.rule.rule.id}"`)].join(" → ");
        this.once(`cycle\u0000${rule.rule.id}\u0000${alias}`, () =>
          error("RULES_CYCLE", `rule "${rule.rule.id}" requires resources of its own kind without end: ${path} → ${alias} (at ${describePoint(point)})`, rule.rule.origin.locate(["requires", alias], "key"), "give the requirement a fixed id so that the chain ends in one shared resource"),
        );
        continue;
      }
      const depPoint = requirementPoint(point, alias, req);
      const s = selectRule(depPoint, this.tiersFor(point.target));
      if (s.kind === "none") {
        this.once(`none\u0000${rule.rule.id}\u0000${alias}`, () =>
          error("RULES_NO_MATCH", `rule "${rule.rule.id}" requires ${alias} (type ${req.type}), but no rule matches it at ${describePoint(depPoint)}`, rule.rule.origin.locate(["requires", alias], "key"), `add a rule with match { type: ${req.type} } that covers this point`),
        );
        continue;
      }
      if (s.kind !== "winner") continue; // reported where that type's own points are checked
      const dep = s.winner;
      const provides = new Set([...Object.keys(dep.rule.outputs), ...Object.keys(dep.rule.secrets)]);
      for (const ref of refs) {
        if (ref.alias !== alias || provides.has(ref.key) || provides.has("*")) continue;
        const listed = [...provides].sort();
        this.once(`missing\u0000${rule.rule.id}\u0000${alias}\u0000${ref.key}\u0000${dep.rule.id}`, () =>
          error(
            "RULES_MISSING_OUTPUT",
            `rule "${rule.rule.id}" reads deps.${alias}.${ref.key}, but rule ${ruleLabel(dep)}, which provides ${alias} at ${describePoint(depPoint)}, has no output "${ref.key}"; it provides ${listed.length ? listed.join(", ") : "nothing"}`,
            ref.at,
          ),
        );
      }
      this.follow(dep, depPoint, here, req.id !== undefined);
    }
  }

  private once(key: string, make: () => Diagnostic): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(make());
  }
}
