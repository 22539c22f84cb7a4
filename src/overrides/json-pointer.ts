import { isMap } from "./plain-data.js";

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/** True when a JSON pointer only uses the escapes RFC 6901 defines (`~0` and `~1`). */
export function hasValidEscapes(pointer: string): boolean {
  return !/~(?![01])/.test(pointer);
}

/** The child of a map (own keys only, never inherited names) or of a list (canonical index in range). */
export function ownChild(container: unknown, segment: string): { found: true; value: unknown } | { found: false } {
  if (Array.isArray(container)) {
    if (!ARRAY_INDEX.test(segment)) return { found: false };
    const index = Number(segment);
    return index < container.length ? { found: true, value: container[index] } : { found: false };
  }
  if (isMap(container) && Object.hasOwn(container, segment)) return { found: true, value: container[segment] };
  return { found: false };
}

/**
 * Walks `segments` from `root` through own properties only. Returns the value found, or the length of the
 * longest prefix that exists (so a message can name the first missing part).
 */
export function walkOwn(
  root: unknown,
  segments: readonly string[],
): { found: true; value: unknown } | { found: false; depth: number } {
  let current = root;
  for (let depth = 0; depth < segments.length; depth++) {
    const next = ownChild(current, segments[depth]!);
    if (!next.found) return { found: false, depth };
    current = next.value;
  }
  return { found: true, value: current };
}

/** True when the final segment is a place `add` may write to in `parent`: any map key, or a list index up to its length or `-`. */
export function canAddAt(parent: unknown, segment: string): boolean {
  if (Array.isArray(parent)) return segment === "-" || (ARRAY_INDEX.test(segment) && Number(segment) <= parent.length);
  return isMap(parent);
}
