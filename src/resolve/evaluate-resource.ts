import { error, type Diagnostic, type Location, type RelatedLocation } from "../diagnostics/diagnostic.js";
import type { ResourceArtifacts, TargetName } from "../model/resolved.js";
import type { Segment } from "../placeholders/types.js";
import type { FunctionEnv } from "../rules/expressions/functions.js";
import { evaluateTemplate, type TemplateProblem } from "../rules/expressions/template.js";
import { LazyMap, type Outcome } from "../rules/expressions/value.js";
import { requiredParams } from "../rules/expressions/required-params.js";
import type { IndexedRule } from "../rules/select.js";
import type { Rule } from "../rules/types.js";
import { describeNode, type MatchedNode } from "./expand.js";

type Section = "outputs" | "secrets";

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

/**
 * Evaluates a winning rule for one resource: its outputs and secrets (lazily, so outputs may refer to each other
 * and the `"*"` output answers whatever key a workload asks for), then the artifacts of the target being compiled
 * (helm falls back to the kubernetes manifests). Secret outputs and anything computed from them are secret; the JSON
 * pointer of every secret string in the artifacts is recorded.
 */
export function evaluateResource(input: EvaluateResourceInput): ResourceState {
  const { matched, rule, sink } = input;
  const r = rule.rule;
  const memo = new Map<string, Outcome>();
  const active = new Set<string>();
  // Problems of a resource the user declared are errors at that resource, the rule's line a secondary location; the
  // params the rule reads and the resource lacks make one error per resource (collected until the eager part is done).
  const source = matched.node.source;
  const userAt = source ? source.workload.locate(["resources", source.name], "key") : undefined;
  const missing = new Map<string, Location>();
  let collecting = true;
  const flushMissing = (): void => {
    if (!source || missing.size === 0) return;
    // Every param the rule needs and the resource lacks, not only those evaluation reached first.
    const names = [...new Set([...missing.keys(), ...requiredParams(r, input.target).filter((p) => !Object.hasOwn(input.params, p))])].sort();
    const first = missing.get(names.find((n) => missing.has(n))!)!;
    const message = `${describeNode(matched)} needs param${names.length > 1 ? "s" : ""} ${names.join(", ")}: rule "${r.id}" reads ${names.length > 1 ? "them" : "it"}`;
    const hint = `set ${names.map((n) => `${n}: ...`).join(", ")} under resources.${source.name}.params`;
    sink.push({ ...error("RESOURCE_MISSING_PARAM", message, userAt, hint), related: [fromRule(first)] });
    missing.clear();
  };
  const fromRule = (at: Location): RelatedLocation => ({ message: `from rule "${r.id}"`, ...(at.file !== undefined ? { file: at.file } : {}), ...(at.range ? { range: at.range } : {}) });
  const forResource = (at: Location): RelatedLocation => ({ message: `for ${describeNode(matched)}`, ...(at.file !== undefined ? { file: at.file } : {}), ...(at.range ? { range: at.range } : {}) });
  const report = (section: string, template: string, problems: readonly TemplateProblem[]): void => {
    for (const p of problems) {
      const at = r.origin.locate([section, template, ...p.path], p.key ? "key" : "value", p.span);
      const message = `rule "${r.id}" for ${describeNode(matched)}: ${p.message}`;
      if (!source || !userAt) {
        sink.push(error(p.code, message, at, p.hint));
      } else if (p.param !== undefined) {
        if (!missing.has(p.param)) missing.set(p.param, at);
        if (!collecting) flushMissing();
      } else if (p.code !== "RULES_EXPRESSION" && !rule.builtin) {
        // A leak, a bad secretRef or a missing seed is fixed in the user's rule (or on the command line): it stays there.
        sink.push({ ...error(p.code, message, at, p.hint), related: [forResource(userAt)] });
      } else {
        sink.push({ ...error(p.code, message, userAt, p.hint), related: [fromRule(at)] });
      }
    }
  };
  const fromSection = (section: Section, key: string): Outcome | undefined => {
    const templates = r[section];
    const explicit = key !== "*" && Object.hasOwn(templates, key);
    if (!explicit && !(key !== "*" && Object.hasOwn(templates, "*"))) return undefined;
    const memoKey = `${section}\u0000${key}`;
    const hit = memo.get(memoKey);
    if (hit) return hit;
    if (active.has(memoKey)) return { ok: false, message: `${section}.${key} refers to itself` };
    active.add(memoKey);
    const written = explicit ? key : "*";
    const ctx = explicit ? context : { ...context, output: { key } };
    const t = evaluateTemplate(templates[written], ctx, input.functions);
    active.delete(memoKey);
    let outcome: Outcome;
    if (t.problems.length > 0) {
      report(section, written, t.problems);
      outcome = { ok: false, message: `${section}.${key} of rule "${r.id}" could not be computed` };
    } else {
      const secret = section === "secrets" || t.secret;
      const segments = t.segments && secret ? allSecret(t.segments) : t.segments;
      outcome = { ok: true, val: { value: t.value, secret, ...(segments ? { segments } : {}) } };
    }
    memo.set(memoKey, outcome);
    return outcome;
  };
  const explicitKeys = (section: Section) => Object.keys(r[section]).filter((k) => k !== "*");
  const output = (key: string): Outcome | undefined => {
    if (Object.hasOwn(r.outputs, key) && key !== "*") return fromSection("outputs", key);
    if (Object.hasOwn(r.secrets, key) && key !== "*") return fromSection("secrets", key);
    return fromSection("outputs", key) ?? fromSection("secrets", key);
  };
  const declaredKeys = () => [...new Set([...explicitKeys("outputs"), ...explicitKeys("secrets")])].sort();
  const dependencyView = new LazyMap(declaredKeys, output);
  const deps: Record<string, LazyMap> = {};
  for (const [alias, state] of Object.entries(input.deps)) deps[alias] = state.asDependency();
  const context: Record<string, unknown> = {
    ...input.context,
    deps,
    outputs: new LazyMap(() => explicitKeys("outputs"), (k) => fromSection("outputs", k)),
    secrets: new LazyMap(() => explicitKeys("secrets"), (k) => fromSection("secrets", k)),
  };
  for (const key of declaredKeys()) output(key);
  const { artifacts, secretPaths } = evaluateArtifacts(r, input.target, context, input.functions, report);
  collecting = false;
  flushMissing();
  return {
    matched,
    rule,
    params: input.params,
    output,
    declaredKeys,
    anyKey: Object.hasOwn(r.outputs, "*") || Object.hasOwn(r.secrets, "*"),
    computedKeys: () => [...new Set([...memo.keys()].map((k) => k.slice(k.indexOf("\u0000") + 1)))].sort(),
    asDependency: () => dependencyView,
    artifacts,
    secretPaths,
  };
}

// A secret output is secret as a whole: its pieces only stay apart when some are verbatim.
function allSecret(segments: readonly Segment[]): Segment[] | undefined {
  if (!segments.some((s) => s.verbatim)) return undefined;
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && !last.verbatim && !s.verbatim && !last.ref && !s.ref) last.text += s.text;
    else out.push({ ...s, secret: true });
  }
  return out;
}

function evaluateArtifacts(
  rule: Rule,
  target: TargetName,
  context: Record<string, unknown>,
  functions: FunctionEnv,
  report: (section: string, template: string, problems: readonly TemplateProblem[]) => void,
): { artifacts: ResourceArtifacts; secretPaths: string[] } {
  const fallback = target === "helm" && rule.artifacts.helm === undefined && rule.artifacts.kubernetes !== undefined;
  const written: TargetName = fallback ? "kubernetes" : target;
  const template = rule.artifacts[written];
  if (template === undefined) return { artifacts: {}, secretPaths: [] };
  const t = evaluateTemplate(template, context, functions);
  report("artifacts", written, t.problems);
  // Compose reads a reference from the environment anywhere in the file; a manifest or values file cannot.
  if (target !== "compose") {
    const message = `a secretRef cannot be written into ${written === "helm" ? "Helm values" : "a Kubernetes manifest"}: scorec would have to know its value`;
    const hint = "in the manifest, name the Secret directly (valueFrom.secretKeyRef or a secret volume); secretRef is for the values workloads read";
    report("artifacts", written, t.refPaths.map((path) => ({ code: "RULES_SECRET_REF" as const, message, hint, path })));
  }
  if (fallback) {
    const manifests = (t.value as { manifests?: Record<string, unknown>[] }).manifests ?? [];
    return { artifacts: { helm: { manifests } }, secretPaths: t.secretPointers.map((p) => `/helm${p}`) };
  }
  return { artifacts: { [target]: t.value }, secretPaths: t.secretPointers.map((p) => `/${target}${p}`) };
}
