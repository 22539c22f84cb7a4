/**
 * Serialises the final manifest list: one multi-document `manifests.yaml`, or (split) one file per manifest named
 * `<kind>-<name>.yaml`. A name never depends on the object's position, so removing one object renames no other file
 * (the objects refer to each other by name, which Kubernetes resolves in whatever order they are applied). Collision rule: objects that would share a name (same kind and
 * name, another API group or namespace) each get `-<8 hex of SHA-256 of apiVersion, kind, namespace, name>`.
 */
import type { OutputFile } from "../../model/resolved.js";
import { joinYamlDocuments, sortedKeys, toYamlEach, type DocumentWatch } from "../shared/serialize.js";
import { hashHex } from "./names.js";
import type { Manifest } from "./pod-parts.js";

/** The default output file name. */
export const MANIFESTS_FILE = "manifests.yaml";

// Every mapping's keys sorted, with apiVersion, kind and metadata first in each object.
const MANIFEST_KEY_ORDER = sortedKeys(["apiVersion", "kind", "metadata"]);

/** Each manifest as YAML text, every object in canonical key order; `watch` sees the strings (toYamlEach). */
export function manifestTexts(manifests: readonly Manifest[], watch?: DocumentWatch): string[] {
  return toYamlEach(manifests, MANIFEST_KEY_ORDER, watch);
}

/** The files for a manifest list, from the manifests' texts (manifestTexts). */
export function manifestFiles(manifests: readonly Manifest[], texts: readonly string[], split: boolean): OutputFile[] {
  if (!split) return [{ path: MANIFESTS_FILE, text: joinYamlDocuments(texts) }];
  const meta = (m: Manifest) => (m.metadata ?? {}) as Manifest;
  const bases = manifests.map((m) => `${fileSafe(m.kind)}-${fileSafe(meta(m).name)}`);
  const count = new Map<string, number>();
  for (const b of bases) count.set(b, (count.get(b) ?? 0) + 1);
  const used = new Set<string>();
  return manifests.map((m, i) => {
    let name = bases[i]!;
    if (count.get(name)! > 1)
      name += `-${hashHex([String(m.apiVersion ?? ""), String(m.kind ?? ""), String(meta(m).namespace ?? ""), String(meta(m).name ?? "")], 8)}`;
    // The same object twice (an error kubectl reports) still gets files of its own: the later one a counter.
    for (let n = 2; used.has(name); n++) name = `${name.replace(/~\d+$/, "")}~${n}`;
    used.add(name);
    return { path: `${name}.yaml`, text: texts[i]! };
  });
}

function fileSafe(value: unknown): string {
  const s = String(value ?? "unnamed")
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/^[.-]+/, "");
  return s === "" ? "unnamed" : s.slice(0, 100);
}
