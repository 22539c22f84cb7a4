import { error, related, type Diagnostic, type Location, type RelatedLocation } from "../diagnostics/diagnostic.js";
import type { ResourceArtifacts, TargetName } from "../model/resolved.js";
import type { Segment } from "../placeholders/types.js";
import type { FunctionEnv } from "./expressions/functions.js";
import { requiredParams } from "./expressions/required-params.js";
import { evaluateTemplate, type TemplateProblem } from "./expressions/template.js";
import { LazyMap, type Outcome } from "./expressions/value.js";
import type { Rule } from "./types.js";

type Section = "outputs" | "secrets" | "vars";

/** Inputs of {@link evaluateRule}. */
export interface RuleEvaluationInput {
  rule: Rule;
  /** Names the resource in messages, e.g. `resource "db" of workload "api" (postgres.default#api.db)`. */
  subject: string;
  /** The expression context without deps, outputs, secrets and vars. */
  context: Record<string, unknown>;
  /** `deps.ALIAS` for each requirement. */
  deps: Record<string, LazyMap>;
  target: TargetName;
  functions: FunctionEnv;
  /** Receives problems found while evaluating, now or later (outputs are lazy). */
  sink: Diagnostic[];
  /** The resource as the user declared it in a Score file (compile; absent in `rules check` and for shared stand-ins). */
  declared?: DeclaredResource;
}

/** Where a resource is declared, so that problems of running a rule for it are shown there. */
export interface DeclaredResource {
  /** The resource's key in the Score file. */
  at: Location;
  /** Its name under `resources`. */
  name: string;
  params: Record<string, unknown>;
  /** Whether the rule is a built-in default (the user cannot fix it, only the resource). */
  builtin: boolean;
}

/** A rule evaluated for one resource. */
export interface RuleEvaluation {
  /** One output by key (explicit keys first, then the `"*"` output); undefined when the rule does not provide it. */
  output: (key: string) => Outcome | undefined;
  /** The keys the rule lists under outputs and secrets (without `"*"`), sorted. */
  declaredKeys: () => string[];
  /** Whether the rule answers any key (has a `"*"` output). */
  anyKey: boolean;
  /** Every key computed so far, `"*"` answers included. */
  computedKeys: () => string[];
  /** The context value `deps.ALIAS` that requiring rules see. */
  dependencyView: LazyMap;
  /** Evaluates the `"*"` outputs with `output.key` set to the given value (rules check passes an unknown key). */
  probeAnyKey: (key: unknown) => void;
  artifacts: ResourceArtifacts;
  /** JSON pointers (below the target's name) of every secret string in the artifacts. */
  secretPaths: string[];
}

/**
 * Evaluates a winning rule for one resource: its vars, outputs and secrets lazily (so they may refer to each other
 * and the `"*"` output answers whatever key a workload asks for), then every declared output, then the artifacts of
 * the target being compiled (helm falls back to the kubernetes manifests). Secret outputs and anything computed from
 * them are secret. Compile and `rules check` both use it, so the check sees exactly what compile evaluates.
 */
export function evaluateRule(input: RuleEvaluationInput): RuleEvaluation {
  const { rule: r, sink } = input;
  const memo = new Map<string, Outcome>();
  const active = new Set<string>();
  // Problems of a resource the user declared are errors at that resource, the rule's line a secondary location; the
  // params the rule reads and the resource lacks make one error per resource (collected until the eager part is done).
  const declared = input.declared;
  const missing = new Map<string, Location>();
  let collecting = true;
  let sharedReported = false;
  const fromRule = (at: Location): RelatedLocation => related(`from rule "${r.id}"`, at);
  const forResource = (at: Location): RelatedLocation => related(`for ${input.subject}`, at);
  const flushMissing = (): void => {
    if (!declared || missing.size === 0) return;
    // Every param the rule needs and the resource lacks, not only those evaluation reached first.
    const names = [...new Set([...missing.keys(), ...requiredParams(r, input.target).filter((p) => !Object.hasOwn(declared.params, p))])].sort();
    const first = missing.get(names.find((n) => missing.has(n))!)!;
    const message = `${input.subject} needs param${names.length > 1 ? "s" : ""} ${names.join(", ")}: rule "${r.id}" reads ${names.length > 1 ? "them" : "it"}`;
    const hint = `set ${names.map((n) => `${n}: ...`).join(", ")} under resources.${declared.name}.params`;
    sink.push({ ...error("RESOURCE_MISSING_PARAM", message, declared.at, hint), related: [fromRule(first)] });
    missing.clear();
  };
  const report = (section: string, template: string, problems: readonly TemplateProblem[]): void => {
    for (const p of problems) {
      const at = r.origin.locate([section, template, ...p.path], p.key ? "key" : "value", p.span);
      const message = `rule "${r.id}" for ${input.subject}: ${p.message}`;
      if (!declared) {
        sink.push(error(p.code, message, at, p.hint));
      } else if (p.param !== undefined) {
        if (!missing.has(p.param)) missing.set(p.param, at);
        if (!collecting) flushMissing();
      } else if (p.shared && declared.builtin) {
        // The user cannot change a built-in rule, only the resource: one error, however many templates read workload.*.
        if (sharedReported) continue;
        sharedReported = true;
        const message = `${input.subject} is shared (it has an id), but the built-in rule "${r.id}" reads workload.*, which only a resource of one workload has`;
        const hint = `remove the id from resources.${declared.name}, so that each workload gets its own; a shared one needs a rule of the platform's that does not read workload.*`;
        sink.push({ ...error(p.code, message, declared.at, hint), related: [fromRule(at)] });
      } else if (p.code !== "RULES_EXPRESSION" && !declared.builtin) {
        // A leak, a bad secretRef or a missing seed is fixed in the user's rule (or on the command line): it stays there.
        sink.push({ ...error(p.code, message, at, p.hint), related: [forResource(declared.at)] });
      } else {
        sink.push({ ...error(p.code, message, declared.at, p.hint), related: [fromRule(at)] });
      }
    }
  };
  const fromSection = (section: Section, key: string, keyValue: unknown = key): Outcome | undefined => {
    const templates = r[section];
    const explicit = key !== "*" && Object.hasOwn(templates, key);
    const star = section !== "vars" && Object.hasOwn(templates, "*") && (key !== "*" || keyValue !== key);
    if (!explicit && !star) return undefined;
    const memoKey = `${section}\u0000${key}`;
    const hit = memo.get(memoKey);
    if (hit) return hit;
    if (active.has(memoKey)) return { ok: false, message: `${section}.${key} refers to itself` };
    active.add(memoKey);
    const written = explicit ? key : "*";
    const ctx = explicit ? context : { ...context, output: { key: keyValue } };
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
  const context: Record<string, unknown> = {
    ...input.context,
    deps: input.deps,
    outputs: new LazyMap(() => explicitKeys("outputs"), (k) => fromSection("outputs", k)),
    secrets: new LazyMap(() => explicitKeys("secrets"), (k) => fromSection("secrets", k)),
    vars: new LazyMap(() => explicitKeys("vars"), (k) => fromSection("vars", k)),
  };
  for (const key of declaredKeys()) output(key);
  for (const key of explicitKeys("vars")) fromSection("vars", key);
  const { artifacts, secretPaths } = evaluateArtifacts(r, input.target, context, input.functions, report);
  collecting = false;
  flushMissing();
  return {
    output,
    declaredKeys,
    anyKey: Object.hasOwn(r.outputs, "*") || Object.hasOwn(r.secrets, "*"),
    computedKeys: () => [...new Set([...memo.keys()].filter((k) => !k.startsWith("vars\u0000")).map((k) => k.slice(k.indexOf("\u0000") + 1)))].sort(),
    dependencyView,
    probeAnyKey: (key) => {
      fromSection("outputs", "*", key);
      fromSection("secrets", "*", key);
    },
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

/**
 * Docker Compose interpolates `$` anywhere in the file, so a value spliced into a compose artifact has every `$` doubled
 * (the rules' own text is written with `$$` already; verbatim pieces such as interpolate()'s `${VAR}` stay as they are).
 */
const ARTIFACT_VALUE_ESCAPES: Partial<Record<TargetName, (text: string) => string>> = { compose: (text) => text.replaceAll("$", "$$$$") };

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
  const t = evaluateTemplate(template, context, functions, ARTIFACT_VALUE_ESCAPES[written]);
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
