/**
 * The Deployment or StatefulSet that the kubernetes target builds for a workload, expressed as chart values: the
 * exact inverse of the chart's templates/workload.yaml. Anything the chart could not render back identically is
 * reported as a problem instead of being dropped.
 */
import type { ContainerValues, Manifest, WorkloadValues } from "./values.js";
import { MANAGED_BY_LABEL } from "./values.js";

const SPEC_KEYS = new Set(["selector", "template", "serviceName", "volumeClaimTemplates", "replicas"]);
/** Pod spec fields the chart renders from `pod.*` as they are (hardening patches set them; docs/policies.md). */
export const POD_SPEC_VALUES = [
  "securityContext",
  "serviceAccountName",
  "priorityClassName",
  "imagePullSecrets",
  "topologySpreadConstraints",
] as const;
const POD_SPEC_KEYS = new Set<string>(["containers", "initContainers", "volumes", ...POD_SPEC_VALUES]);

/** The controller's part of a workload's values, or the problems that keep the chart from rendering it. */
export function controllerValues(
  controller: Manifest,
  problems: string[],
): Omit<WorkloadValues, "service" | "files" | "secrets"> | undefined {
  const meta = asRecord(controller.metadata);
  const spec = asRecord(controller.spec);
  const template = asRecord(spec.template);
  const podMeta = asRecord(template.metadata);
  const podSpec = asRecord(template.spec);
  unexpected("spec", spec, SPEC_KEYS, problems);
  unexpected("spec.selector", asRecord(spec.selector), new Set(["matchLabels"]), problems);
  unexpected("spec.template", template, new Set(["metadata", "spec"]), problems);
  unexpected("spec.template.metadata", podMeta, new Set(["labels", "annotations"]), problems);
  unexpected("spec.template.spec", podSpec, POD_SPEC_KEYS, problems);

  const labels = withoutManagedBy(stringMap(meta.labels));
  const selectorLabels = stringMap(asRecord(spec.selector).matchLabels);
  const podLabels = extraPodLabels(
    withoutManagedBy(stringMap(podMeta.labels)),
    { ...labels, ...selectorLabels },
    problems,
  );
  const containers = containerMap("containers", podSpec.containers, problems);
  if (!containers || Object.keys(containers).length === 0) {
    problems.push("spec.template.spec.containers is empty");
    return undefined;
  }
  const kind = controller.kind === "StatefulSet" ? "StatefulSet" : "Deployment";
  const out: Omit<WorkloadValues, "service" | "files" | "secrets"> = { kind, labels, selectorLabels, containers };
  if (typeof spec.replicas === "number") out.replicas = spec.replicas;
  const annotations = stringMap(meta.annotations);
  if (Object.keys(annotations).length > 0) out.annotations = annotations;
  const pod: NonNullable<WorkloadValues["pod"]> = {};
  if (Object.keys(podLabels).length > 0) pod.labels = podLabels;
  const podAnnotations = stringMap(podMeta.annotations);
  if (Object.keys(podAnnotations).length > 0) pod.annotations = podAnnotations;
  for (const key of POD_SPEC_VALUES)
    if (Object.hasOwn(podSpec, key)) (pod as Record<string, unknown>)[key] = podSpec[key];
  if (Object.keys(pod).length > 0) out.pod = pod;
  if (typeof spec.serviceName === "string") out.serviceName = spec.serviceName;
  const initContainers = Array.isArray(podSpec.initContainers)
    ? podSpec.initContainers.map((c) => containerValues("initContainers", c, problems))
    : [];
  if (initContainers.length > 0)
    out.initContainers = initContainers.filter((c): c is ContainerValues & { name: string } => c !== undefined);
  if (Array.isArray(podSpec.volumes) && podSpec.volumes.length > 0) out.volumes = podSpec.volumes as Manifest[];
  if (Array.isArray(spec.volumeClaimTemplates) && spec.volumeClaimTemplates.length > 0)
    out.volumeClaimTemplates = spec.volumeClaimTemplates as Manifest[];
  return out;
}

/** The labels with the one the chart always sets itself left out. */
export function withoutManagedBy(labels: Record<string, string>): Record<string, string> {
  const { [MANAGED_BY_LABEL]: _, ...rest } = labels;
  return rest;
}

/** The chart gives pods the workload labels and the selector; only labels beyond those go to `pod.labels`. */
function extraPodLabels(
  podLabels: Record<string, string>,
  implied: Record<string, string>,
  problems: string[],
): Record<string, string> {
  for (const [key, value] of Object.entries(implied)) {
    if (podLabels[key] !== value) problems.push(`the pod template lacks the workload label ${key}=${value}`);
  }
  return Object.fromEntries(Object.entries(podLabels).filter(([key, value]) => implied[key] !== value));
}

/** The main containers as the chart's map by name (legacy layout); the chart renders them back sorted by name. */
function containerMap(field: string, list: unknown, problems: string[]): Record<string, ContainerValues> | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: Record<string, ContainerValues> = {};
  let previous = "";
  for (const item of list) {
    const container = containerValues(field, item, problems);
    if (!container) continue;
    const { name, ...rest } = container;
    if (name <= previous) problems.push(`spec.template.spec.${field} is not sorted by name at '${name}'`);
    previous = name;
    out[name] = rest;
  }
  return out;
}

/** One container with `image` (and `imagePullPolicy`) as the chart's `image: {name, pullPolicy}`. */
function containerValues(
  field: string,
  item: unknown,
  problems: string[],
): (ContainerValues & { name: string }) | undefined {
  const { name, image, imagePullPolicy, ...rest } = asRecord(item);
  if (typeof name !== "string" || typeof image !== "string") {
    problems.push(`spec.template.spec.${field}: a container without a name or image`);
    return undefined;
  }
  const imageValues: ContainerValues["image"] = { name: image };
  if (typeof imagePullPolicy === "string") imageValues.pullPolicy = imagePullPolicy;
  return { name, image: imageValues, ...rest };
}

function unexpected(
  where: string,
  value: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  problems: string[],
): void {
  for (const key of Object.keys(value))
    if (!allowed.has(key)) problems.push(`${where}.${key} has no place in the chart's values`);
}

/** The value as a mapping ({} for anything else). */
export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The string entries of a mapping. */
export function stringMap(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(asRecord(value)).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}
