/**
 * The Service of a workload that declares ports (named after the workload, ports sorted by name), and the
 * headless Service a StatefulSet workload needs as its governing service.
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedWorkload } from "../../model/resolved.js";
import type { ServicePort } from "../../score/types.js";
import { workloadLocator } from "./locate.js";
import { headlessServiceName, isDns1035Label } from "./names.js";
import type { Manifest } from "./pod-parts.js";

/** Common metadata of a workload's objects. */
export interface ObjectMeta {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  selector: Record<string, string>;
}

/** The annotation that renames a workload's Service (as in score-k8s). */
export const SERVICE_NAME_ANNOTATION = "k8s.score.dev/service-name";

/** The name of the workload's Service: the `k8s.score.dev/service-name` annotation, else the workload name. */
export function serviceName(workload: ResolvedWorkload): string {
  return workload.spec.metadata.annotations?.[SERVICE_NAME_ANNOTATION] ?? workload.name;
}

/** The Service for the workload's ports, or undefined when it declares none (or they cannot be expressed). */
export function workloadService(
  workload: ResolvedWorkload,
  meta: ObjectMeta,
  diagnostics: Diagnostic[],
): Manifest | undefined {
  const ports = servicePorts(workload, diagnostics);
  if (!ports || ports.length === 0) return undefined;
  const name = serviceName(workload);
  if (!isDns1035Label(name)) {
    const annotated = name !== workload.name;
    diagnostics.push(
      error(
        "TARGET_INVALID_NAME",
        `workload '${workload.name}': '${name}' is not a valid Kubernetes Service name (a DNS label that starts with a letter)`,
        workloadLocator(workload)(
          annotated ? ["metadata", "annotations", SERVICE_NAME_ANNOTATION] : ["metadata", "name"],
        ),
        annotated
          ? "fix the annotation"
          : `rename the workload, or name its Service with the ${SERVICE_NAME_ANNOTATION} annotation`,
      ),
    );
    return undefined;
  }
  return service(name, meta, { selector: meta.selector, ports });
}

/** The headless governing Service of a StatefulSet workload, with the workload's ports when it has any. */
export function headlessService(workload: ResolvedWorkload, meta: ObjectMeta): Manifest {
  const ports = servicePorts(workload, []) ?? [];
  const spec: Record<string, unknown> = { clusterIP: "None", selector: meta.selector };
  if (ports.length > 0) spec.ports = ports;
  return service(headlessServiceName(workload.name), meta, spec);
}

function service(name: string, meta: ObjectMeta, spec: Record<string, unknown>): Manifest {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, labels: meta.labels, annotations: meta.annotations },
    spec,
  };
}

function servicePorts(workload: ResolvedWorkload, diagnostics: Diagnostic[]): Record<string, unknown>[] | undefined {
  const declared = workload.spec.service?.ports ?? {};
  const out: Record<string, unknown>[] = [];
  const seen = new Map<string, string>();
  for (const name of Object.keys(declared).sort()) {
    const p = declared[name] as ServicePort;
    const protocol = p.protocol ?? "TCP";
    const other = seen.get(`${p.port}/${protocol}`);
    if (other !== undefined) {
      diagnostics.push(
        error(
          "TARGET_DUPLICATE_PORT",
          `workload '${workload.name}': service ports '${other}' and '${name}' both use ${protocol} port ${p.port}`,
          workloadLocator(workload)(["service", "ports", name], "key"),
        ),
      );
      return undefined;
    }
    seen.set(`${p.port}/${protocol}`, name);
    out.push({ name, port: p.port, targetPort: p.targetPort ?? p.port, protocol });
  }
  return out;
}
