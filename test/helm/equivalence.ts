import { canonicalJson } from "../../src/shared/canonical-json.js";

type Obj = Record<string, unknown>;

/** The labels Helm owns: the chart sets them on every object and pod template; scorec's kubernetes target does not. */
export const HELM_OWNED_LABELS = ["helm.sh/chart", "app.kubernetes.io/managed-by"] as const;

/** A copy of the object without Helm's own labels (in metadata and in a pod template's metadata). */
export function withoutHelmLabels(object: Obj): Obj {
  const copy = structuredClone(object);
  const strip = (meta: unknown) => {
    const labels = (meta as { labels?: Record<string, string> } | undefined)?.labels;
    if (!labels) return;
    for (const key of HELM_OWNED_LABELS) delete labels[key];
    if (Object.keys(labels).length === 0) delete (meta as { labels?: unknown }).labels;
  };
  strip(copy.metadata);
  strip(((copy.spec as Obj | undefined)?.template as Obj | undefined)?.metadata);
  return copy;
}

function identity(object: Obj): string {
  const meta = (object.metadata ?? {}) as Obj;
  return `${String(object.apiVersion)} ${String(object.kind)} ${String(meta.namespace ?? "")}/${String(meta.name)}`;
}

/**
 * The differences between what helm rendered and what the kubernetes target emitted, object by object (matched by
 * apiVersion, kind, namespace and name), ignoring Helm's own labels; empty when they are the same objects.
 */
export function objectDifferences(rendered: readonly Obj[], emitted: readonly Obj[]): string[] {
  const index = (list: readonly Obj[]) => {
    const map = new Map<string, string>();
    const duplicates: string[] = [];
    for (const object of list) {
      const id = identity(object);
      if (map.has(id)) duplicates.push(id);
      map.set(id, canonicalJson(withoutHelmLabels(object)));
    }
    return { map, duplicates };
  };
  const helm = index(rendered);
  const k8s = index(emitted);
  const out: string[] = [
    ...helm.duplicates.map((id) => `helm renders ${id} twice`),
    ...k8s.duplicates.map((id) => `kubernetes emits ${id} twice`),
  ];
  for (const [id, text] of helm.map) {
    const other = k8s.map.get(id);
    if (other === undefined) out.push(`only helm renders ${id}`);
    else if (other !== text) out.push(`${id} differs:\n  helm:       ${text}\n  kubernetes: ${other}`);
  }
  for (const id of k8s.map.keys()) if (!helm.map.has(id)) out.push(`only kubernetes emits ${id}`);
  return out;
}
