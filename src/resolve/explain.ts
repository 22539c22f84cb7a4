import { workloadMismatch } from "../rules/workload-match.js";
import type { WorkloadPoint } from "../rules/workload-rules.js";
import { error, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Environment, TargetName } from "../model/resolved.js";
import { matchGraph, type MatchedNode } from "./expand.js";
import { declaredResources } from "./nodes.js";
import type { ResolveInput } from "./resolve-app.js";
import { where } from "../rules/load.js";
import { explainSecrets, type ExplainedSecret } from "../rules/explain-secrets.js";
import type { MatchPoint } from "../rules/match.js";
import { isStrictSubset } from "../rules/match-set.js";
import {
  ambiguityReason,
  lessSpecificReason,
  precedenceLossReason,
  precedenceWinReason,
} from "../rules/precedence-text.js";
import { indexRules, ruleOutcomes, type IndexedRule, type RuleIndex } from "../rules/select.js";
import { environmentUniverse, type CriterionName } from "../rules/types.js";

/** What {@link explainApp} needs: the same as a resolution, without the seed (nothing is evaluated). */
export type ExplainInput = Omit<ResolveInput, "seed">;

/** A rule as explain shows it. */
export interface ExplainedRule {
  id: string;
  builtin: boolean;
  /** `file:line:col` of the rule. */
  location: string;
  verdict: "winner" | "no-match" | "less-specific" | "ambiguous" | "not-consulted";
  /** For `no-match`: the first criterion that failed. */
  criterion?: CriterionName;
  reason: string;
}

/** One resource: where it comes from, the point it is matched at, and every rule of its type with a verdict. */
export interface ExplainedResource {
  uid: string;
  type: string;
  class: string;
  id: string;
  /** The owning workload of a private resource. */
  workload?: string;
  declaredBy: { workload: string; name: string }[];
  requiredBy?: { uid: string; alias: string; rule: string };
  point: MatchPoint;
  outcome: "resolved" | "ambiguous" | "no-match";
  winner?: string;
  rules: ExplainedRule[];
  /** Requirement alias → uid, for resolved resources whose rule requires others. */
  requires: Record<string, string>;
  /** The winning rule's secrets: references (with the call as written), derived or other values; never a value. */
  secrets?: ExplainedSecret[];
  /**
   * The outputs the winning rule gives (as `scorec outputs` / score-compose's `resources get-outputs` would), with
   * every secret output's value masked (`<secret 1a2b3c4d>`); absent when the resource could not be evaluated.
   */
  outputs?: Record<string, unknown>;
}

/** The explanation of one environment and target. */
export interface ExplainReport {
  environment: Environment;
  app: string;
  target: TargetName;
  resources: ExplainedResource[];
  /** Per workload, the policies and patches of the rules and whether each applies (absent when the rules have none). */
  workloads?: ExplainedWorkload[];
  diagnostics: Diagnostic[];
}

/** The policies and patches of the rules as they concern one workload: applied, or the first criterion that fails. */
export interface ExplainedWorkload {
  name: string;
  entries: { kind: "policy" | "patch"; id: string; applies: boolean; reason?: string; location: string }[];
}

/**
 * Explains rule selection for every resource of an app (declared in Score or required by a rule): the winning
 * rule, and for every other rule of that type why it lost — the first criterion it fails, being less specific than
 * the winner, tying with another rule, or sitting in the built-in tier that was not consulted. Nothing is evaluated.
 */
export function explainApp(input: ExplainInput): ExplainReport | { diagnostics: Diagnostic[] } {
  const universe = environmentUniverse(input.rules);
  const env = universe[input.environment];
  if (!env) {
    return {
      diagnostics: [
        error(
          "RULES_UNKNOWN_ENVIRONMENT",
          `environment "${input.environment}" is not declared; declared environments: ${Object.keys(universe).join(", ")}`,
        ),
      ],
    };
  }
  const tiers: RuleIndex[] = [indexRules(input.rules, universe, false)];
  if (input.defaults) tiers.push(indexRules(input.defaults, universe, true));
  const declared = declaredResources(input.workloads);
  const graph = matchGraph(declared.nodes, tiers, {
    app: input.app,
    env: env.id,
    envType: env.type,
    labels: env.labels,
    target: input.target,
  });
  const resources = [...graph.nodes.values()]
    .sort((a, b) => (a.node.uid < b.node.uid ? -1 : a.node.uid > b.node.uid ? 1 : 0))
    .map((m) => explainNode(m, tiers));
  return {
    environment: { id: env.id, type: env.type, labels: env.labels },
    app: input.app,
    target: input.target,
    resources,
    ...workloadEntries(input, { app: input.app, env: env.id, envType: env.type, target: input.target }),
    diagnostics: sortDiagnostics([...declared.diagnostics, ...graph.diagnostics]),
  };
}

function explainNode(m: MatchedNode, tiers: readonly RuleIndex[]): ExplainedResource {
  const s = m.selection;
  const candidates = s.kind === "none" ? [] : s.candidates;
  const consultedTier = candidates[0]?.builtin;
  const precedence = tiers.find((t) => t.builtin === consultedTier)?.precedence ?? [];
  const rules = ruleOutcomes(m.point, tiers).map(({ rule, failure }): ExplainedRule => {
    const base = { id: rule.rule.id, builtin: rule.builtin, location: where(rule.rule.origin.locate([], "value")) };
    if (failure) return { ...base, verdict: "no-match", criterion: failure.criterion, reason: failure.message };
    if (rule.builtin !== consultedTier)
      return {
        ...base,
        verdict: "not-consulted",
        reason: "a user rule matches; built-in defaults are only consulted when none does",
      };
    if (s.kind === "winner") {
      if (rule === s.winner) {
        if (s.byPrecedence)
          return { ...base, verdict: "winner", reason: precedenceWinReason(s.winner, s.byPrecedence, precedence) };
        return {
          ...base,
          verdict: "winner",
          reason:
            candidates.length === 1
              ? "the only matching rule"
              : `the most specific of ${candidates.length} matching rules`,
        };
      }
      if (s.byPrecedence?.includes(rule))
        return { ...base, verdict: "less-specific", reason: precedenceLossReason(rule, s.winner, precedence) };
      const inside = isInside(s.winner, rule)
        ? s.winner
        : candidates.find((c) => isInside(c, rule) && !candidates.some((d) => isInside(d, c)));
      return { ...base, verdict: "less-specific", reason: lessSpecificReason(rule, inside ?? s.winner) };
    }
    if (s.kind === "ambiguous") {
      const tied = s.conflicts.find(([a, b]) => rule === a || rule === b);
      if (tied) {
        const [a, b] = tied;
        return {
          ...base,
          verdict: "ambiguous",
          reason: `ties with "${(rule === a ? b : a).rule.id}": ${ambiguityReason(a, b, precedence)}`,
        };
      }
      const [a, b] = s.pair;
      const inside = [a, b].find((p) => isInside(p, rule));
      return {
        ...base,
        verdict: "less-specific",
        reason: inside ? lessSpecificReason(rule, inside) : "less specific than the tied rules",
      };
    }
    return { ...base, verdict: "no-match", reason: "does not match" };
  });
  const node = m.node;
  return {
    uid: node.uid,
    type: node.type,
    class: node.class,
    id: node.id,
    ...(node.owner !== undefined ? { workload: node.owner } : {}),
    declaredBy: [...node.declaredBy],
    ...(m.requiredBy
      ? { requiredBy: { uid: m.requiredBy.uid, alias: m.requiredBy.alias, rule: m.requiredBy.rule.rule.id } }
      : {}),
    point: m.point,
    outcome: s.kind === "winner" ? "resolved" : s.kind === "ambiguous" ? "ambiguous" : "no-match",
    ...(s.kind === "winner" ? { winner: s.winner.rule.id } : {}),
    rules,
    requires: { ...m.deps },
    ...(s.kind === "winner" && Object.keys(s.winner.rule.secrets).length > 0
      ? { secrets: explainSecrets(s.winner.rule) }
      : {}),
  };
}

function isInside(inner: IndexedRule, outer: IndexedRule): boolean {
  return isStrictSubset(inner.set, outer.set);
}

function workloadEntries(
  input: ExplainInput,
  context: Omit<WorkloadPoint, "workload">,
): { workloads?: ExplainedWorkload[] } {
  const all = [
    ...(input.rules?.policies ?? []).map((e) => ({ kind: "policy" as const, e })),
    ...(input.rules?.patches ?? []).map((e) => ({ kind: "patch" as const, e })),
  ];
  if (all.length === 0) return {};
  return {
    workloads: input.workloads.map((w) => ({
      name: w.name,
      entries: all.map(({ kind, e }) => {
        const reason = workloadMismatch(e.match, { ...context, workload: w.name });
        return {
          kind,
          id: e.id,
          applies: reason === undefined,
          ...(reason !== undefined ? { reason } : {}),
          location: where(e.origin.locate(["id"])),
        };
      }),
    })),
  };
}
