/**
 * Hand-built resolved apps for the kubernetes target's unit tests: a compact way to describe workloads (variables
 * as plain strings or `{secret}` pieces) and resources, independent of the rules engine.
 */
import type {
  ResolvedApp,
  ResolvedContainer,
  ResolvedFile,
  ResolvedResource,
  ResolvedVolume,
  ResolvedWorkload,
} from "../../../src/model/resolved.js";
import type { Interpolated } from "../../../src/placeholders/types.js";
import type { Container, Workload } from "../../../src/score/types.js";

/** A piece of a variable: plain text, or `{ secret: "..." }`. */
export type Piece = string | { secret: string };

/** Builds an interpolated string from pieces. */
export function interp(...pieces: Piece[]): Interpolated {
  return {
    segments: pieces.map((p) =>
      typeof p === "string" ? { text: p, secret: false } : { text: p.secret, secret: true },
    ),
  };
}

/** A container for `workload()`: the Score spec plus resolved variables, files and volumes. */
export interface ContainerInput {
  spec?: Partial<Container>;
  variables?: Record<string, Piece | Piece[]>;
  files?: Record<string, ResolvedFile>;
  volumes?: Record<string, ResolvedVolume>;
}

/** Builds a resolved workload. */
export function workload(
  name: string,
  containers: Record<string, ContainerInput>,
  extra: Partial<Workload> = {},
): ResolvedWorkload {
  const spec: Workload = {
    apiVersion: "score.dev/v1b1",
    metadata: { name, ...(extra.metadata ?? {}) },
    containers: Object.fromEntries(
      Object.entries(containers).map(([c, input]) => [c, { image: `${c}:latest`, ...input.spec }]),
    ),
    ...(extra.service ? { service: extra.service } : {}),
    ...(extra.resources ? { resources: extra.resources } : {}),
  };
  const resolved: Record<string, ResolvedContainer> = {};
  for (const c of Object.keys(containers).sort()) {
    const input = containers[c] as ContainerInput;
    resolved[c] = {
      variables: Object.fromEntries(
        Object.entries(input.variables ?? {}).map(([k, v]) => [k, interp(...(Array.isArray(v) ? v : [v]))]),
      ),
      files: input.files ?? {},
      volumes: input.volumes ?? {},
    };
  }
  return { name, file: `${name}/score.yaml`, spec, containers: resolved, resourceUids: {} };
}

/** Builds a resolved resource with sensible defaults. */
export function resource(uid: string, fields: Partial<ResolvedResource> = {}): ResolvedResource {
  const [typeClass = "", id = ""] = uid.split("#");
  const [type = "", cls = "default"] = typeClass.split(".");
  return {
    uid,
    type,
    class: cls,
    id,
    shared: !id.includes("."),
    declaredBy: [],
    sourceWorkload: id.split(".")[0] ?? "",
    params: {},
    metadata: {},
    rule: { id: `test-${type}`, builtin: false },
    outputs: {},
    secrets: {},
    artifacts: {},
    secretPaths: [],
    dependsOn: [],
    ...fields,
  };
}

/** Builds a resolved app (workloads sorted by name, as the resolve stage guarantees). */
export function app(workloads: ResolvedWorkload[], resources: ResolvedResource[] = []): ResolvedApp {
  return {
    appId: "shop",
    environment: { id: "local", type: "development", labels: {} },
    target: "kubernetes",
    workloads: [...workloads].sort((a, b) => (a.name < b.name ? -1 : 1)),
    resources,
  };
}

/** Recursively freezes a value, so that a test fails if the target mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** The manifests of a kind (and optional name). */
export function find(manifests: Record<string, unknown>[], kind: string, name?: string): any[] {
  return manifests.filter(
    (m) => m.kind === kind && (name === undefined || (m.metadata as { name: string }).name === name),
  );
}
