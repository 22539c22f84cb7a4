import { pathText, type Expr, type Step } from "./ast.js";
import { FUNCTIONS, type FunctionEnv } from "./functions.js";
import { kindOf, LazyMap, materialize, Tagged, Unknown, type Outcome, type Val } from "./value.js";

/** The data an expression can read: named roots such as `resource`, `environment`, `deps`. */
export type EvalContext = Readonly<Record<string, unknown>>;

/**
 * Evaluates an expression against the context. Lookups of keys that do not exist fail with `missing: true` and a
 * message naming the keys that do exist; `default(a, b)` turns such a failure (or a null) into `b`.
 */
export function evaluate(expr: Expr, ctx: EvalContext, env: FunctionEnv): Outcome {
  switch (expr.kind) {
    case "literal":
      return { ok: true, val: { value: expr.value, secret: false } };
    case "list": {
      const items: unknown[] = [];
      let secret = false;
      for (const item of expr.items) {
        const r = evaluate(item, ctx, env);
        if (!r.ok) return r;
        items.push(r.val.value);
        secret ||= r.val.secret;
      }
      return { ok: true, val: { value: items, secret } };
    }
    case "path": {
      if (!Object.hasOwn(ctx, expr.root)) {
        if (expr.root === "workload") {
          return { ok: false, message: "workload is only set for private resources; this resource is shared (it has an id)", missing: true, shared: true, hint: "a rule that can match a shared resource reads workload.* inside default(workload.name, FALLBACK), or is narrowed to private ones with match.workload" };
        }
        return { ok: false, message: `unknown name "${expr.root}"; expressions can read ${Object.keys(ctx).sort().join(", ")}`, missing: true };
      }
      return walk(ctx[expr.root], false, expr.root, expr.steps, ctx, env);
    }
    case "access": {
      const base = evaluate(expr.base, ctx, env);
      if (!base.ok) return base;
      return walk(new Tagged(base.val.value, base.val.secret), false, "(…)", expr.steps, ctx, env);
    }
    case "call":
      return call(expr.name, expr.args, ctx, env);
  }
}

function call(name: string, argExprs: readonly Expr[], ctx: EvalContext, env: FunctionEnv): Outcome {
  const spec = FUNCTIONS[name];
  if (!spec) return { ok: false, message: `unknown function ${name}` };
  if (argExprs.length < spec.min || argExprs.length > spec.max) {
    return { ok: false, message: `${name} takes ${spec.min === spec.max ? spec.min : `${spec.min} to ${spec.max}`} argument(s): ${spec.signature}` };
  }
  if (name === "interpolate" && ctx.target !== undefined && ctx.target !== "compose") {
    return { ok: false, message: `interpolate writes a Compose \${NAME} reference to the host environment; ${String(ctx.target)} has no such thing and would get the literal text`, hint: "keep interpolate in compose-only rules (match target: compose); for a value kept in a Kubernetes Secret use secretRef(name, key)" };
  }
  if (name === "default") {
    const first = evaluate(argExprs[0]!, ctx, env);
    if ((first.ok && first.val.value !== null) || (!first.ok && !first.missing)) return first;
    return evaluate(argExprs[1]!, ctx, env);
  }
  const args: Val[] = [];
  for (const a of argExprs) {
    const r = evaluate(a, ctx, env);
    if (!r.ok) return r;
    args.push(r.val);
  }
  const unknown = args.find((a) => a.value instanceof Unknown);
  if (unknown) return { ok: true, val: { value: unknown.value, secret: name === "secretRef" || name === "derive.password" || args.some((a) => a.secret) } };
  return spec.run(args, env);
}

function walk(start: unknown, startSecret: boolean, root: string, steps: readonly Step[], ctx: EvalContext, env: FunctionEnv): Outcome {
  let current = start;
  let secret = startSecret;
  // The keys looked up so far, turned into path text only for a message.
  const done: string[] = [];
  const here = (): string => pathText(root, done.map((name) => ({ kind: "key", name })));
  for (const step of steps) {
    let key: string;
    if (step.kind === "key") key = step.name;
    else {
      const k = evaluate(step.expr, ctx, env);
      if (!k.ok) return k;
      if (k.val.value instanceof Unknown) return { ok: true, val: { value: k.val.value, secret: secret || k.val.secret } };
      if (typeof k.val.value !== "string" && typeof k.val.value !== "number") return { ok: false, message: `${here()}[…] needs a text or number index, got ${kindOf(k.val.value)}` };
      key = String(k.val.value);
    }
    while (current instanceof Tagged) {
      secret ||= current.secret;
      current = current.value;
    }
    if (current instanceof Unknown) return { ok: true, val: { value: current, secret } };
    if (current instanceof LazyMap) {
      const r = current.get(key);
      if (!r) return { ok: false, message: `${here()} has no key "${key}"${available(current.keys())}`, missing: true };
      if (!r.ok) return r;
      secret ||= r.val.secret;
      current = r.val.segments ? new Tagged(r.val.value, r.val.secret, r.val.segments) : r.val.value;
    } else if (Array.isArray(current)) {
      const index = /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : -1;
      if (index < 0 || index >= current.length) return { ok: false, message: `${here()} has no item ${JSON.stringify(key)} (it has ${current.length})`, missing: true };
      current = current[index];
    } else if (current !== null && typeof current === "object") {
      if (!Object.hasOwn(current, key)) {
        const param = root === "resource" && done.length === 1 && done[0] === "params" ? { param: key } : {};
        return { ok: false, message: `${here()} has no key "${key}"${available(Object.keys(current))}`, missing: true, ...param };
      }
      current = (current as Record<string, unknown>)[key];
    } else {
      return { ok: false, message: `${here()} is ${kindOf(current)}, so it has no key "${key}"` };
    }
    done.push(key);
  }
  while (current instanceof Tagged && current.value instanceof Unknown) {
    secret ||= current.secret;
    current = current.value;
  }
  if (current === null || typeof current !== "object" || current instanceof Unknown) return { ok: true, val: { value: current, secret } };
  const m = materialize(current);
  if (!m.ok) return m;
  return { ok: true, val: { value: m.val.value, secret: m.val.secret || secret, ...(m.val.segments ? { segments: m.val.segments } : {}) } };
}

function available(keys: readonly string[]): string {
  const sorted = [...keys].sort();
  if (sorted.length === 0) return " (it is empty)";
  const shown = sorted.length > 12 ? [...sorted.slice(0, 12), "…"] : sorted;
  return `; it has ${shown.join(", ")}`;
}
