import type { ResolvedResource, ResolvedWorkload } from "../../model/resolved.js";
import { isObject } from "./merge-artifacts.js";

/** The label score-compose puts on resource services that run once and exit (database init jobs). */
export const INIT_CONTAINER_LABEL = "dev.score.compose.labels.is-init-container";

/** A Compose `depends_on` entry. */
export interface Dependency {
  condition: "service_started" | "service_healthy" | "service_completed_successfully";
  required: true;
}

/**
 * The resource services a workload must wait for: every service contributed by its resources and by the resources
 * those depend on, with the condition score-compose's `wait-for-resources` uses: healthy when the service has a
 * healthcheck, completed for init jobs (label `dev.score.compose.labels.is-init-container: "true"`), started
 * otherwise. Unlike score-compose, each workload waits only for what it uses, without an extra service.
 */
export function resourceDependencies(
  workload: ResolvedWorkload,
  byUid: ReadonlyMap<string, ResolvedResource>,
  services: Readonly<Record<string, Record<string, unknown>>>,
): Record<string, Dependency> {
  const needed = new Set<string>();
  const visit = (uid: string): void => {
    if (needed.has(uid)) return;
    needed.add(uid);
    for (const dep of byUid.get(uid)?.dependsOn ?? []) visit(dep);
  };
  for (const uid of Object.values(workload.resourceUids)) visit(uid);

  const out: Record<string, Dependency> = {};
  for (const uid of [...needed].sort()) {
    for (const name of Object.keys(byUid.get(uid)?.artifacts.compose?.services ?? {})) {
      const service = services[name];
      if (service) out[name] = { condition: conditionFor(service), required: true };
    }
  }
  return out;
}

/** The condition a dependant waits for on a service. */
export function conditionFor(service: Record<string, unknown>): Dependency["condition"] {
  const health = service.healthcheck;
  if (isObject(health) && health.disable !== true && !isNoneTest(health.test)) return "service_healthy";
  if (labelValue(service.labels, INIT_CONTAINER_LABEL) === "true") return "service_completed_successfully";
  return "service_started";
}

function isNoneTest(test: unknown): boolean {
  return (Array.isArray(test) && test[0] === "NONE") || test === undefined;
}

function labelValue(labels: unknown, key: string): string | undefined {
  if (isObject(labels)) return labels[key] === undefined ? undefined : String(labels[key]);
  if (Array.isArray(labels)) {
    const entry = labels.find((l): l is string => typeof l === "string" && l.startsWith(`${key}=`));
    return entry?.slice(key.length + 1);
  }
  return undefined;
}
