import { escapeDollars } from "./dollar-escape.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedResource, ResolvedVolume } from "../../model/resolved.js";
import { containerLocation, type ContainerSite } from "./site.js";

/** The Compose side of a container's volumes: mounts, plus named volumes that literal sources declare. */
export interface VolumeMounts {
  mounts: Record<string, unknown>[];
  volumes: Record<string, Record<string, unknown>>;
  diagnostics: Diagnostic[];
}

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const TYPES = ["volume", "bind", "tmpfs"] as const;

/**
 * Turns Score volumes into Compose mounts, as score-compose does: a resource source must have a `type` output
 * (`volume`, `bind` or `tmpfs`) and the matching `source` / `volume` / `bind` / `tmpfs` outputs; Score `path` becomes
 * `volume.subpath` or is joined to a bind source; `readOnly` becomes `read_only`. A literal source names a Docker
 * volume, declared at the top level so that Compose accepts it. Mounts are sorted by source, then target.
 */
export function volumeMounts(
  volumes: Readonly<Record<string, ResolvedVolume>>,
  resources: ReadonlyMap<string, ResolvedResource>,
  site: ContainerSite,
): VolumeMounts {
  const out: VolumeMounts = { mounts: [], volumes: {}, diagnostics: [] };
  for (const written of Object.keys(volumes).sort()) {
    const volume = volumes[written]!;
    const where = containerLocation(site, "volumes", written);
    // Compose interpolates mount targets and sub paths too: a `$` in them is written `$$`.
    const target = escapeDollars(written);
    const fail = (message: string, hint?: string): undefined => {
      out.diagnostics.push(
        error("TARGET_INVALID_OUTPUT", `containers.${site.container}.volumes[${written}]: ${message}`, where, hint),
      );
      return undefined;
    };
    if (volume.source.kind === "literal") {
      const name = volume.source.name;
      if (!VOLUME_NAME.test(name)) {
        fail(
          `'${name}' is not a Docker volume name`,
          "use a volume resource (${resources.NAME}) or a name made of [a-zA-Z0-9_.-]",
        );
        continue;
      }
      out.volumes[name] = { name };
      out.mounts.push(withSubpath({ type: "volume", source: name, target }, volume));
      continue;
    }
    const resource = resources.get(volume.source.uid);
    const mount = resource ? mountFromOutputs(resource, volume, target, fail) : undefined;
    if (!resource) fail(`resource '${volume.source.uid}' does not exist`);
    if (mount) out.mounts.push(mount);
  }
  out.mounts.sort(
    (a, b) => compare(String(a.source ?? ""), String(b.source ?? "")) || compare(String(a.target), String(b.target)),
  );
  return out;
}

function mountFromOutputs(
  resource: ResolvedResource,
  volume: ResolvedVolume,
  target: string,
  fail: (m: string, h?: string) => undefined,
): Record<string, unknown> | undefined {
  const outputs = resource.outputs;
  const type = outputs.type;
  if (type === undefined)
    return fail(
      `resource '${resource.uid}' has no 'type' output`,
      "a volume resource's rule must output type: volume, bind or tmpfs",
    );
  if (typeof type !== "string" || !(TYPES as readonly string[]).includes(type))
    return fail(`resource '${resource.uid}' has an invalid type output '${String(type)}'`, "use volume, bind or tmpfs");
  const options = outputs[type];
  if (options !== undefined && !isObject(options))
    return fail(`resource '${resource.uid}' output '${type}' must be a map`);
  if (type === "tmpfs") {
    if (volume.path !== undefined) return fail("a tmpfs volume has no sub path");
    return readOnly({ type, target, ...(options ? { tmpfs: tmpfsOptions(options) } : {}) }, volume);
  }
  const source = outputs.source;
  if (typeof source !== "string" || source === "")
    return fail(`resource '${resource.uid}' has no string 'source' output`);
  if (type === "bind") {
    const joined = volume.path === undefined ? source : joinPath(source, escapeDollars(volume.path));
    return readOnly({ type, source: joined, target, ...(options ? { bind: options } : {}) }, volume);
  }
  return readOnly(
    {
      type,
      source,
      target,
      ...(options || volume.path !== undefined ? { volume: subpathOptions(options, volume.path) } : {}),
    },
    volume,
  );
}

function withSubpath(mount: Record<string, unknown>, volume: ResolvedVolume): Record<string, unknown> {
  return readOnly(
    volume.path === undefined ? mount : { ...mount, volume: subpathOptions(undefined, volume.path) },
    volume,
  );
}

function subpathOptions(
  options: Record<string, unknown> | undefined,
  path: string | undefined,
): Record<string, unknown> {
  if (path === undefined) return { ...options };
  const base = typeof options?.subpath === "string" ? options.subpath : "";
  return { ...options, subpath: base === "" ? trimSlashes(escapeDollars(path)) : joinPath(base, escapeDollars(path)) };
}

// Compose reads tmpfs.size as a byte count or a string with a unit; score-compose writes it as a string.
function tmpfsOptions(options: Record<string, unknown>): Record<string, unknown> {
  return typeof options.size === "number" ? { ...options, size: String(options.size) } : { ...options };
}

function readOnly(mount: Record<string, unknown>, volume: ResolvedVolume): Record<string, unknown> {
  return volume.readOnly ? { ...mount, read_only: true } : mount;
}

function joinPath(base: string, rest: string): string {
  return `${base.replace(/\/+$/, "")}/${trimSlashes(rest)}`;
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, "");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
