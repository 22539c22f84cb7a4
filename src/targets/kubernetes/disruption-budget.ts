/**
 * A workload's PodDisruptionBudget exists only when a patch gives it a budget: the targets offer every patched
 * workload a PodDisruptionBudget named after it, with the workload's labels, annotations and pod selector, which a
 * patch selects like any object (`select: { kind: PodDisruptionBudget }`) and completes with `minAvailable` or
 * `maxUnavailable`. An untouched one is dropped, so nothing changes for workloads without such a patch.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { selects } from "../../rules/patches.js";
import type { PatchPlan, WorkloadPatch } from "../../rules/workload-rules.js";
import { patchable, patchWorkloadObjects } from "../shared/workload-patches.js";
import type { Manifest } from "./pod-parts.js";

/** The budget a patch can complete, or undefined when the workload has no controller of its name. */
export function disruptionBudgetSlot(objects: readonly Manifest[], workload: string): Manifest | undefined {
  const controller = objects.find(
    (o) =>
      (o.kind === "Deployment" || o.kind === "StatefulSet") &&
      (o.metadata as { name?: unknown } | undefined)?.name === workload,
  );
  if (!controller) return undefined;
  const meta = controller.metadata as { labels?: unknown; annotations?: unknown };
  const selector = (controller.spec as { selector?: unknown } | undefined)?.selector;
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: {
      name: workload,
      ...(meta.labels !== undefined ? { labels: structuredClone(meta.labels) } : {}),
      ...(meta.annotations !== undefined ? { annotations: structuredClone(meta.annotations) } : {}),
    },
    spec: { selector: structuredClone(selector) },
  };
}

/** Whether a (patched) budget sets a budget and so belongs in the output. */
export function hasBudget(manifest: unknown): boolean {
  const spec = (manifest as { spec?: Record<string, unknown> } | null)?.spec;
  return (
    spec !== undefined &&
    spec !== null &&
    typeof spec === "object" &&
    (Object.hasOwn(spec, "minAvailable") || Object.hasOwn(spec, "maxUnavailable"))
  );
}

/**
 * The objects of one workload after its patches (see workload-patches.ts), with the disruption budget offered when
 * the workload has patches and kept when one of them set a budget. On an error the objects come back unpatched.
 */
export function patchWorkloadManifests(
  workload: string,
  objects: readonly Manifest[],
  plan: PatchPlan | undefined,
  diagnostics: Diagnostic[],
  used?: Set<WorkloadPatch>,
): unknown[] {
  const planned = plan?.get(workload) ?? [];
  if (planned.length === 0) return [...objects];
  const slot = planned.some((p) => selects(p.patch.select, "PodDisruptionBudget", workload))
    ? disruptionBudgetSlot(objects, workload)
    : undefined;
  const offered = slot ? [...objects, slot] : objects;
  const patched = patchWorkloadObjects(workload, offered.map(patchable), plan, diagnostics, used);
  return slot && !hasBudget(patched[patched.length - 1]) ? patched.slice(0, -1) : patched;
}
