import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedWorkload } from "../validate/load-workloads.js";
import { placeholderTokens, refParts } from "../placeholders/lexer.js";
import { where } from "../rules/load.js";
import { canonicalJson } from "../shared/canonical-json.js";

/** The Score uid of a resource: `type.class#id`. */
export function resourceUid(type: string, cls: string, id: string): string {
  return `${type}.${cls}#${id}`;
}

/** Where a Score file declares a resource. */
export interface Declaration {
  workload: LoadedWorkload;
  name: string;
}

/** One resource of the application graph, before its rule is evaluated. */
export interface ResourceNode {
  uid: string;
  type: string;
  class: string;
  /** The Score id, `<workload>.<name>` for private resources, or `<requirer id>.<alias>` for private requirements. */
  id: string;
  /** True when the id was given explicitly (in Score or in `requires`): the resource is shared. */
  shared: boolean;
  /** Owning workload: set for private resources (and for private requirements of private resources). */
  owner?: string;
  declaredBy: { workload: string; name: string }[];
  /** The workload whose params/metadata/placeholders apply. */
  sourceWorkload: string;
  /** The resource's name in its source workload, or the requirement alias. */
  name: string;
  /** The declaration whose params are used; absent for resources only created by `requires`. */
  source?: Declaration;
  params: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/**
 * Collects the resources declared by the workloads (sorted by uid). A shared uid declared by several workloads is
 * one node; two declarations with different non-empty params (or metadata) are an error, as in score-go. The params
 * of the first declaring workload (by name) that has params are used.
 */
export function declaredResources(workloads: readonly LoadedWorkload[]): {
  nodes: ResourceNode[];
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const byUid = new Map<string, ResourceNode>();
  const firstDeclaration = new Map<string, { params?: Declaration; metadata?: Declaration }>();
  for (const w of [...workloads].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    for (const name of Object.keys(w.spec.resources ?? {}).sort()) {
      const r = w.spec.resources![name]!;
      const cls = r.class ?? "default";
      const id = r.id ?? `${w.name}.${name}`;
      const uid = resourceUid(r.type, cls, id);
      let node = byUid.get(uid);
      if (!node) {
        node = {
          uid,
          type: r.type,
          class: cls,
          id,
          shared: r.id !== undefined,
          declaredBy: [],
          sourceWorkload: w.name,
          name,
          source: { workload: w, name },
          params: {},
          metadata: {},
        };
        if (r.id === undefined) node.owner = w.name;
        byUid.set(uid, node);
        firstDeclaration.set(uid, {});
      }
      node.declaredBy.push({ workload: w.name, name });
      const first = firstDeclaration.get(uid)!;
      for (const field of ["params", "metadata"] as const) {
        const value = r[field];
        if (value === undefined || value === null) continue;
        const earlier = first[field];
        if (!earlier) {
          first[field] = { workload: w, name };
          if (field === "params") {
            node.params = value;
            node.sourceWorkload = w.name;
            node.name = name;
            node.source = { workload: w, name };
          } else node.metadata = value;
          continue;
        }
        if (canonicalJson(earlier.workload.spec.resources![earlier.name]![field]) !== canonicalJson(value)) {
          diagnostics.push(
            error(
              "RESOURCE_CONFLICT",
              `resource '${uid}': multiple definitions with different ${field}: workload "${w.name}" and workload "${earlier.workload.name}" (${where(earlier.workload.locate(["resources", earlier.name, field], "key"))})`,
              w.locate(["resources", name, field], "key"),
              `a shared resource (same type, class and id) must be declared with the same ${field} everywhere, or without ${field}`,
            ),
          );
        }
      }
    }
  }
  const nodes = [...byUid.values()].sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  return { nodes, diagnostics };
}

/**
 * The uids a resource's params refer to through `${resources.NAME...}` in its source workload (sorted). A name the
 * workload does not declare is reported (validation normally catches it first).
 */
export function paramReferences(
  node: ResourceNode,
  uidOf: (workload: string, name: string) => string | undefined,
): { uids: string[]; diagnostics: Diagnostic[] } {
  const uids = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const source = node.source;
  if (!source) return { uids: [], diagnostics };
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === "string") {
      if (!value.includes("${")) return;
      for (const token of placeholderTokens(value)) {
        if (token.kind !== "ref") continue;
        const [root, name] = refParts(token.ref);
        if (root !== "resources" || name === undefined) continue;
        const uid = uidOf(source.workload.name, name);
        if (uid) uids.add(uid);
        else {
          diagnostics.push(
            error(
              "RESOURCE_UNKNOWN_REFERENCE",
              `params of resource "${source.name}" refer to unknown resource name '${name}'`,
              source.workload.locate(["resources", source.name, "params", ...path], "value", {
                offset: token.start,
                length: token.raw.length,
              }),
            ),
          );
        }
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else if (value !== null && typeof value === "object")
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(node.params, []);
  return { uids: [...uids].sort(), diagnostics };
}
