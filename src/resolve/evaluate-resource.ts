import type { Diagnostic, Location } from "../diagnostics/diagnostic.js";
import type { ResourceArtifacts, TargetName } from "../model/resolved.js";
import { evaluateRule } from "../rules/evaluate-rule.js";
import type { FunctionEnv } from "../rules/expressions/functions.js";
import type { LazyMap, Outcome } from "../rules/expressions/value.js";
import type { IndexedRule } from "../rules/select.js";
import { describeNode, type MatchedNode } from "./expand.js";

/** A resource whose rule is known: outputs are computed on demand (and remembered), artifacts eagerly. */
export interface ResourceState {
  matched: MatchedNode;
  rule: IndexedRule;
  params: Record<string, unknown>;
  /** One output by key (explicit keys first, then the `"*"` output); undefined when the rule does not provide it. */
  output(key: string): Outcome | undefined;
  /** The keys the rule lists under outputs and secrets (without `"*"`), sorted. */
  declaredKeys(): string[];
  /** Whether the rule answers any key (has a `"*"` output). */
  anyKey: boolean;
  /** Every key computed so far, `"*"` answers included. */
  computedKeys(): string[];
  /** The context value `deps.ALIAS` that requiring rules see. */
  asDependency(): LazyMap;
  artifacts: ResourceArtifacts;
  secretPaths: string[];
}

/** Inputs of {@link evaluateResource}. */
export interface EvaluateResourceInput {
  matched: MatchedNode;
  rule: IndexedRule;
  params: Record<string, unknown>;
  /** The resource's context without deps/outputs/secrets (see resourceContext). */
  context: Record<string, unknown>;
  deps: Record<string, ResourceState>;
  target: TargetName;
  functions: FunctionEnv;
  /** Receives problems found while evaluating, now or later (outputs are lazy). */
  sink: Diagnostic[];
}

/** Evaluates a winning rule for one resource (see evaluateRule, which `rules check` shares). */
export function evaluateResource(input: EvaluateResourceInput): ResourceState {
  const deps: Record<string, LazyMap> = {};
  for (const [alias, state] of Object.entries(input.deps)) deps[alias] = state.asDependency();
  const source = input.matched.node.source;
  // Located only when a problem is reported there: locating builds the line index of the whole Score file.
  let at: Location | undefined;
  const declared = source
    ? {
        get at() {
          return (at ??= source.workload.locate(["resources", source.name], "key"));
        },
        name: source.name,
        params: input.params,
        builtin: input.rule.builtin,
      }
    : undefined;
  const e = evaluateRule({
    rule: input.rule.rule,
    subject: describeNode(input.matched),
    context: input.context,
    deps,
    target: input.target,
    functions: input.functions,
    sink: input.sink,
    ...(declared ? { declared } : {}),
  });
  return {
    matched: input.matched,
    rule: input.rule,
    params: input.params,
    output: e.output,
    declaredKeys: e.declaredKeys,
    anyKey: e.anyKey,
    computedKeys: e.computedKeys,
    asDependency: () => e.dependencyView,
    artifacts: e.artifacts,
    secretPaths: e.secretPaths,
  };
}
