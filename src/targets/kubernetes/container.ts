/**
 * One Score container → one Kubernetes container: image, command/args (verbatim, as score-k8s), env, ports,
 * resources, probes and mounts. Probes follow the Score spec's advice: exec is preferred when both are given. An
 * init container that runs to completion cannot have probes; a sidecar gets `restartPolicy: Always` and, when the
 * containers after it wait for it to be healthy, a startup probe (its readiness probe, else its liveness probe).
 */
import type { Container, ContainerProbe, ServicePort } from "../../score/types.js";
import type { EnvVar } from "./env.js";
import type { ContainerRole } from "./init-containers.js";
import { isPortName } from "./names.js";
import type { NamedSpec } from "./pod-parts.js";

/** Everything a container needs besides its Score spec. */
export interface ContainerInputs {
  name: string;
  spec: Container;
  env: EnvVar[];
  mounts: NamedSpec[];
  /** Service ports to declare on this container (informational in Kubernetes); empty for none. */
  ports: Record<string, ServicePort>;
  role: ContainerRole;
}

/** Builds the container object. */
export function buildContainer(inputs: ContainerInputs): Record<string, unknown> {
  const { spec } = inputs;
  const out: Record<string, unknown> = { name: inputs.name, image: spec.image };
  if (spec.command !== undefined) out.command = [...spec.command];
  if (spec.args !== undefined) out.args = [...spec.args];
  if (inputs.env.length > 0) out.env = inputs.env;
  const ports = containerPorts(inputs.ports);
  if (ports.length > 0) out.ports = ports;
  const resources = resourceRequirements(spec);
  if (resources) out.resources = resources;
  const role = inputs.role;
  if (role.kind !== "init") {
    if (spec.livenessProbe) out.livenessProbe = probe(spec.livenessProbe);
    if (spec.readinessProbe) out.readinessProbe = probe(spec.readinessProbe);
  }
  if (role.kind === "sidecar") {
    out.restartPolicy = "Always";
    const startup = spec.readinessProbe ?? spec.livenessProbe;
    if (role.waitHealthy && startup) out.startupProbe = probe(startup);
  }
  if (inputs.mounts.length > 0)
    out.volumeMounts = [...inputs.mounts].sort((a, b) => compare(String(a.mountPath), String(b.mountPath)));
  return out;
}

function containerPorts(ports: Record<string, ServicePort>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const name of Object.keys(ports).sort()) {
    const p = ports[name] as ServicePort;
    const containerPort = p.targetPort ?? p.port;
    const protocol = p.protocol ?? "TCP";
    if (seen.has(`${containerPort}/${protocol}`)) continue;
    seen.add(`${containerPort}/${protocol}`);
    const port: Record<string, unknown> = { containerPort, protocol };
    if (isPortName(name)) port.name = name;
    out.push(port);
  }
  return out;
}

function resourceRequirements(spec: Container): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const section of ["limits", "requests"] as const) {
    const given = spec.resources?.[section];
    if (!given) continue;
    const values: Record<string, string> = {};
    if (given.cpu !== undefined) values.cpu = given.cpu;
    if (given.memory !== undefined) values.memory = given.memory;
    if (Object.keys(values).length > 0) out[section] = values;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function probe(p: ContainerProbe): Record<string, unknown> {
  if (p.exec) return { exec: { command: [...p.exec.command] } };
  const http = p.httpGet;
  if (!http) return {};
  const httpGet: Record<string, unknown> = { path: http.path, port: http.port };
  if (http.host !== undefined) httpGet.host = http.host;
  if (http.scheme !== undefined) httpGet.scheme = http.scheme;
  if (http.httpHeaders !== undefined)
    httpGet.httpHeaders = http.httpHeaders.map((h) => ({ name: h.name, value: h.value }));
  return { httpGet };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
