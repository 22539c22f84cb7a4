import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ResolvedResource, TargetName } from "../model/resolved.js";
import { evaluateRule, type RuleEvaluation } from "./evaluate-rule.js";
import { define, LazyMap, Unknown } from "./expressions/value.js";
import { ruleReads, type PointInput, type RuleReads } from "./check/reads.js";
import { describePoint, OTHER_VALUE, type MatchPoint } from "./match.js";
import { selectRule, type IndexedRule, type RuleIndex } from "./select.js";
import type { EnvironmentDecl, Requirement } from "./types.js";

/** The compiled target's own checks of one resource's artifacts (object shape, where secrets land). */
export type ArtifactCheck = (resource: ResolvedResource) => Diagnostic[];

/** Where a requirement of a resource at `point` is matched, exactly as compile derives it. */
export function requirementPoint(point: MatchPoint, alias: string, req: Requirement): MatchPoint {
  const id = req.id ?? (point.id === OTHER_VALUE ? OTHER_VALUE : `${point.id}.${alias}`);
  return { type: req.type, class: req.class, id, ...(req.id === undefined && point.workload !== undefined ? { workload: point.workload } : {}), app: point.app, env: point.env, envType: point.envType, labels: point.labels, target: point.target };
}

/**
 * Evaluates winning rules at the points `rules check` enumerates, with everything compile would know there: the
 * environment with its labels, the target, the resource's type, class and (when the table names it) id, the owning
 * workload for private resources and nothing for shared ones, and the outputs of the rules its requires resolve to.
 * What only a workload supplies (params, metadata, other workloads, unnamed ids and apps) is {@link Unknown}, so
 * problems that depend on it are left to compile, which locates them in the workload.
 *
 * A rule is evaluated once per distinct context it can read ({@link contextReads}): at any other point with the same
 * context it gives the same evaluation, so the same problems, and each problem is reported from the first point anyway.
 * `everyPoint` evaluates at every point instead (the tests' oracle).
 */
export class PointEvaluator {
  private readonly memo = new Map<string, RuleEvaluation>();
  private readonly reads = new Map<IndexedRule, RuleReads>();
  private readonly active = new Set<string>();
  private readonly seen = new Set<string>();
  // One compile's secretRef variables, shared by every rule that wins in the same environment and target: two
  // references that Compose would read from one variable are an error there, as in a compile that has both.
  private readonly refVariables = new Map<string, Map<string, { name: string; key: string }>>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly tiersFor: (t: TargetName) => readonly RuleIndex[],
    private readonly universe: Readonly<Record<string, EnvironmentDecl>>,
    private readonly artifactCheck: ArtifactCheck | undefined,
    private readonly everyPoint = false,
  ) {}

  /**
   * What evaluating `rule` reads of a point besides its type: what its expressions and artifacts read, and, when the
   * targets check its artifacts, what the stand-in resource they check is made of (class, id, owning workload).
   */
  contextReads(rule: IndexedRule): RuleReads {
    let r = this.reads.get(rule);
    if (r !== undefined) return r;
    r = this.everyPoint ? "everything" : ruleReads(rule.rule);
    if (r !== "everything" && this.artifactCheck && Object.keys(rule.rule.artifacts).length > 0) r = new Set<PointInput>([...r, "target", "class", "id", "workload"]);
    this.reads.set(rule, r);
    return r;
  }

  /** Evaluates `rule` at `point` (once per rule and distinct context it reads), reporting each distinct problem once. */
  at(rule: IndexedRule, point: MatchPoint, requiredAs?: string): RuleEvaluation | undefined {
    const key = this.contextKey(rule, point, requiredAs);
    const hit = this.memo.get(key);
    if (hit) return hit;
    // A rule met again down its own requires chain is a cycle (private requirements make new ids each step, so the
    // point alone would never repeat); the dependency check reports it.
    if (this.active.has(rule.rule.id)) return undefined;
    this.active.add(rule.rule.id);
    const deps: Record<string, unknown> = {};
    for (const [alias, req] of Object.entries(rule.rule.requires)) {
      const depPoint = requirementPoint(point, alias, req);
      const s = selectRule(depPoint, this.tiersFor(point.target));
      // No match or a tie is reported where requirements are checked; what it would provide is unknown here.
      const dep = s.kind === "winner" ? this.at(s.winner, depPoint, req.id === undefined ? alias : undefined) : undefined;
      deps[alias] = dep ? dep.dependencyView : new Unknown(`deps.${alias}`);
    }
    const subject = describePoint(point);
    const sink: Diagnostic[] = [];
    const evaluation = evaluateRule({ rule: rule.rule, subject, context: this.context(point, requiredAs), deps: deps as Record<string, LazyMap>, target: point.target, functions: { seed: "scorec rules check", refVariables: this.refsOf(point) }, sink });
    evaluation.probeAnyKey(new Unknown("output.key"));
    this.active.delete(rule.rule.id);
    this.memo.set(key, evaluation);
    if (this.artifactCheck && Object.keys(evaluation.artifacts).length > 0) sink.push(...this.artifactCheck(this.standIn(rule, point, evaluation)));
    for (const d of sink) {
      // One report per problem and place, from the first point where it shows. A leak is one problem per place in the
      // table, whichever target shows it (helm shows the kubernetes manifests it falls back to with another message).
      const what = d.code === "RULES_SECRET_LEAK" && d.range !== undefined ? "" : d.message.replace(subject, "");
      const id = `${d.code}\u0000${d.file ?? ""}\u0000${JSON.stringify(d.range)}\u0000${what}`;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      this.diagnostics.push(d);
    }
    return evaluation;
  }

  private contextKey(rule: IndexedRule, point: MatchPoint, requiredAs: string | undefined): string {
    const reads = this.contextReads(rule);
    const as = requiredAs === undefined ? "\u0001" : requiredAs;
    if (reads === "everything") return `${rule.rule.id}\u0000${JSON.stringify(point)}\u0000${as}`;
    let key = `${rule.rule.id}\u0000${point.type}`;
    for (const input of reads) key += `\u0000${input}=${input === "requiredAs" ? as : input === "workload" ? (point.workload ?? "\u0001") : point[input]}`;
    return key;
  }

  private refsOf(point: MatchPoint): Map<string, { name: string; key: string }> {
    const key = `${point.env}\u0000${point.target}`;
    const map = this.refVariables.get(key) ?? new Map<string, { name: string; key: string }>();
    this.refVariables.set(key, map);
    return map;
  }

  /** The problems found so far, sorted. */
  sorted(): Diagnostic[] {
    return sortDiagnostics(this.diagnostics);
  }

  private context(point: MatchPoint, requiredAs: string | undefined): Record<string, unknown> {
    const env = this.universe[point.env]!;
    const known = (v: string, what: string) => (v === OTHER_VALUE ? new Unknown(what) : v);
    const id = known(point.id, "resource.id");
    const cls = known(point.class, "resource.class");
    const privateName = requiredAs ?? (point.workload !== undefined && point.workload !== OTHER_VALUE && point.id.startsWith(`${point.workload}.`) ? point.id.slice(point.workload.length + 1) : undefined);
    const ctx: Record<string, unknown> = {
      environment: { id: env.id, type: env.type, labels: env.labels },
      app: { id: known(point.app, "app.id") },
      target: point.target,
      workloads: new Unknown("workloads"),
      resource: {
        type: point.type,
        class: cls,
        id,
        uid: typeof id === "string" && typeof cls === "string" ? `${point.type}.${cls}#${id}` : new Unknown("resource.uid"),
        name: privateName ?? new Unknown("resource.name"),
        // A resource created by requires has no params or metadata; a declared one has the workload's.
        params: requiredAs !== undefined ? {} : new Unknown("resource.params"),
        metadata: requiredAs !== undefined ? {} : new Unknown("resource.metadata"),
      },
    };
    if (point.workload !== undefined) ctx.workload = { name: known(point.workload, "workload.name"), metadata: new Unknown("workload.metadata") };
    return ctx;
  }

  private standIn(rule: IndexedRule, point: MatchPoint, e: RuleEvaluation): ResolvedResource {
    const show = (v: string) => (v === OTHER_VALUE ? "(other)" : v);
    const uid = `${point.type}.${show(point.class)}#${show(point.id)}`;
    const r: ResolvedResource = {
      uid,
      type: point.type,
      class: show(point.class),
      id: show(point.id),
      shared: point.workload === undefined,
      declaredBy: [],
      sourceWorkload: point.workload === undefined ? "(shared)" : show(point.workload),
      params: {},
      metadata: {},
      rule: { id: rule.rule.id, builtin: rule.builtin },
      outputs: {},
      secrets: {},
      artifacts: known(e.artifacts) as ResolvedResource["artifacts"],
      secretPaths: [...e.secretPaths].sort(),
      dependsOn: [],
    };
    const locate = (path: readonly (string | number)[]) => {
      const [head, ...rest] = path.map((p) => (typeof p === "string" && /^(0|[1-9][0-9]*)$/.test(p) ? Number(p) : p));
      const section = head === "helm" && rule.rule.artifacts.helm === undefined ? "kubernetes" : head;
      return rule.rule.origin.locate(section === undefined ? ["artifacts"] : ["artifacts", section, ...rest]);
    };
    Object.defineProperty(r, "locate", { value: locate, enumerable: false });
    return r;
  }
}

// The targets check plain data: an unknown value becomes a stand-in text that no check treats specially.
function known(value: unknown): unknown {
  if (value instanceof Unknown) return `(${value.what})`;
  if (Array.isArray(value)) return value.map(known);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) define(out, k, known(v));
    return out;
  }
  return value;
}
