/**
 * Merging extra values from resource rules into the generated values: mappings merge key by key, `manifests`
 * lists are appended, and any other value may only be set again to the same thing (shared resources give the
 * same values once per consumer). A different value is a TARGET_VALUES_CONFLICT naming the path and both sources.
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { toPointer } from "../../shared/json-pointer.js";
import { canonicalJson } from "../../shared/canonical-json.js";
import type { SourcedValues } from "./resource-values.js";

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Returns `base` with every source merged in order; `base` and the sources are not modified. */
export function mergeValues(
  base: Record<string, unknown>,
  sources: readonly SourcedValues[],
  diagnostics: Diagnostic[],
): Record<string, unknown> {
  let merged = base;
  const setBy = new Map<string, string>();
  for (const { values, origin } of sources) {
    const { manifests, ...rest } = values;
    merged = mergeInto(merged, rest, [], origin, setBy, diagnostics);
    if (manifests !== undefined) {
      if (!Array.isArray(manifests))
        diagnostics.push(error("TARGET_INVALID_OUTPUT", `${origin}: artifacts.helm.values.manifests must be a list`));
      else
        merged = {
          ...merged,
          manifests: [...((merged.manifests as unknown[] | undefined) ?? []), ...(manifests as unknown[])],
        };
    }
  }
  return merged;
}

function mergeInto(
  target: Record<string, unknown>,
  extra: Record<string, unknown>,
  path: string[],
  origin: string,
  setBy: Map<string, string>,
  diagnostics: Diagnostic[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(extra)) {
    const at = [...path, key];
    if (UNSAFE_KEYS.has(key)) {
      diagnostics.push(
        error("OVERRIDE_FORBIDDEN_PATH", `${origin}: artifacts.helm.values${toPointer(at)} is not allowed`),
      );
      continue;
    }
    const existing = Object.hasOwn(out, key) ? out[key] : undefined;
    if (existing === undefined) {
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      setBy.set(toPointer(at), origin);
    } else if (isMapping(existing) && isMapping(value)) {
      out[key] = mergeInto(existing, value, at, origin, setBy, diagnostics);
    } else if (canonicalJson(existing) !== canonicalJson(value)) {
      const earlier = setBy.get(toPointer(at)) ?? "the workloads";
      diagnostics.push(
        error(
          "TARGET_VALUES_CONFLICT",
          `${origin} sets the value ${toPointer(at)} differently from ${earlier}`,
          undefined,
          "change one of the rules so that they agree, or write the value in only one of them",
        ),
      );
    }
  }
  return out;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
