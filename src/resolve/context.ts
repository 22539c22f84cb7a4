import type { LoadedWorkload } from "../validate/load-workloads.js";
import type { Environment, TargetName } from "../model/resolved.js";
import { Tagged } from "../rules/expressions/value.js";
import type { ResourceNode } from "./nodes.js";

/** The part of the expression context that is the same for every resource of one resolution. */
export interface BaseContext {
  environment: { id: string; type: string; labels: Record<string, string> };
  app: { id: string };
  target: TargetName;
  /** Every workload of the app: name, metadata, and service ports (by name and by port number) with defaults filled in. */
  workloads: Record<
    string,
    {
      name: string;
      metadata: Record<string, unknown>;
      ports: Record<string, { port: number; targetPort: number; protocol: string }>;
    }
  >;
}

/** Builds the shared context: `environment`, `app`, `target`, `workloads`. */
export function baseContext(
  environment: Environment,
  app: string,
  target: TargetName,
  workloads: readonly LoadedWorkload[],
): BaseContext {
  const all: BaseContext["workloads"] = {};
  for (const w of workloads) {
    const ports: BaseContext["workloads"][string]["ports"] = {};
    const entries = Object.entries(w.spec.service?.ports ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [name, p] of entries) {
      ports[name] = { port: p.port, targetPort: p.targetPort ?? p.port, protocol: p.protocol ?? "TCP" };
    }
    // Also keyed by port number, as score-compose's WorkloadServices are (route/service-port params give either).
    for (const [, p] of entries) {
      if (!Object.hasOwn(ports, String(p.port)))
        ports[String(p.port)] = { port: p.port, targetPort: p.targetPort ?? p.port, protocol: p.protocol ?? "TCP" };
    }
    all[w.name] = { name: w.name, metadata: w.spec.metadata, ports };
  }
  return {
    environment: { id: environment.id, type: environment.type, labels: environment.labels },
    app: { id: app },
    target,
    workloads: all,
  };
}

/**
 * The context of one resource: the base plus `resource` and, for private resources, `workload`. Params computed
 * from a secret are tagged so that anything read from them is secret too.
 */
export function resourceContext(
  base: BaseContext,
  node: ResourceNode,
  params: Record<string, unknown>,
  paramsSecret: boolean,
): Record<string, unknown> {
  const ctx: Record<string, unknown> = {
    ...base,
    resource: {
      type: node.type,
      class: node.class,
      id: node.id,
      uid: node.uid,
      name: node.name,
      params: paramsSecret ? new Tagged(params, true) : params,
      metadata: node.metadata,
    },
  };
  if (node.owner !== undefined) {
    ctx.workload = { name: node.owner, metadata: base.workloads[node.owner]?.metadata ?? {} };
  }
  return ctx;
}
