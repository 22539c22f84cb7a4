/**
 * One workload's values, taken from the objects the kubernetes target builds for it (its single source of truth):
 * the controller becomes the workload entry, its Services `service` (the StatefulSet's headless governing Service
 * is implied by `serviceName`), file ConfigMaps `files`, and every Secret `secrets`. The chart renders exactly
 * these objects back; a shape it could not render is reported, never dropped.
 */
import type { ResolvedWorkload } from "../../model/resolved.js";
import { canonicalJson } from "../../shared/canonical-json.js";
import { headlessServiceName, serviceName } from "../kubernetes/seam.js";
import { asRecord, controllerValues, stringMap } from "./pod-values.js";
import type { Manifest, ServiceValues, WorkloadValues } from "./values.js";

const CONFIG_MAP_KEYS = new Set(["apiVersion", "kind", "metadata", "data", "binaryData"]);
const SECRET_KEYS = new Set(["apiVersion", "kind", "metadata", "type", "data", "stringData"]);
const META_KEYS = new Set(["name", "labels", "annotations"]);

/** The values of one workload, or the problems that keep the chart from rendering its objects. */
export function workloadValues(
  workload: ResolvedWorkload,
  objects: readonly Manifest[],
): { values?: WorkloadValues; problems: string[] } {
  const problems: string[] = [];
  const controller = objects.find(
    (o) => (o.kind === "Deployment" || o.kind === "StatefulSet") && nameOf(o) === workload.name,
  );
  if (!controller) return { problems: [`no Deployment or StatefulSet named '${workload.name}'`] };
  const base = controllerValues(controller, problems);
  if (!base) return { problems };
  const values: WorkloadValues = { ...base };
  const controllerMeta = asRecord(controller.metadata);
  let headless: Manifest | undefined;
  for (const object of objects) {
    if (object === controller) continue;
    const where = `${String(object.kind)} '${nameOf(object)}'`;
    const meta = asRecord(object.metadata);
    if (!same(meta.labels, controllerMeta.labels) || !same(meta.annotations, controllerMeta.annotations)) {
      problems.push(`${where} has other labels or annotations than the workload`);
    }
    for (const key of Object.keys(meta))
      if (!META_KEYS.has(key)) problems.push(`${where}: metadata.${key} has no place in the chart's values`);
    if (object.apiVersion === "v1" && object.kind === "ConfigMap") {
      checkKeys(where, object, CONFIG_MAP_KEYS, problems);
      (values.files ??= {})[nameOf(object)] = pick(object, ["data", "binaryData"]);
    } else if (object.apiVersion === "v1" && object.kind === "Secret") {
      checkKeys(where, object, SECRET_KEYS, problems);
      if (typeof object.type !== "string") problems.push(`${where} has no type`);
      const content = pick(object, ["stringData", "data"]);
      (values.secrets ??= {})[nameOf(object)] =
        object.type === "Opaque" ? content : { type: String(object.type), ...content };
    } else if (
      object.apiVersion === "v1" &&
      object.kind === "Service" &&
      nameOf(object) === values.serviceName &&
      values.kind === "StatefulSet"
    ) {
      headless = object;
    } else if (object.apiVersion === "v1" && object.kind === "Service" && nameOf(object) === serviceName(workload)) {
      const service = serviceValues(object, values.selectorLabels, problems);
      if (service) values.service = nameOf(object) === workload.name ? service : { name: nameOf(object), ...service };
    } else if (
      object.apiVersion === "policy/v1" &&
      object.kind === "PodDisruptionBudget" &&
      nameOf(object) === workload.name
    ) {
      checkKeys(where, object, new Set(["apiVersion", "kind", "metadata", "spec"]), problems);
      const { selector, ...budget } = asRecord(object.spec);
      if (!same(selector, { matchLabels: values.selectorLabels }))
        problems.push(`${where} selects other pods than the workload's`);
      values.podDisruptionBudget = budget;
    } else {
      problems.push(`${where} has no place in the chart's values`);
    }
  }
  if (values.kind === "StatefulSet") checkHeadless(headless, values, workload.name, problems);
  return problems.length > 0 ? { problems } : { values, problems };
}

/** The chart renders a StatefulSet's governing Service itself: headless, the selector, the workload's ports. */
function checkHeadless(
  headless: Manifest | undefined,
  values: WorkloadValues,
  workload: string,
  problems: string[],
): void {
  if (values.serviceName === undefined) {
    problems.push(`StatefulSet '${workload}' has no serviceName`);
    return;
  }
  if (values.serviceName !== headlessServiceName(workload))
    problems.push(`StatefulSet '${workload}' is governed by '${values.serviceName}', not by its headless Service`);
  if (!headless) {
    problems.push(`StatefulSet '${workload}' has no headless Service '${values.serviceName}'`);
    return;
  }
  const expected: Record<string, unknown> = { clusterIP: "None", selector: values.selectorLabels };
  if (values.service) expected.ports = values.service.ports;
  if (
    !same(headless.spec, expected) ||
    Object.keys(headless).some((k) => !["apiVersion", "kind", "metadata", "spec"].includes(k))
  ) {
    problems.push(`the headless Service '${values.serviceName}' is not the one the chart renders`);
  }
}

function serviceValues(
  service: Manifest,
  selector: Record<string, string>,
  problems: string[],
): ServiceValues | undefined {
  const spec = asRecord(service.spec);
  checkKeys(`Service '${nameOf(service)}'`, service, new Set(["apiVersion", "kind", "metadata", "spec"]), problems);
  checkKeys(`Service '${nameOf(service)}' spec`, spec, new Set(["selector", "ports"]), problems);
  if (!same(stringMap(spec.selector), selector))
    problems.push(`Service '${nameOf(service)}' selects other pods than the workload's`);
  if (!Array.isArray(spec.ports) || spec.ports.length === 0) {
    problems.push(`Service '${nameOf(service)}' has no ports`);
    return undefined;
  }
  return { ports: spec.ports as Manifest[] };
}

function checkKeys(
  where: string,
  value: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  problems: string[],
): void {
  for (const key of Object.keys(value))
    if (!allowed.has(key)) problems.push(`${where}: ${key} has no place in the chart's values`);
}

function pick(object: Manifest, keys: readonly string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const key of keys) if (object[key] !== undefined) out[key] = stringMap(object[key]);
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function nameOf(object: Manifest): string {
  return String(asRecord(object.metadata).name);
}
