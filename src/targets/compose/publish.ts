import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedResource } from "../../model/resolved.js";

/** Where a `--publish` entry puts its port. */
export interface PublishRequest {
  service: string;
  port: { target: number; published: string };
}

/** What `--publish` needs to know about the project. */
export interface PublishContext {
  /** Workload name → the service that owns its network. */
  workloadHosts: ReadonlyMap<string, string>;
  resources: readonly ResolvedResource[];
}

/**
 * Parses `--publish` entries with score-compose's syntax and errors: `HOST:WORKLOAD:PORT` publishes a container port
 * of the workload's network-owning service, `HOST:TYPE[.CLASS]#ID.OUTPUT:PORT` one of the service named by a resource
 * output (for example `6379:redis#cache.host:6379`; the class defaults to `default`). Errors carry no location: the
 * entries come from the command line.
 */
export function parsePublish(
  entries: readonly string[],
  context: PublishContext,
): { requests: PublishRequest[]; diagnostics: Diagnostic[] } {
  const requests: PublishRequest[] = [];
  const diagnostics: Diagnostic[] = [];
  entries.forEach((entry, index) => {
    const result = parseOne(entry, context);
    if (typeof result === "string")
      diagnostics.push(
        error(
          "TARGET_INVALID_PUBLISH",
          `--publish[${index}] ${result}`,
          undefined,
          "use HOST_PORT:WORKLOAD:CONTAINER_PORT or HOST_PORT:TYPE.CLASS#ID.OUTPUT:CONTAINER_PORT",
        ),
      );
    else requests.push(result);
  });
  return { requests, diagnostics };
}

function parseOne(entry: string, context: PublishContext): PublishRequest | string {
  const parts = entry.split(":");
  if (parts.length !== 3) return "expected 3 :-separated parts";
  const [host = "", ref = "", container = ""] = parts;
  const hostPort = parsePort(host, "host");
  if (typeof hostPort === "string") return hostPort;
  const target = parsePort(container, "container");
  if (typeof target === "string") return target;
  const port = { target, published: String(hostPort) };
  if (!ref.includes("#")) {
    const service = context.workloadHosts.get(ref);
    return service === undefined ? `failed to find a workload named '${ref}'` : { service, port };
  }
  const dot = ref.lastIndexOf(".");
  if (dot < ref.indexOf("#")) return "must match RES_UID.OUTPUT";
  const uid = ref.slice(0, dot);
  const output = ref.slice(dot + 1);
  const [type = "", id = ""] = uid.split("#", 2);
  const fullUid = type.includes(".") ? uid : `${type}.default#${id}`;
  const resource = context.resources.find((r) => r.uid === fullUid);
  if (!resource) return `failed to find a resource with uid '${uid}'`;
  const value = Object.hasOwn(resource.outputs, output) ? resource.outputs[output] : undefined;
  if (value === undefined) return `resource '${resource.uid}' has no output '${output}'`;
  if (typeof value !== "string") return `resource '${resource.uid}' output '${output}' is not a service name`;
  return { service: value, port };
}

// score-compose's messages; unlike its strconv.Atoi, only ports a socket can use pass.
function parsePort(text: string, which: string): number | string {
  if (!/^\d+$/.test(text)) return `could not parse ${which} port '${text}' as integer`;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : `${which} port '${text}' is outside 1-65535`;
}
