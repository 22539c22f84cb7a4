import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ComposeArtifacts, ResolvedResource } from "../../model/resolved.js";
import { canonicalJson } from "../../shared/canonical-json.js";
import { setOwn } from "../../shared/own-property.js";

/** The five named top-level sections of a Compose file. */
export const SECTIONS = ["services", "volumes", "networks", "configs", "secrets"] as const;
/** One named top-level section. */
export type Section = (typeof SECTIONS)[number];
/** The top-level sections while they are being built. */
export type ComposeSections = Record<Section, Record<string, Record<string, unknown>>>;

// Lists in a service that are sets: several resources may each add entries to one shared service (each route adds
// its config to the one router, each database its init script). Any other list must be identical.
const SET_LISTS = new Set([
  "configs",
  "secrets",
  "volumes",
  "ports",
  "networks",
  "depends_on",
  "extra_hosts",
  "expose",
  "env_file",
]);

/** An empty set of sections. */
export function emptySections(): ComposeSections {
  return { services: {}, volumes: {}, networks: {}, configs: {}, secrets: {} };
}

/**
 * Merges every resource's compose artifacts into the sections, by name. Several resources may describe the same
 * object (a shared server, the router every route adds to): maps merge key by key, set-like service lists take the
 * union, and equal values agree; two different values for the same field are a TARGET_NAME_COLLISION naming both
 * resources. Resources are visited in the resolved (dependency) order, so the result is deterministic.
 */
export function mergeResourceArtifacts(
  sections: ComposeSections,
  resources: readonly ResolvedResource[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const owners = new Map<string, string[]>();
  const lists: ListIndex = { entries: new WeakMap(), undo: [] };
  for (const resource of resources) {
    const artifacts: ComposeArtifacts = resource.artifacts.compose ?? {};
    for (const section of SECTIONS) {
      for (const [name, definition] of Object.entries(artifacts[section] ?? {})) {
        const key = `${section}/${name}`;
        const before = owners.get(key) ?? [];
        owners.set(key, [...before, resource.uid]);
        const existing = Object.hasOwn(sections[section], name) ? sections[section][name] : undefined;
        const incoming = definition ?? {};
        if (existing === undefined) {
          setOwn(sections[section], name, structuredClone(incoming));
          continue;
        }
        lists.undo.length = 0;
        const merged = mergeValues(existing, incoming, section === "services" ? 0 : -1, "", lists);
        if (merged.ok) setOwn(sections[section], name, merged.value);
        else {
          // The definition stays as it was, and so must the index of its lists.
          for (const undo of lists.undo) undo();
          diagnostics.push(collision(section, name, merged.path, before, resource.uid));
        }
      }
    }
  }
  return diagnostics;
}

type Merge = { ok: true; value: unknown } | { ok: false; path: string };

/**
 * The items of each set-like list merged so far: a service that many resources add to (the router every route adds
 * its config to) merges in time linear in its items, not quadratic. A list and the list merged from it share one
 * entry, so `undo` takes back what a merge added when the merge fails.
 */
interface ListIndex {
  entries: WeakMap<readonly unknown[], ListEntry>;
  undo: (() => void)[];
}

/** A list's items by {@link equalityKey}, and the items that have none. */
interface ListEntry {
  keys: Set<string>;
  others: unknown[];
}

/** Merges b into a; `depth` counts levels inside a service (0 = the service itself), -1 outside services. */
function mergeValues(a: unknown, b: unknown, depth: number, key: string, lists: ListIndex): Merge {
  if (deepEqual(a, b)) return { ok: true, value: a };
  if (isObject(a) && isObject(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) {
      if (!Object.hasOwn(out, k)) {
        setOwn(out, k, structuredClone(v));
        continue;
      }
      const m = mergeValues(out[k], v, depth < 0 ? -1 : depth + 1, k, lists);
      if (!m.ok) return { ok: false, path: m.path === "" ? k : `${k}.${m.path}` };
      setOwn(out, k, m.value);
    }
    return { ok: true, value: out };
  }
  if (Array.isArray(a) && Array.isArray(b) && depth === 1 && SET_LISTS.has(key))
    return { ok: true, value: union(a, b, lists) };
  return { ok: false, path: "" };
}

/** `a` and then the items of `b` that no item of `a` equals ({@link deepEqual}). */
function union(a: readonly unknown[], b: readonly unknown[], lists: ListIndex): unknown[] {
  let entry = lists.entries.get(a);
  if (entry === undefined) {
    entry = { keys: new Set(), others: [] };
    for (const x of a) {
      const k = equalityKey(x);
      if (k === undefined) entry.others.push(x);
      else entry.keys.add(k);
    }
  }
  const { keys, others } = entry;
  // An item with a key equals the items of `a` with that key, and maybe one without (deepEqual skips a list's holes);
  // an item without one is compared with each.
  const fresh: [unknown, string | undefined][] = [];
  for (const item of b) {
    const k = equalityKey(item);
    const known =
      k === undefined ? a.some((x) => deepEqual(x, item)) : keys.has(k) || others.some((x) => deepEqual(x, item));
    if (!known) fresh.push([item, k]);
  }
  const othersBefore = others.length;
  if (fresh.length > 0) lists.undo.push(() => void (others.length = othersBefore));
  for (const [item, k] of fresh) {
    if (k === undefined) others.push(item);
    else if (!keys.has(k)) {
      keys.add(k);
      lists.undo.push(() => void keys.delete(k));
    }
  }
  const out = [...a, ...fresh.map(([item]) => item)];
  lists.entries.set(out, entry);
  return out;
}

/**
 * A text that is equal for two values exactly when {@link deepEqual} finds them equal, for JSON data: finite numbers,
 * strings, booleans, null, arrays without holes and objects of those. Anything else (undefined, NaN, a hole, which
 * deepEqual compares its own way) has none. Two values with keys are deepEqual exactly when their keys are equal.
 */
function equalityKey(value: unknown): string | undefined {
  return isJsonData(value) ? canonicalJson(value) : undefined;
}

function isJsonData(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isJsonData(value[i])) return false;
        return true;
      }
      const record = value as Record<string, unknown>;
      return Object.keys(record).every((k) => isJsonData(record[k]));
    }
    default:
      return false;
  }
}

function collision(section: Section, name: string, path: string, earlier: readonly string[], uid: string): Diagnostic {
  const field = path === "" ? "" : ` (field ${path})`;
  return error(
    "TARGET_NAME_COLLISION",
    `${section} '${name}' is defined differently by resource '${uid}' and by ${earlier.map((u) => `'${u}'`).join(", ")}${field}`,
    undefined,
    "give the objects different names in the rules, or make the shared definitions identical",
  );
}

/** Structural equality of JSON-like values (key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/** True for a plain mapping (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
