/**
 * Putting the manifest list together: `--namespace` on every namespaced object that has none, and one object per
 * apiVersion/kind/namespace/name (identical copies from shared resources collapse; different ones collide).
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { sortKeysDeep } from "../shared/serialize.js";
import type { Manifest } from "./pod-parts.js";
import type { Sourced } from "./resource-manifests.js";

// Kinds that live outside namespaces; `metadata.namespace` on them is an error.
const CLUSTER_SCOPED = new Set([
  "APIService",
  "CSIDriver",
  "CSINode",
  "ClusterIssuer",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "GatewayClass",
  "IngressClass",
  "MutatingWebhookConfiguration",
  "Namespace",
  "Node",
  "PersistentVolume",
  "PriorityClass",
  "RuntimeClass",
  "StorageClass",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ValidatingWebhookConfiguration",
  "VolumeAttachment",
  "VolumeSnapshotClass",
]);

/** Returns the manifest with `metadata.namespace` set, unless it has one or its kind is cluster-scoped. */
export function withNamespace(manifest: Manifest, namespace: string | undefined): Manifest {
  if (namespace === undefined || CLUSTER_SCOPED.has(String(manifest.kind))) return manifest;
  const meta = (manifest.metadata ?? {}) as Manifest;
  if (typeof meta.namespace === "string" && meta.namespace !== "") return manifest;
  return { ...manifest, metadata: { ...meta, namespace } };
}

/** The identity under which Kubernetes stores an object. */
export function identity(manifest: Manifest): string {
  const meta = (manifest.metadata ?? {}) as Manifest;
  return `${String(manifest.apiVersion)} ${String(manifest.kind)} ${String(meta.namespace ?? "")}/${String(meta.name)}`;
}

/** Keeps the first of identical objects; two different objects with one identity are a TARGET_NAME_COLLISION. */
export function dedupe(items: readonly Sourced[], diagnostics: Diagnostic[]): Manifest[] {
  // The canonical text is built only for identities that repeat (shared resources), not for every object.
  const kept = new Map<string, { manifest: Manifest; origin: string; canonical?: string }>();
  const out: Manifest[] = [];
  for (const { manifest, origin } of items) {
    const id = identity(manifest);
    const earlier = kept.get(id);
    if (!earlier) {
      kept.set(id, { manifest, origin });
      out.push(manifest);
      continue;
    }
    earlier.canonical ??= canonicalText(earlier.manifest);
    if (earlier.canonical !== canonicalText(manifest)) {
      diagnostics.push(
        error(
          "TARGET_NAME_COLLISION",
          `${String(manifest.kind)} '${String((manifest.metadata as Manifest).name)}' is generated differently by ${earlier.origin} and by ${origin}`,
          undefined,
          "give one of them another name",
        ),
      );
    }
  }
  return out;
}

function canonicalText(manifest: Manifest): string {
  return JSON.stringify(sortKeysDeep(manifest));
}
