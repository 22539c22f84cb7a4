import type { Segment } from "../../placeholders/types.js";

/** A value computed by an expression: the data, whether a secret went into it, and (for strings) its pieces. */
export interface Val {
  value: unknown;
  secret: boolean;
  /** For strings only: set when some piece is verbatim or when secret and plain pieces are mixed. */
  segments?: Segment[];
}

/**
 * The outcome of evaluating an expression. `missing` marks a lookup of a key that does not exist; `param` names the
 * `resource.params` key when that is the one missing (reported once per resource, at the user's resource).
 */
export type Outcome = { ok: true; val: Val } | { ok: false; message: string; missing?: boolean; param?: string; code?: OutcomeCode; hint?: string; shared?: true };

/** Failures with a code of their own (anything else is a RULES_EXPRESSION). */
export type OutcomeCode = "RULES_SEED_REQUIRED" | "RULES_SECRET_REF";

/** A value in the evaluation context that carries secrecy (and string pieces) with it. */
export class Tagged {
  constructor(
    readonly value: unknown,
    readonly secret: boolean,
    readonly segments?: Segment[],
  ) {}
}

/**
 * A map in the evaluation context whose entries are computed on demand (a rule's own outputs, which may refer to
 * each other; the `"*"` output, which answers any key).
 */
export class LazyMap {
  constructor(
    readonly keys: () => string[],
    readonly get: (key: string) => Outcome | undefined,
  ) {}
}

/**
 * A value `rules check` cannot know because a workload supplies it (params, metadata, other workloads' ports, ids the
 * table does not name). Lookups in it, functions of it and text made with it are unknown too; compile never sees one.
 */
export class Unknown {
  constructor(readonly what: string) {}
}

/** Wraps a plain value. */
export function plainVal(value: unknown): Val {
  return { value, secret: false };
}

/**
 * Removes every {@link Tagged} and {@link LazyMap} from a context value, so the result is plain data; the secret
 * flag is set when any tagged piece inside was secret. Fails when a lazy entry fails.
 */
export function materialize(value: unknown): Outcome {
  if (value === null || typeof value !== "object") return { ok: true, val: { value, secret: false } };
  let secret = false;
  let failure: string | undefined;
  let segments: Segment[] | undefined;
  const walk = (v: unknown, top: boolean): unknown => {
    if (v instanceof Tagged) {
      if (v.secret) secret = true;
      if (top && v.segments) segments = v.segments;
      return walk(v.value, false);
    }
    if (v instanceof LazyMap) {
      const out: Record<string, unknown> = {};
      for (const key of v.keys()) {
        const r = v.get(key);
        if (!r) continue;
        if (!r.ok) {
          failure ??= r.message;
          continue;
        }
        if (r.val.secret) secret = true;
        define(out, key, r.val.value);
      }
      return out;
    }
    if (Array.isArray(v)) return v.map((item) => walk(item, false));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) define(out, key, walk((v as Record<string, unknown>)[key], false));
      return out;
    }
    return v;
  };
  const value2 = walk(value, true);
  if (failure !== undefined) return { ok: false, message: failure };
  return { ok: true, val: { value: value2, secret, ...(segments ? { segments } : {}) } };
}

/** Sets an own enumerable property, keeping `__proto__` a plain key. */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  // Assignment makes the same own data property on a plain object, much faster; only `__proto__` is an accessor.
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Short description of a value's kind for messages. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `a ${typeof value}`;
}
