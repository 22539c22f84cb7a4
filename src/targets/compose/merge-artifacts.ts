import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ComposeArtifacts, ResolvedResource } from "../../model/resolved.js";

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
        const merged = mergeValues(existing, incoming, section === "services" ? 0 : -1);
        if (merged.ok) setOwn(sections[section], name, merged.value);
        else diagnostics.push(collision(section, name, merged.path, before, resource.uid));
      }
    }
  }
  return diagnostics;
}

type Merge = { ok: true; value: unknown } | { ok: false; path: string };

/** Merges b into a; `depth` counts levels inside a service (0 = the service itself), -1 outside services. */
function mergeValues(a: unknown, b: unknown, depth: number, key = ""): Merge {
  if (deepEqual(a, b)) return { ok: true, value: a };
  if (isObject(a) && isObject(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) {
      if (!Object.hasOwn(out, k)) {
        setOwn(out, k, structuredClone(v));
        continue;
      }
      const m = mergeValues(out[k], v, depth < 0 ? -1 : depth + 1, k);
      if (!m.ok) return { ok: false, path: m.path === "" ? k : `${k}.${m.path}` };
      setOwn(out, k, m.value);
    }
    return { ok: true, value: out };
  }
  if (Array.isArray(a) && Array.isArray(b) && depth === 1 && SET_LISTS.has(key)) {
    return {
      ok: true,
      value: [...(a as unknown[]), ...(b as unknown[]).filter((item) => !a.some((x) => deepEqual(x, item)))],
    };
  }
  return { ok: false, path: "" };
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

/** Sets an own property, even for keys such as `__proto__` that plain assignment would treat specially. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** True for a plain mapping (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
