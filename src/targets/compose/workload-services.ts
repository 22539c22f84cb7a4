import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { BinaryOutputFile, ResolvedResource, ResolvedWorkload } from "../../model/resolved.js";
import { composeCommandText, composeText, escapeDollars } from "./dollar-escape.js";
import { fileConfigs } from "./files.js";
import { healthcheckOf } from "./healthcheck.js";
import { networkRoles } from "./network-roles.js";
import { deployResourcesOf } from "./resource-limits.js";
import { containerLocation, containerSite } from "./site.js";
import { volumeMounts } from "./volume-mounts.js";

/** The annotation score-compose adds to every workload service; patch templates select services by it. */
export const WORKLOAD_ANNOTATION = "compose.score.dev/workload-name";

/** What one workload adds to the project. */
export interface WorkloadServices {
  services: Record<string, Record<string, unknown>>;
  configs: Record<string, Record<string, unknown>>;
  volumes: Record<string, Record<string, unknown>>;
  /** Binary files the services bind-mount, relative to the compose file's folder. */
  binaryFiles: BinaryOutputFile[];
  /** The service that owns the workload's network (hostname = workload name); `--publish` adds ports to it. */
  hostService?: string;
  diagnostics: Diagnostic[];
}

const CONDITIONS = {
  started: "service_started",
  healthy: "service_healthy",
  complete: "service_completed_successfully",
} as const;

/**
 * Converts one workload into Compose services, one per container named `<workload>-<container>` (score-compose's
 * naming): image, entrypoint (= command) and command (= args) with `$` escaped, environment from the substituted
 * variables, files as inline configs (binary ones bind-mounted), volumes, a healthcheck from an exec probe, `deploy.resources` from limits and
 * requests, `depends_on` from `before`, and the workload's annotations plus `compose.score.dev/workload-name`.
 */
export function workloadServices(
  workload: ResolvedWorkload,
  resources: ReadonlyMap<string, ResolvedResource>,
  filesFolder?: string,
): WorkloadServices {
  const out: WorkloadServices = { services: {}, configs: {}, volumes: {}, binaryFiles: [], diagnostics: [] };
  const roles = networkRoles(workload.spec.containers);
  // Compose interpolates annotation values and the image like any other string: every `$` is written `$$`.
  const annotations = Object.fromEntries(
    Object.entries({ ...(workload.spec.metadata.annotations ?? {}), [WORKLOAD_ANNOTATION]: workload.name }).map(
      ([k, v]) => [k, typeof v === "string" ? escapeDollars(v) : v],
    ),
  );
  for (const name of Object.keys(workload.spec.containers).sort()) {
    const container = workload.spec.containers[name]!;
    const resolved = workload.containers[name] ?? { variables: {}, files: {}, volumes: {} };
    const serviceName = `${workload.name}-${name}`;
    const site = containerSite(workload, name);
    const service: Record<string, unknown> = { image: escapeDollars(container.image), annotations: { ...annotations } };

    const role = roles.get(name);
    if (role?.kind === "owner") {
      service.hostname = workload.name;
      out.hostService = serviceName;
    } else if (role?.kind === "member") service.network_mode = `service:${workload.name}-${role.owner}`;

    if (container.command) service.entrypoint = container.command.map(composeCommandText);
    if (container.args) service.command = container.args.map(composeCommandText);
    const environment = Object.fromEntries(Object.entries(resolved.variables).map(([k, v]) => [k, composeText(v)]));
    if (Object.keys(environment).length > 0) service.environment = environment;

    const files = fileConfigs(serviceName, resolved.files, site, filesFolder);
    Object.assign(out.configs, files.configs);
    if (files.mounts.length > 0) service.configs = files.mounts;
    out.binaryFiles.push(...files.binaryFiles);
    const volumes = volumeMounts(resolved.volumes, resources, site);
    Object.assign(out.volumes, volumes.volumes);
    // Binary files come after the volume mounts, by target path.
    const mounts = [...volumes.mounts, ...files.binds];
    if (mounts.length > 0) service.volumes = mounts;
    out.diagnostics.push(...files.diagnostics, ...volumes.diagnostics);

    const health = healthcheckOf(container, site);
    if (health.healthcheck) service.healthcheck = health.healthcheck;
    out.diagnostics.push(...health.diagnostics);
    const deploy = deployResourcesOf(container);
    if (deploy) service.deploy = deploy;
    out.services[serviceName] = service;
  }
  out.diagnostics.push(...addBeforeDependencies(workload, out.services));
  return out;
}

/** `A.before: {B: {ready: R}}` makes B's service wait for A's with the condition for R. */
function addBeforeDependencies(
  workload: ResolvedWorkload,
  services: Record<string, Record<string, unknown>>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const name of Object.keys(workload.spec.containers).sort()) {
    const before = workload.spec.containers[name]?.before ?? {};
    for (const later of Object.keys(before).sort()) {
      const ready = before[later]!.ready;
      const earlier = services[`${workload.name}-${name}`];
      const waiting = services[`${workload.name}-${later}`];
      if (!earlier || !waiting) continue;
      if (ready === "healthy" && !earlier.healthcheck) {
        diagnostics.push(
          error(
            "TARGET_UNSUPPORTED",
            `containers.${name}.before: ready 'healthy' needs an exec probe to become a Compose healthcheck`,
            containerLocation(containerSite(workload, name), "before", later, "ready"),
            "add an exec readiness or liveness probe, or use ready: started",
          ),
        );
        continue;
      }
      const dependsOn = (waiting.depends_on ??= {}) as Record<string, unknown>;
      dependsOn[`${workload.name}-${name}`] = { condition: CONDITIONS[ready], required: true };
    }
  }
  return diagnostics;
}
