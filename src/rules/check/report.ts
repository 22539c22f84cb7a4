import { error, related, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { closestName } from "../../shared/suggest.js";
import { describePoint } from "../match.js";
import { dimensionSubset, DIMENSIONS, isSubset } from "../match-set.js";
import { ambiguityHint, ambiguityReason, ruleLabel } from "../precedence-text.js";
import { precedenceWidth, type IndexedRule } from "../select.js";
import { PRECEDENCE_CRITERIA, type EnvironmentDecl, type PrecedenceCriterion } from "../types.js";
import type { Conflict, RulesFindings, Unreachable } from "./analyze.js";
import type { DependencyProblem } from "./dependencies.js";

/**
 * Turns findings into diagnostics people read: at most one RULES_AMBIGUOUS per rule, naming every rule it ties with
 * and one point per pair (each pair is told once, at the rule that ties with the most others), one RULES_UNREACHABLE
 * per rule, one RULES_NO_MATCH and one RULES_MISSING_OUTPUT per requiring rule, one RULES_CYCLE per cycle.
 */
export function findingsDiagnostics(findings: RulesFindings, universe: Readonly<Record<string, EnvironmentDecl>>): Diagnostic[] {
  return [...conflictDiagnostics(findings.conflicts, findings.precedence), ...findings.unreachable.map((u) => unreachableDiagnostic(u, universe)), ...dependencyDiagnostics(findings.dependencies)];
}

/** Groups conflicts greedily: the rule with the most untold conflicts speaks first (ties by rule id). */
export function groupConflicts(conflicts: readonly Conflict[]): { rule: IndexedRule; conflicts: { other: IndexedRule; conflict: Conflict }[] }[] {
  const byRule = new Map<IndexedRule, Conflict[]>();
  for (const c of conflicts) {
    for (const r of [c.a, c.b]) {
      const list = byRule.get(r);
      if (list) list.push(c);
      else byRule.set(r, [c]);
    }
  }
  const open = new Map([...byRule].map(([r, list]) => [r, list.length]));
  const told = new Set<Conflict>();
  const groups: { rule: IndexedRule; conflicts: { other: IndexedRule; conflict: Conflict }[] }[] = [];
  for (;;) {
    let rule: IndexedRule | undefined;
    for (const [r, n] of open) if (n > 0 && (!rule || n > open.get(rule)! || (n === open.get(rule)! && r.rule.id < rule.rule.id))) rule = r;
    if (!rule) return groups;
    const mine = byRule.get(rule)!.filter((c) => !told.has(c));
    for (const c of mine) {
      told.add(c);
      for (const r of [c.a, c.b]) open.set(r, open.get(r)! - 1);
    }
    const list = mine.map((conflict) => ({ other: conflict.a === rule ? conflict.b : conflict.a, conflict })).sort((x, y) => (x.other.rule.id < y.other.rule.id ? -1 : 1));
    groups.push({ rule, conflicts: list });
  }
}

function conflictDiagnostics(conflicts: readonly Conflict[], precedence: readonly PrecedenceCriterion[]): Diagnostic[] {
  // A rule is named in every diagnostic of the rules it ties with; locating it once is enough.
  const labels = new Map<IndexedRule, string>();
  const label = (r: IndexedRule) => labels.get(r) ?? labels.set(r, ruleLabel(r)).get(r)!;
  return groupConflicts(conflicts).map(({ rule, conflicts: list }) => {
    const at = rule.rule.origin.locate(["match"], "key");
    if (list.length === 1) {
      const { other, conflict } = list[0]!;
      const [a, b] = rule.rule.id < other.rule.id ? [rule, other] : [other, rule];
      return error("RULES_AMBIGUOUS", `rules ${ruleLabel(a)} and ${ruleLabel(b)} both match ${describePoint(conflict.point)}; ${ambiguityReason(a, b, precedence)}`, at, ambiguityHint(a, b, conflict.type, precedence));
    }
    // One line per rule it ties with, as related locations (a message stays on one line).
    const others = list.map(({ other, conflict }) => related(`"${other.rule.id}" at ${describePoint(conflict.point)}: ${shortReason(rule, other)}`, other.rule.origin.locate([], "value")));
    const message = `rule ${label(rule)} ties with ${list.length} rules (${list.map((l) => `"${l.other.rule.id}"`).join(", ")}); neither is more specific where they overlap${precedence.length ? ` and the declared order [${precedence.join(", ")}] does not separate them` : ""}`;
    return { ...error("RULES_AMBIGUOUS", message, at, groupHint(rule, list.map((l) => l.other), precedence)), related: others };
  });
}

function shortReason(a: IndexedRule, b: IndexedRule): string {
  if (isSubset(a.set, b.set) && isSubset(b.set, a.set)) return "the same match set";
  const narrower = (x: IndexedRule, y: IndexedRule) => DIMENSIONS.filter((d) => !dimensionSubset(y.set, x.set, d));
  const aDims = narrower(a, b);
  const bDims = narrower(b, a);
  return `"${a.rule.id}" is narrower in ${aDims.join(", ") || "nothing"}, "${b.rule.id}" in ${bDims.join(", ") || "nothing"}`;
}

function groupHint(rule: IndexedRule, others: readonly IndexedRule[], precedence: readonly PrecedenceCriterion[]): string {
  const differing = PRECEDENCE_CRITERIA.filter((c) => !precedence.includes(c) && others.some((o) => precedenceWidth(rule.rule, c) !== precedenceWidth(o.rule, c)));
  const settle = `add a rule for each overlap, or narrow "${rule.rule.id}"`;
  if (differing.length === 0) return settle;
  if (precedence.length === 0) return `declare the tie-break order once at the top of the table, e.g. precedence: [${differing.join(", ")}] (strongest first), or ${settle}`;
  return `add ${differing.map((c) => `"${c}"`).join(" or ")} to precedence [${precedence.join(", ")}], or ${settle}`;
}

function unreachableDiagnostic(u: Unreachable, universe: Readonly<Record<string, EnvironmentDecl>>): Diagnostic {
  const r = u.rule;
  const why = u.lost
    ? `wherever it matches, a more specific rule wins (e.g. ${ruleLabel(u.lost.winner)} at ${describePoint(u.lost.point)})`
    : `it matches no declared environment and target${emptyReason(r, universe)}`;
  return error("RULES_UNREACHABLE", `rule "${r.rule.id}" can never win: ${why}`, r.rule.origin.locate(["match"], "key"), u.lost ? "remove it, or narrow the rule that shadows it" : "check its env, envType, labels and target criteria against the declared environments");
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

function dependencyDiagnostics(problems: readonly DependencyProblem[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byRule = <K extends DependencyProblem["kind"]>(kind: K) => {
    const groups = new Map<string, Extract<DependencyProblem, { kind: K }>[]>();
    for (const p of problems) if (p.kind === kind) {
      const q = p as Extract<DependencyProblem, { kind: K }>;
      const id = "rule" in q ? q.rule.rule.id : "";
      groups.set(id, [...(groups.get(id) ?? []), q]);
    }
    return groups;
  };
  for (const list of byRule("no-match").values()) {
    const rule = list[0]!.rule;
    if (list.length === 1) {
      const p = list[0]!;
      out.push(error("RULES_NO_MATCH", `rule "${rule.rule.id}" requires ${p.alias} (type ${p.requirement.type}), but no rule matches it at ${describePoint(p.point)}`, rule.rule.origin.locate(["requires", p.alias], "key"), `add a rule with match { type: ${p.requirement.type} } that covers this point`));
      continue;
    }
    const points = list.map((p) => related(`${p.alias} (type ${p.requirement.type}) at ${describePoint(p.point)}`, rule.rule.origin.locate(["requires", p.alias], "key")));
    const types = [...new Set(list.map((p) => p.requirement.type))];
    out.push({ ...error("RULES_NO_MATCH", `rule "${rule.rule.id}" requires ${list.length} resources that no rule matches (${[...new Set(list.map((p) => p.alias))].join(", ")})`, rule.rule.origin.locate(["requires", list[0]!.alias], "key"), `add rules that cover these points (types ${types.join(", ")})`), related: points });
  }
  for (const list of byRule("missing-output").values()) {
    const rule = list[0]!.rule;
    const describe = (p: (typeof list)[number]) => {
      const provides = [...Object.keys(p.provider.rule.outputs), ...Object.keys(p.provider.rule.secrets)].sort();
      return `rule ${ruleLabel(p.provider)}, which provides ${p.alias} at ${describePoint(p.point)}, has no output "${p.key}"; it provides ${provides.length ? provides.join(", ") : "nothing"}`;
    };
    if (list.length === 1) {
      const p = list[0]!;
      out.push(error("RULES_MISSING_OUTPUT", `rule "${rule.rule.id}" reads deps.${p.alias}.${p.key}, but ${describe(p)}`, p.at));
      continue;
    }
    const reads = list.map((p) => related(`deps.${p.alias}.${p.key}: ${describe(p)}`, p.at));
    out.push({ ...error("RULES_MISSING_OUTPUT", `rule "${rule.rule.id}" reads ${list.length} outputs that its requirements do not provide (${list.map((p) => `deps.${p.alias}.${p.key}`).join(", ")})`, list[0]!.at), related: reads });
  }
  for (const p of problems) {
    if (p.kind !== "cycle") continue;
    const path = p.rules.map((r) => `"${r.rule.id}"`).join(" → ");
    out.push(error("RULES_CYCLE", `requires form a cycle: ${path} (at ${describePoint(p.point)})`, p.rules[0]!.rule.origin.locate(["requires"], "key"), "break the loop, or give a requirement a fixed id so the chain ends in one shared resource"));
  }
  for (const p of problems) {
    if (p.kind !== "endless") continue;
    const path = p.rules.map((r) => `"${r.rule.id}"`).join(" → ");
    out.push(error("RULES_CYCLE", `rule "${p.rule.rule.id}" requires resources of its own kind without end: ${path} → ${p.alias} (at ${describePoint(p.point)})`, p.rule.rule.origin.locate(["requires", p.alias], "key"), "give the requirement a fixed id so that the chain ends in one shared resource"));
  }
  return out;
}
