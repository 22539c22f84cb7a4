/**
 * The manifests that resources add (`artifacts.kubernetes.manifests`), checked on the way in: each must be a
 * Kubernetes object with apiVersion, kind and metadata.name, and every string that holds a secret value (the
 * resource's `secretPaths`) must sit in a Secret's `data` or `stringData`.
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedResource } from "../../model/resolved.js";
import { fromPointer, toPointer } from "../../shared/json-pointer.js";
import type { Manifest } from "./pod-parts.js";

/** A manifest and who produced it, for collision messages. */
export interface Sourced {
  manifest: Manifest;
  origin: string;
}

/**
 * Identifies a leak by object and path inside it, so that the scan of the finished manifests does not report again,
 * without a location, a leak already reported at the rule that wrote it.
 */
export function leakKey(manifest: Manifest, path: readonly (string | number)[]): string {
  return `${String(manifest.kind)}\u0000${String((manifest.metadata as Manifest | undefined)?.name)}\u0000${toPointer(path)}`;
}

/**
 * Collects the manifests of every resource in resolved order, reporting malformed objects and secret leaks (each
 * leak in an object also added to `reportedLeaks`).
 */
export function resourceManifests(
  resources: readonly ResolvedResource[],
  diagnostics: Diagnostic[],
  reportedLeaks?: Set<string>,
): Sourced[] {
  const out: Sourced[] = [];
  for (const resource of resources) {
    const origin = `resource '${resource.uid}' (rule ${resource.rule.id})`;
    const manifests = resource.artifacts.kubernetes?.manifests ?? [];
    checkSecretPaths(resource, manifests, origin, diagnostics, reportedLeaks);
    manifests.forEach((manifest, index) => {
      const problem = shapeProblem(manifest);
      if (problem)
        diagnostics.push(
          error(
            "TARGET_INVALID_OUTPUT",
            `${origin}: manifests[${index}] ${problem}`,
            resource.locate?.(["kubernetes", "manifests", index]),
          ),
        );
      else out.push({ manifest, origin });
    });
  }
  return out;
}

/** Why a value is not a usable Kubernetes object, or undefined when it is one. */
export function shapeProblem(manifest: unknown): string | undefined {
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) return "is not a mapping";
  const m = manifest as Manifest;
  if (typeof m.apiVersion !== "string" || m.apiVersion === "") return "has no apiVersion";
  if (typeof m.kind !== "string" || m.kind === "") return "has no kind";
  const meta = m.metadata;
  if (meta === null || typeof meta !== "object" || Array.isArray(meta)) return "has no metadata";
  const name = (meta as Manifest).name;
  if (typeof name !== "string" || name === "") return "has no metadata.name";
  return undefined;
}

function checkSecretPaths(
  resource: ResolvedResource,
  manifests: readonly Manifest[],
  origin: string,
  diagnostics: Diagnostic[],
  reportedLeaks: Set<string> | undefined,
): void {
  for (const pointer of resource.secretPaths) {
    const parts = fromPointer(pointer);
    if (parts[0] !== "kubernetes") continue;
    const index = Number(parts[2]);
    const manifest = parts[1] === "manifests" && Number.isInteger(index) ? manifests[index] : undefined;
    const inSecretData =
      manifest !== undefined &&
      manifest.kind === "Secret" &&
      manifest.apiVersion === "v1" &&
      parts.length === 5 &&
      (parts[3] === "data" || parts[3] === "stringData");
    if (!inSecretData) {
      if (manifest !== undefined) reportedLeaks?.add(leakKey(manifest, parts.slice(3)));
      const where = manifest
        ? `${String(manifest.kind)} '${String((manifest.metadata as Manifest | undefined)?.name)}' at ${pointer}`
        : pointer;
      diagnostics.push(
        error(
          "RULES_SECRET_LEAK",
          `${origin}: a secret value reaches ${where}, which is not a Secret's data or stringData`,
          resource.locate?.(parts),
          "put the value in a Secret and refer to it with secretKeyRef, secretRef or a secret volume",
        ),
      );
    }
  }
}
