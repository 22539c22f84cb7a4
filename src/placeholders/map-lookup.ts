import type { LookupResult, PlaceholderResolver } from "./types.js";

/** The outcome of walking keys through nested maps; `message` is score-go's wording without the `invalid ref` prefix. */
export type MapLookup = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Walks `keys` through nested maps like score-go's `mapLookupOutput`: every step needs a map holding the key as its
 * own property (a list or a scalar is "not a map"; inherited names such as `constructor` are never found).
 */
export function lookupKeys(context: unknown, keys: readonly string[]): MapLookup {
  let current = context;
  for (const key of keys) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) {
      return { ok: false, message: `cannot lookup key '${key}', context is not a map` };
    }
    if (!Object.hasOwn(current, key)) return { ok: false, message: `key '${key}' not found` };
    current = (current as Record<string, unknown>)[key];
  }
  return { ok: true, value: current };
}

/** score-go's error for a reference whose first part is neither `metadata` nor `resources`. */
export function unknownRoot(ref: string): LookupResult {
  return {
    ok: false,
    code: "PLACEHOLDER_INVALID_REF",
    message: `invalid ref '${ref}': unknown reference root, use $$ to escape the substitution`,
    hint: "placeholders start with metadata. or resources.; write $${ for a literal ${",
  };
}

/**
 * Resolves `${metadata.KEY...}` against a workload's metadata with score-go's errors. Any other root is reported as
 * an unknown root, so the resolve stage wraps this resolver and handles `resources` itself.
 */
export function metadataResolver(metadata: Record<string, unknown>): PlaceholderResolver {
  return {
    lookup(parts, ref) {
      if (parts[0] !== "metadata") return unknownRoot(ref);
      if (parts.length < 2) {
        return {
          ok: false,
          code: "PLACEHOLDER_INVALID_REF",
          message: `invalid ref '${ref}': requires at least a metadata key to lookup`,
        };
      }
      const found = lookupKeys(metadata, parts.slice(1));
      if (!found.ok)
        return { ok: false, code: "PLACEHOLDER_INVALID_REF", message: `invalid ref '${ref}': ${found.message}` };
      return { ok: true, value: found.value, secret: false };
    },
  };
}
