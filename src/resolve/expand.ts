import { didYouMean } from "../shared/suggest.js";
import { error, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import type { TargetName } from "../model/resolved.js";
import { describePoint, type MatchPoint } from "../rules/match.js";
import { ambiguityHint, ambiguityReason, ruleLabel } from "../rules/precedence-text.js";
import { ruleOutcomes, selectRule, type IndexedRule, type RuleIndex, type Selection } from "../rules/select.js";
import { resourceUid, type ResourceNode } from "./nodes.js";

/** What every point of one resolution shares: the app, the environment and the target. */
export interface PointBase {
  app: string;
  env: string;
  envType: string;
  labels: Readonly<Record<string, string>>;
  target: TargetName;
}

/** A node with the outcome of rule selection and the resources its winning rule requires. */
export interface MatchedNode {
  node: ResourceNode;
  point: MatchPoint;
  selection: Selection;
  /** Requirement alias → uid of the required resource. */
  deps: Record<string, string>;
  /** For resources created by `requires`: the first requiring resource, its rule and the alias. */
  requiredBy?: { uid: string; rule: IndexedRule; alias: string };
}

// Far beyond real graphs; stops a requires chain that keeps creating new private resources.
const MAX_NODES = 10_000;

/**
 * Selects the rule of every declared resource, then adds the resources that winning rules require (matched by the
 * same tiers), breadth first in uid order. A requires chain that meets the same rule again while creating new
 * private resources would never end: it is reported as a cycle. Ambiguity and "no match" become diagnostics.
 */
export function matchGraph(
  declared: readonly ResourceNode[],
  tiers: readonly RuleIndex[],
  base: PointBase,
): { nodes: Map<string, MatchedNode>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map<string, MatchedNode>();
  const chains = new Map<string, { uid: string; rule: string }[]>();
  const queue: ResourceNode[] = [...declared];
  const queued = new Set(declared.map((n) => n.uid));
  for (const n of declared) chains.set(n.uid, []);
  const created = new Map<string, { uid: string; rule: IndexedRule; alias: string }>();
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const point: MatchPoint = {
      type: node.type,
      class: node.class,
      id: node.id,
      ...(node.owner !== undefined ? { workload: node.owner } : {}),
      ...base,
    };
    const selection = selectRule(point, tiers);
    const requiredBy = created.get(node.uid);
    const matched: MatchedNode = { node, point, selection, deps: {}, ...(requiredBy ? { requiredBy } : {}) };
    nodes.set(node.uid, matched);
    if (selection.kind !== "winner") {
      diagnostics.push(selectionDiagnostic(matched, tiers));
      continue;
    }
    const rule = selection.winner;
    const chain = [...chains.get(node.uid)!, { uid: node.uid, rule: rule.rule.id }];
    for (const [alias, req] of Object.entries(rule.rule.requires)) {
      const id = req.id ?? `${node.id}.${alias}`;
      const uid = resourceUid(req.type, req.class, id);
      matched.deps[alias] = uid;
      if (queued.has(uid)) continue;
      if (queue.length >= MAX_NODES) {
        diagnostics.push(
          error(
            "RULES_CYCLE",
            `requires chains create more than ${MAX_NODES} resources; stopped at ${uid}`,
            rule.rule.origin.locate(["requires", alias], "key"),
          ),
        );
        return { nodes, diagnostics };
      }
      const repeated =
        req.id === undefined ? chain.find((c) => c.rule === rule.rule.id && c.uid !== node.uid) : undefined;
      if (repeated) {
        const path = [...chain.slice(chain.indexOf(repeated)).map((c) => c.uid), uid];
        diagnostics.push(
          error(
            "RULES_CYCLE",
            `rule "${rule.rule.id}" requires resources of its own kind without end: ${path.join(" → ")}`,
            rule.rule.origin.locate(["requires", alias], "key"),
            "give the requirement a fixed id so that the chain ends in one shared resource",
          ),
        );
        continue;
      }
      const dep: ResourceNode = {
        uid,
        type: req.type,
        class: req.class,
        id,
        shared: req.id !== undefined,
        ...(req.id === undefined && node.owner !== undefined ? { owner: node.owner } : {}),
        declaredBy: [],
        sourceWorkload: node.sourceWorkload,
        name: alias,
        params: {},
        metadata: {},
      };
      created.set(uid, { uid: node.uid, rule, alias });
      chains.set(uid, chain);
      queued.add(uid);
      queue.push(dep);
    }
  }
  return { nodes, diagnostics };
}

/** Where a problem with a resource's rule selection is reported: its Score declaration, or the requiring rule. */
export function nodeLocation(m: MatchedNode): Location | undefined {
  if (m.node.source) return m.node.source.workload.locate(["resources", m.node.source.name, "type"], "value");
  if (m.requiredBy) return m.requiredBy.rule.rule.origin.locate(["requires", m.requiredBy.alias], "key");
  return undefined;
}

/** Describes a resource for messages: `resource "db" of workload "api" (postgres.default#api.db)`. */
export function describeNode(m: MatchedNode): string {
  if (m.node.source)
    return `resource "${m.node.source.name}" of workload "${m.node.source.workload.name}" (${m.node.uid})`;
  if (m.requiredBy) return `resource ${m.node.uid} (required as "${m.requiredBy.alias}" by ${m.requiredBy.uid})`;
  return `resource ${m.node.uid}`;
}

function selectionDiagnostic(m: MatchedNode, tiers: readonly RuleIndex[]): Diagnostic {
  const s = m.selection;
  const at = describePoint(m.point);
  if (s.kind === "ambiguous") {
    const [a, b] = s.pair;
    const precedence = tiers.find((t) => t.builtin === a.builtin)?.precedence ?? [];
    return error(
      "RULES_AMBIGUOUS",
      `rules ${ruleLabel(a)} and ${ruleLabel(b)} both match ${describeNode(m)} at ${at}; ${ambiguityReason(a, b, precedence)}`,
      a.rule.origin.locate(["match"], "key"),
      ambiguityHint(a, b, m.point.type, precedence),
    );
  }
  const outcomes = ruleOutcomes(m.point, tiers);
  const reasons = outcomes.map((o) => `${ruleLabel(o.rule)}: ${o.failure?.message ?? "matches"}`);
  const message =
    outcomes.length === 0
      ? `no rule handles resources of type "${m.point.type}" (${describeNode(m)})`
      : `no rule matches ${describeNode(m)} at ${at}; ${reasons.join("; ")}`;
  const close =
    outcomes.length === 0
      ? didYouMean(
          m.point.type,
          tiers.flatMap((t) => [...t.types()]),
        )
      : undefined;
  const hint =
    outcomes.length === 0
      ? `${close ? `${close} ` : ""}or add a rule with match { type: ${m.point.type} }`
      : "add a rule that matches it, or widen one of these";
  return error("RULES_NO_MATCH", message, nodeLocation(m), close ? hint : hint.replace(/^or a/, "a"));
}
