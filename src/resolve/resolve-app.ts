import type { LoadedWorkload } from "../validate/load-workloads.js";
import { error, hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Environment, ResolvedApp, ResolvedResource, ResolvedWorkload, TargetName } from "../model/resolved.js";
import type { DataPath } from "../shared/json-pointer.js";
import type { SecretRef } from "../placeholders/types.js";
import { substituteDeep } from "../placeholders/substitute.js";
import { DEVELOPMENT_SEED } from "../rules/derive.js";
import type { FunctionEnv } from "../rules/expressions/functions.js";
import { define } from "../rules/expressions/value.js";
import { indexRules, type IndexedRule, type RuleIndex } from "../rules/select.js";
import { environmentUniverse, type RulesTable } from "../rules/types.js";
import { baseContext, resourceContext } from "./context.js";
import { evaluateResource, type ResourceState } from "./evaluate-resource.js";
import { matchGraph, nodeLocation, type MatchedNode } from "./expand.js";
import { topologicalOrder } from "./graph.js";
import { declaredResources, paramReferences } from "./nodes.js";
import { placeholderSpan, substituteWorkload } from "./substitute-workload.js";
import { workloadResolver } from "./workload-resolver.js";
import { wellKnownParamProblems } from "./well-known-params.js";

/** Everything one resolution needs. */
export interface ResolveInput {
  /** Validated workloads (file sources already inlined). */
  workloads: readonly LoadedWorkload[];
  /** The user's rules table (several files already merged by loadRules). */
  rules?: RulesTable;
  /** The built-in defaults: a lower tier, consulted only when no user rule matches a resource. */
  defaults?: RulesTable;
  /** Environment id; `local` (type development) exists even when no table declares it. */
  environment: string;
  app: string;
  target: TargetName;
  /**
   * Seed for derived secrets. Without one, development environments use the public development seed (the values
   * derived with it are returned, so the caller can warn where they reach the output) and any other environment
   * fails with RULES_SEED_REQUIRED where a secret is derived.
   */
  seed?: string;
}

/** The outcome of {@link resolveApp}. */
export interface ResolveOutcome {
  app?: ResolvedApp;
  diagnostics: Diagnostic[];
  /** Every secret that `derive.password` computed, in the order they were derived. */
  derivedValues?: string[];
  /** Set when those were derived with the public development seed (no seed was given). */
  developmentSeed?: boolean;
}

/**
 * Resolves an application for one environment and target: every resource (declared in Score or required by a
 * rule) gets the most specific matching rule, resources are evaluated in dependency order (params may use other
 * resources' outputs), and every workload placeholder is substituted. Pure; returns the app only without errors.
 */
export function resolveApp(input: ResolveInput): ResolveOutcome {
  const diagnostics: Diagnostic[] = [];
  const derived: string[] = [];
  const finish = (app?: ResolvedApp): ResolveOutcome => {
    const sorted = sortDiagnostics(diagnostics);
    if (!app || hasErrors(sorted)) return { diagnostics: sorted };
    if (derived.length === 0) return { app, diagnostics: sorted };
    return {
      app,
      diagnostics: sorted,
      derivedValues: derived,
      ...(input.seed === undefined ? { developmentSeed: true } : {}),
    };
  };
  const setup = prepare(input, diagnostics);
  if (!setup) return finish();
  const { environment, tiers } = setup;

  const declared = declaredResources(input.workloads);
  diagnostics.push(...declared.diagnostics);
  if (hasErrors(diagnostics)) return finish();
  const base = {
    app: input.app,
    env: environment.id,
    envType: environment.type,
    labels: environment.labels,
    target: input.target,
  };
  const graph = matchGraph(declared.nodes, tiers, base);
  diagnostics.push(...graph.diagnostics);
  if (hasErrors(diagnostics)) return finish();

  const uidsByWorkload = resourceUidsByWorkload(input.workloads);
  const dependencies = new Map<string, string[]>();
  for (const [uid, m] of graph.nodes) {
    const refs = paramReferences(m.node, (w, name) => uidsByWorkload.get(w)?.[name]);
    diagnostics.push(...refs.diagnostics);
    dependencies.set(uid, [...new Set([...Object.values(m.deps), ...refs.uids])].sort());
  }
  const ordered = topologicalOrder([...graph.nodes.keys()].sort(), dependencies);
  if ("cycle" in ordered) {
    const first = graph.nodes.get(ordered.cycle[0]!)!;
    diagnostics.push(
      error(
        "RULES_CYCLE",
        `resources depend on each other in a cycle: ${ordered.cycle.join(" → ")}`,
        nodeLocation(first),
        "params that use another resource's outputs, and rules' requires, must not form a loop",
      ),
    );
  }
  if (hasErrors(diagnostics)) return finish();
  const order = (ordered as { order: string[] }).order;

  // Per compile: the seed's prepared HMAC key lives as long as the compile, not in a module.
  const functions: FunctionEnv = {
    seed: input.seed ?? DEVELOPMENT_SEED,
    onDerive: (value) => void derived.push(value),
    seedKey: undefined,
    refVariables: new Map(),
    seedRequired:
      input.seed === undefined && environment.type !== "development"
        ? `environment "${environment.id}" (type ${environment.type})`
        : undefined,
  };
  const context = baseContext(environment, input.app, input.target, input.workloads);
  const states = new Map<string, ResourceState>();
  for (const uid of order) {
    const m = graph.nodes.get(uid)!;
    const params = substituteParams(m, uidsByWorkload, states, diagnostics);
    checkWellKnownParams(m, params.value, diagnostics);
    const deps: Record<string, ResourceState> = {};
    for (const [alias, depUid] of Object.entries(m.deps)) deps[alias] = states.get(depUid)!;
    const winner = (m.selection as { winner: IndexedRule }).winner;
    states.set(
      uid,
      evaluateResource({
        matched: m,
        rule: winner,
        params: params.value,
        context: resourceContext(context, m.node, params.value, params.secret),
        deps,
        target: input.target,
        functions,
        sink: diagnostics,
      }),
    );
  }

  const workloads: ResolvedWorkload[] = [];
  for (const w of [...input.workloads].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const uids = uidsByWorkload.get(w.name) ?? {};
    const r = substituteWorkload(w, uids, workloadResolver(w.spec.metadata, uids, states));
    diagnostics.push(...r.diagnostics);
    workloads.push(r.workload);
  }
  const resources = order.map((uid) => toResolvedResource(states.get(uid)!, dependencies.get(uid) ?? []));
  return finish({ appId: input.app, environment, target: input.target, workloads, resources });
}

function prepare(
  input: ResolveInput,
  diagnostics: Diagnostic[],
): { environment: Environment; tiers: RuleIndex[] } | undefined {
  const universe = environmentUniverse(input.rules);
  const env = universe[input.environment];
  if (!env) {
    diagnostics.push(
      error(
        "RULES_UNKNOWN_ENVIRONMENT",
        `environment "${input.environment}" is not declared; declared environments: ${Object.keys(universe).join(", ")}`,
        undefined,
        "declare it under environments: in a rules file, or pick one of these",
      ),
    );
    return undefined;
  }
  const tiers = [indexRules(input.rules, universe, false)];
  if (input.defaults) tiers.push(indexRules(input.defaults, universe, true));
  return { environment: { id: env.id, type: env.type, labels: env.labels }, tiers };
}

/** Workload name → (resource name → uid). */
export function resourceUidsByWorkload(workloads: readonly LoadedWorkload[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const w of workloads) {
    const uids: Record<string, string> = {};
    for (const name of Object.keys(w.spec.resources ?? {}).sort()) {
      const r = w.spec.resources![name]!;
      uids[name] = `${r.type}.${r.class ?? "default"}#${r.id ?? `${w.name}.${name}`}`;
    }
    out.set(w.name, uids);
  }
  return out;
}

function substituteParams(
  m: MatchedNode,
  uidsByWorkload: Map<string, Record<string, string>>,
  states: ReadonlyMap<string, ResourceState>,
  diagnostics: Diagnostic[],
): { value: Record<string, unknown>; secret: boolean } {
  const source = m.node.source;
  if (!source) return { value: m.node.params, secret: false };
  const resolver = workloadResolver(
    source.workload.spec.metadata,
    uidsByWorkload.get(source.workload.name) ?? {},
    states,
  );
  const r = substituteDeep(m.node.params, resolver);
  for (const p of r.problems) {
    const text = valueAt(m.node.params, p.path);
    const span = typeof text === "string" ? placeholderSpan(text, p.offset) : undefined;
    diagnostics.push(
      error(
        p.code,
        p.message,
        source.workload.locate(["resources", source.name, "params", ...p.path], "value", span),
        p.hint,
      ),
    );
  }
  return { value: r.value as Record<string, unknown>, secret: r.secret };
}

/** Route/dns params checked at the user's resource, whatever rule and target: the floor score-k8s sets. */
function checkWellKnownParams(m: MatchedNode, params: Record<string, unknown>, diagnostics: Diagnostic[]): void {
  const source = m.node.source;
  if (!source) return;
  for (const p of wellKnownParamProblems(m.node.type, params)) {
    diagnostics.push(
      error(
        "RESOURCE_INVALID_PARAM",
        `resource "${source.name}" of workload "${source.workload.name}": ${p.message}`,
        source.workload.locate(["resources", source.name, "params", p.param], "value"),
      ),
    );
  }
}

function toResolvedResource(state: ResourceState, dependsOn: readonly string[]): ResolvedResource {
  const node = state.matched.node;
  const outputs: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  const secretRefs: Record<string, SecretRef[]> = {};
  for (const key of state.computedKeys()) {
    const r = state.output(key);
    if (!r?.ok) continue;
    define(r.val.secret ? secrets : outputs, key, r.val.value);
    const refs = r.val.segments?.flatMap((s) => (s.ref ? [s.ref] : []));
    if (refs && refs.length > 0) define(secretRefs, key, refs);
  }
  const rule = state.rule;
  const resolved: ResolvedResource = {
    uid: node.uid,
    type: node.type,
    class: node.class,
    id: node.id,
    shared: node.shared,
    declaredBy: [...node.declaredBy].sort((a, b) =>
      a.workload < b.workload ? -1 : a.workload > b.workload ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    ),
    sourceWorkload: node.sourceWorkload,
    params: state.params,
    metadata: node.metadata,
    rule: {
      id: rule.rule.id,
      builtin: rule.builtin,
      ...(rule.rule.description !== undefined ? { description: rule.rule.description } : {}),
    },
    outputs,
    secrets,
    ...(Object.keys(secretRefs).length > 0 ? { secretRefs } : {}),
    artifacts: state.artifacts,
    secretPaths: [...state.secretPaths].sort(),
    dependsOn: [...dependsOn],
  };
  // Not enumerable, like ResolvedWorkload.locate: the model stays plain data. List indexes of a pointer become numbers;
  // helm artifacts of a rule without a helm entry are its kubernetes manifests.
  const locate = (path: DataPath) => {
    const [head, ...rest] = path.map((p) => (typeof p === "string" && /^(0|[1-9][0-9]*)$/.test(p) ? Number(p) : p));
    const section = head === "helm" && rule.rule.artifacts.helm === undefined ? "kubernetes" : head;
    return rule.rule.origin.locate(section === undefined ? ["artifacts"] : ["artifacts", section, ...rest]);
  };
  Object.defineProperty(resolved, "locate", { value: locate, enumerable: false });
  return resolved;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path)
    current =
      current !== null && typeof current === "object" ? (current as Record<string | number, unknown>)[key] : undefined;
  return current;
}
