/**
 * What resources add to the chart values: their manifests (`artifacts.helm.manifests`; the resolve stage falls
 * back to the kubernetes manifests when a rule has no helm artifacts) and their extra values
 * (`artifacts.helm.values`). Every string that holds a secret value must land in a Secret's data/stringData:
 * a Secret manifest, or a `workloads.<w>.secrets.<name>` entry of the values, which the chart renders as a Secret.
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { fromPointer, toPointer } from "../../shared/json-pointer.js";
import type { ResolvedResource } from "../../model/resolved.js";
import { leakKey, shapeProblem, type Sourced } from "../kubernetes/seam.js";
import { asRecord } from "./pod-values.js";
import type { Manifest } from "./values.js";

/** Extra values of one resource, with who provided them (for conflict messages). */
export interface SourcedValues {
  values: Record<string, unknown>;
  origin: string;
}

/**
 * Identifies a leak in the values by where it lands: an object of `manifests` by kind, name and path inside it (its
 * index changes as the values are put together), anything else by its path in the values.
 */
export function valuesLeakKey(path: readonly (string | number)[], manifests: readonly unknown[]): string {
  if (path[0] === "manifests" && path.length >= 2) return leakKey(asRecord(manifests[Number(path[1])]), path.slice(2));
  return `values\u0000${toPointer(path)}`;
}

/**
 * The manifests and extra values of every resource, in resolved order, with malformed objects and leaks reported
 * (each leak also added to `reportedLeaks`, so that the scan of the finished values does not report it again).
 */
export function resourceContributions(
  resources: readonly ResolvedResource[],
  diagnostics: Diagnostic[],
  reportedLeaks?: Set<string>,
): { manifests: Sourced[]; values: SourcedValues[] } {
  const manifests: Sourced[] = [];
  const values: SourcedValues[] = [];
  for (const resource of resources) {
    const origin = `resource '${resource.uid}' (rule ${resource.rule.id})`;
    const helm = resource.artifacts.helm;
    const [artifactKey, list] = helm
      ? ["helm", helm.manifests ?? []]
      : ["kubernetes", resource.artifacts.kubernetes?.manifests ?? []];
    list.forEach((manifest, index) => {
      const problem = shapeProblem(manifest);
      if (problem)
        diagnostics.push(
          error(
            "TARGET_INVALID_OUTPUT",
            `${origin}: manifests[${index}] ${problem}`,
            resource.locate?.([artifactKey, "manifests", index]),
          ),
        );
      else manifests.push({ manifest, origin });
    });
    const extra = helm?.values;
    if (extra !== undefined) {
      if (extra === null || typeof extra !== "object" || Array.isArray(extra))
        diagnostics.push(
          error(
            "TARGET_INVALID_OUTPUT",
            `${origin}: artifacts.helm.values must be a mapping`,
            resource.locate?.(["helm", "values"]),
          ),
        );
      else values.push({ values: extra, origin });
    }
    for (const pointer of resource.secretPaths) {
      const parts = fromPointer(pointer);
      const where = secretPlace(parts, artifactKey, list, extra);
      if (where !== undefined) {
        reportedLeaks?.add(landing(parts, list, extra));
        diagnostics.push(
          error(
            "RULES_SECRET_LEAK",
            `${origin}: a secret value reaches ${where}, which does not become a Secret's data or stringData`,
            resource.locate?.(fromPointer(pointer)),
            "put the value in a Secret manifest, or under workloads.<workload>.secrets.<name>.stringData in artifacts.helm.values",
          ),
        );
      }
    }
  }
  return { manifests, values };
}

/** The key of {@link valuesLeakKey} for a secret at `parts` of a resource's artifacts. */
function landing(
  parts: readonly string[],
  list: readonly Manifest[],
  extra: Record<string, unknown> | undefined,
): string {
  if (parts[1] === "manifests") return leakKey(asRecord(list[Number(parts[2])]), parts.slice(3));
  return valuesLeakKey(parts.slice(2), asArray(extra?.manifests));
}

/** Undefined when the secret at `parts` sits in a Secret's data; else where it leaks to. */
function secretPlace(
  parts: readonly string[],
  artifactKey: string,
  manifests: readonly Manifest[],
  values: Record<string, unknown> | undefined,
): string | undefined {
  const where = `artifacts.${parts.join(".")}`;
  if (parts[0] !== artifactKey) return undefined;
  if (parts[1] === "manifests") return inSecretManifest(parts.slice(2), manifests) ? undefined : where;
  if (artifactKey === "helm" && parts[1] === "values") {
    const path = parts.slice(2);
    if (path[0] === "manifests") return inSecretManifest(path.slice(1), asArray(values?.manifests)) ? undefined : where;
    const inValuesSecret =
      path.length === 6 &&
      path[0] === "workloads" &&
      path[2] === "secrets" &&
      (path[4] === "stringData" || path[4] === "data");
    return inValuesSecret ? undefined : where;
  }
  return where;
}

function inSecretManifest(path: readonly string[], manifests: readonly unknown[]): boolean {
  const manifest = asRecord(manifests[Number(path[0])]);
  return (
    manifest.apiVersion === "v1" &&
    manifest.kind === "Secret" &&
    path.length === 3 &&
    (path[1] === "data" || path[1] === "stringData")
  );
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
