import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { findCycle } from "../../shared/find-cycle.js";
import { isObject } from "./merge-artifacts.js";

/**
 * The consistency rules Docker Compose's loader applies after the schema, for what a generated file can get wrong:
 * services refer only to defined volumes, networks, configs, secrets and services; `depends_on`, `network_mode:
 * service:` and `volumes_from` form no cycle; a service sharing another's network publishes no ports and sets no
 * hostname; no host port is published twice. Returns one error per problem, located-less (the file is generated).
 */
export function checkComposeConsistency(project: Record<string, unknown>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (
    code: "TARGET_UNDEFINED_REFERENCE" | "TARGET_DEPENDENCY_CYCLE" | "TARGET_DUPLICATE_PORT" | "TARGET_UNSUPPORTED",
    message: string,
  ): void => {
    diagnostics.push(error(code, message));
  };
  const services = section(project, "services");
  const defined = (name: string, key: string): boolean => Object.hasOwn(section(project, name), key);
  const published = new Map<string, string>();

  for (const [name, service] of Object.entries(services)) {
    for (const mount of list(service.volumes)) {
      const source = volumeSource(mount);
      if (source !== undefined && !defined("volumes", source))
        report("TARGET_UNDEFINED_REFERENCE", `service '${name}' mounts undefined volume '${source}'`);
    }
    for (const kind of ["configs", "secrets"] as const) {
      for (const entry of list(service[kind])) {
        const source = typeof entry === "string" ? entry : isObject(entry) ? entry.source : undefined;
        if (typeof source === "string" && !defined(kind, source))
          report("TARGET_UNDEFINED_REFERENCE", `service '${name}' uses undefined ${kind.slice(0, -1)} '${source}'`);
      }
    }
    for (const network of keysOrItems(service.networks)) {
      if (network !== "default" && !defined("networks", network))
        report("TARGET_UNDEFINED_REFERENCE", `service '${name}' joins undefined network '${network}'`);
    }
    for (const dep of serviceDependencies(service)) {
      if (!Object.hasOwn(services, dep))
        report("TARGET_UNDEFINED_REFERENCE", `service '${name}' depends on undefined service '${dep}'`);
    }
    if (typeof service.network_mode === "string" && service.network_mode.startsWith("service:")) {
      if (service.ports !== undefined)
        report(
          "TARGET_UNSUPPORTED",
          `service '${name}' shares the network of another service and cannot publish ports`,
        );
      if (service.hostname !== undefined)
        report(
          "TARGET_UNSUPPORTED",
          `service '${name}' shares the network of another service and cannot set a hostname`,
        );
    }
    for (const port of list(service.ports)) {
      const key = publishedKey(port);
      if (key === undefined) continue;
      const other = published.get(key);
      if (other !== undefined)
        report("TARGET_DUPLICATE_PORT", `host port ${key} is published by both '${other}' and '${name}'`);
      else published.set(key, name);
    }
  }
  const names = Object.keys(services).sort();
  const cycle = findCycle(
    names,
    new Map(
      names.map((name) => [
        name,
        serviceDependencies(services[name] ?? {}).filter((dep) => Object.hasOwn(services, dep)),
      ]),
    ),
  );
  if (cycle) report("TARGET_DEPENDENCY_CYCLE", `services depend on each other in a cycle: ${cycle.join(" -> ")}`);
  return diagnostics;
}

/** Every service a service waits for: depends_on, network_mode service:, volumes_from. */
export function serviceDependencies(service: Record<string, unknown>): string[] {
  const deps = keysOrItems(service.depends_on);
  if (typeof service.network_mode === "string" && service.network_mode.startsWith("service:"))
    deps.push(service.network_mode.slice("service:".length));
  for (const from of list(service.volumes_from)) {
    if (typeof from === "string" && !from.startsWith("container:")) deps.push(from.split(":")[0] ?? from);
  }
  return [...new Set(deps)].sort();
}

function volumeSource(mount: unknown): string | undefined {
  if (typeof mount === "string") {
    const [source, target] = mount.split(":");
    // Short syntax: "name:/path" is a named volume; "./dir:/path", "/abs:/path" and "/path" alone are not.
    return target !== undefined && source !== undefined && /^[a-zA-Z0-9]/.test(source) ? source : undefined;
  }
  if (!isObject(mount)) return undefined;
  return (mount.type ?? "volume") === "volume" && typeof mount.source === "string" ? mount.source : undefined;
}

function publishedKey(port: unknown): string | undefined {
  if (isObject(port)) {
    if (port.published === undefined) return undefined;
    return `${String(port.host_ip ?? "")}${port.host_ip ? ":" : ""}${String(port.published)}/${String(port.protocol ?? "tcp").toLowerCase()}`;
  }
  if (typeof port !== "string" && typeof port !== "number") return undefined;
  const [spec = "", protocol = "tcp"] = String(port).split("/");
  const parts = spec.split(":");
  return parts.length < 2 ? undefined : `${parts.slice(0, -1).join(":")}/${protocol}`;
}

function section(project: Record<string, unknown>, name: string): Record<string, Record<string, unknown>> {
  const value = project[name];
  return isObject(value) ? (value as Record<string, Record<string, unknown>>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function keysOrItems(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return isObject(value) ? Object.keys(value) : [];
}
