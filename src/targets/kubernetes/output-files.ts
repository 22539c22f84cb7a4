/**
 * Serialises the final manifest list: one multi-document `manifests.yaml`, or (split) one file per manifest named
 * `NN-kind-name.yaml`, NN being the zero-padded position so that a folder listing keeps the apply order.
 */
import type { OutputFile } from "../../model/resolved.js";
import { joinYamlDocuments, sortedKeys, toYamlEach, type DocumentWatch } from "../shared/serialize.js";
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
  const width = Math.max(2, String(Math.max(0, manifests.length - 1)).length);
  return manifests.map((m, i) => ({ path: `${String(i).padStart(width, "0")}-${fileSafe(m.kind)}-${fileSafe((m.metadata as Manifest | undefined)?.name)}.yaml`, text: texts[i]! }));
}

function fileSafe(value: unknown): string {
  const s = String(value ?? "unnamed").toLowerCase().replace(/[^a-z0-9.-]+/g, "-").replace(/^[.-]+/, "");
  return s === "" ? "unnamed" : s.slice(0, 100);
}
