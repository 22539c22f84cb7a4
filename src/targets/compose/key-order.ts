import { setOwn } from "../../shared/own-property.js";
import { isObject } from "./merge-artifacts.js";

const TOP = ["name", "services", "volumes", "networks", "configs", "secrets"];
const SERVICE = [
  "image",
  "build",
  "hostname",
  "network_mode",
  "user",
  "working_dir",
  "entrypoint",
  "command",
  "environment",
  "env_file",
  "configs",
  "secrets",
  "volumes",
  "tmpfs",
  "ports",
  "expose",
  "networks",
  "depends_on",
  "healthcheck",
  "deploy",
  "restart",
  "labels",
  "annotations",
];
// Heads for the objects nested inside a service, by the key that holds them.
const NESTED: Record<string, string[]> = {
  healthcheck: ["test", "interval", "timeout", "retries", "start_period", "start_interval", "disable"],
  volumes: ["type", "source", "target", "read_only"],
  configs: ["source", "target", "uid", "gid", "mode"],
  secrets: ["source", "target", "uid", "gid", "mode"],
  ports: ["name", "target", "published", "host_ip", "protocol", "mode"],
  depends_on: ["condition", "required", "restart"],
  resources: ["limits", "reservations"],
  limits: ["cpus", "memory", "pids"],
  reservations: ["cpus", "memory"],
};
const DEFINITION = ["name", "driver", "external", "content", "file", "environment"];

/**
 * Orders a Compose project for reading: top level `name, services, volumes, networks, configs, secrets`; services
 * and other named objects by name; inside a service the usual reading order (image, networking, command,
 * environment, mounts, ports, dependencies, health, deploy, labels); maps such as environment, labels and
 * annotations by key; every other map by key too. Lists keep their order. Returns a new value.
 */
export function orderComposeProject(project: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ordered(project, TOP)) {
    const value = project[key];
    if (key === "name" || !isObject(value)) {
      setOwn(out, key, sortDeep(value, []));
      continue;
    }
    const named: Record<string, unknown> = {};
    for (const name of ordered(value, [])) {
      const item = value[name];
      setOwn(named, name, key === "services" ? orderService(item) : sortDeep(item, DEFINITION));
    }
    setOwn(out, key, named);
  }
  return out;
}

function orderService(service: unknown): unknown {
  if (!isObject(service)) return service;
  const out: Record<string, unknown> = {};
  for (const key of ordered(service, SERVICE)) setOwn(out, key, orderNested(key, service[key]));
  return out;
}

function orderNested(key: string, value: unknown): unknown {
  const head = NESTED[key] ?? [];
  if (Array.isArray(value)) return value.map((item) => sortDeep(item, head));
  if (key !== "depends_on" || !isObject(value)) return sortDeep(value, head);
  const out: Record<string, unknown> = {};
  for (const name of ordered(value, [])) setOwn(out, name, sortDeep(value[name], head));
  return out;
}

function sortDeep(value: unknown, head: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => sortDeep(v, head));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of ordered(value, head)) setOwn(out, key, sortDeep(value[key], NESTED[key] ?? []));
  return out;
}

/** Keys of a map: the `head` keys that exist first, in that order, then the others by code point. */
function ordered(value: Record<string, unknown>, head: readonly string[]): string[] {
  const keys = Object.keys(value);
  const first = head.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !head.includes(k)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...first, ...rest];
}
