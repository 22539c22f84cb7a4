/**
 * Labels, selector and annotations of the objects generated for one workload, and the workload kind. The
 * selector depends on the workload name only, so it never changes between compiles (selectors are immutable).
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedWorkload } from "../../model/resolved.js";
import { workloadLocator } from "./locate.js";
import { isLabelValue } from "./names.js";

/** The annotation score-k8s reads to choose Deployment or StatefulSet. */
export const KIND_ANNOTATION = "k8s.score.dev/kind";
/** The annotation that names the workload on every workload object (read by score-k8s patch templates). */
export const WORKLOAD_NAME_ANNOTATION = "k8s.score.dev/workload-name";
/** The value of `app.kubernetes.io/managed-by` on everything scorec generates. */
export const MANAGED_BY = "scorec";

/** The selector of a workload's pods (and of its Services). */
export function selectorLabels(workload: string): Record<string, string> {
  return { "app.kubernetes.io/instance": workload, "app.kubernetes.io/name": workload };
}

/** Labels of every object generated for a workload and of its pods. `part-of` is set when the app id is a valid label value. */
export function workloadLabels(workload: string, appId: string): Record<string, string> {
  const labels: Record<string, string> = { ...selectorLabels(workload), "app.kubernetes.io/managed-by": MANAGED_BY };
  if (appId !== "" && isLabelValue(appId)) labels["app.kubernetes.io/part-of"] = appId;
  return labels;
}

/** Annotations of the workload objects (Deployment/StatefulSet, Services). */
export function objectAnnotations(workload: string): Record<string, string> {
  return { [WORKLOAD_NAME_ANNOTATION]: workload };
}

/** Annotations of the pod template: the workload's own annotations except the `k8s.score.dev/` directives, plus its name. */
export function podAnnotations(workload: ResolvedWorkload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(workload.spec.metadata.annotations ?? {})) {
    if (!k.startsWith("k8s.score.dev/")) out[k] = v;
  }
  out[WORKLOAD_NAME_ANNOTATION] = workload.name;
  return out;
}

/** The kind the workload asks for with `k8s.score.dev/kind`; undefined when it does not ask. */
export function requestedKind(
  workload: ResolvedWorkload,
  diagnostics: Diagnostic[],
): "Deployment" | "StatefulSet" | undefined {
  const value = workload.spec.metadata.annotations?.[KIND_ANNOTATION];
  if (value === undefined) return undefined;
  if (value === "Deployment" || value === "StatefulSet") return value;
  diagnostics.push(
    error(
      "TARGET_UNSUPPORTED",
      `workload '${workload.name}': annotation ${KIND_ANNOTATION} must be Deployment or StatefulSet, not '${value}'`,
      workloadLocator(workload)(["metadata", "annotations", KIND_ANNOTATION]),
    ),
  );
  return undefined;
}
