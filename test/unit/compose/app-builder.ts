import { parse } from "yaml";
import type {
  ResolvedApp,
  ResolvedContainer,
  ResolvedResource,
  ResolvedVolume,
  ResolvedWorkload,
} from "../../../src/model/resolved.js";
import { plain } from "../../../src/placeholders/types.js";
import type { Workload } from "../../../src/score/types.js";

/**
 * Builds a resolved workload from Score YAML without the resolve stage: variables and file contents are taken as
 * final text (no placeholders), `${resources.NAME}` volume sources point at the resource's uid, anything else is a
 * literal volume name. Enough to unit-test the compose target against hand-written resources.
 */
export function workloadFromYaml(yaml: string, file = "score.yaml"): ResolvedWorkload {
  const spec = parse(yaml) as Workload;
  const name = spec.metadata.name;
  const resourceUids: Record<string, string> = {};
  for (const [res, r] of Object.entries(spec.resources ?? {})) {
    resourceUids[res] = `${r.type}.${r.class ?? "default"}#${r.id ?? `${name}.${res}`}`;
  }
  const containers: Record<string, ResolvedContainer> = {};
  for (const [cname, c] of Object.entries(spec.containers)) {
    const files: ResolvedContainer["files"] = {};
    for (const [target, f] of Object.entries(c.files ?? {})) {
      files[target] =
        f.binaryContent !== undefined
          ? { kind: "binary", base64: f.binaryContent, ...(f.mode ? { mode: f.mode } : {}) }
          : { kind: "text", content: plain(f.content ?? ""), ...(f.mode ? { mode: f.mode } : {}) };
    }
    const volumes: Record<string, ResolvedVolume> = {};
    for (const [target, v] of Object.entries(c.volumes ?? {})) {
      const ref = /^\$\{resources\.([^.}]+)\}$/.exec(v.source);
      const uid = ref ? resourceUids[ref[1]!] : undefined;
      volumes[target] = {
        source: uid ? { kind: "resource", uid } : { kind: "literal", name: v.source },
        ...(v.path !== undefined ? { path: v.path } : {}),
        readOnly: v.readOnly === true,
      };
    }
    const variables = Object.fromEntries(Object.entries(c.variables ?? {}).map(([k, v]) => [k, plain(v)]));
    containers[cname] = { variables, files, volumes };
  }
  return { name, file, spec, containers, resourceUids };
}

/** A resource with the given outputs and compose artifacts. */
export function resource(uid: string, fields: Partial<ResolvedResource> = {}): ResolvedResource {
  const [typeClass = "", id = ""] = uid.split("#");
  const [type = "", klass = "default"] = typeClass.split(".");
  return {
    uid,
    type,
    class: klass,
    id,
    shared: false,
    declaredBy: [],
    sourceWorkload: "",
    params: {},
    metadata: {},
    rule: { id: "test", builtin: false },
    outputs: {},
    secrets: {},
    artifacts: {},
    secretPaths: [],
    dependsOn: [],
    ...fields,
  };
}

/** An application from workloads and resources. */
export function app(workloads: ResolvedWorkload[], resources: ResolvedResource[] = []): ResolvedApp {
  return {
    appId: "demo",
    environment: { id: "local", type: "development", labels: {} },
    target: "compose",
    workloads: [...workloads].sort((a, b) => (a.name < b.name ? -1 : 1)),
    resources,
  };
}
