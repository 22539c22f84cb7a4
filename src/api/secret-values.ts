/**
 * The secret values a compile produced, for masking (diffs, reports, diagnostics) and for proving that an artifact
 * holds none. References (`secretRef`) are not values: only what scorec itself knows is listed.
 */
import type { ResolvedApp } from "../model/resolved.js";
import type { Interpolated } from "../placeholders/types.js";

/** Every secret value of the app (derived ones included), sorted, without duplicates. */
export function secretValues(app: ResolvedApp, derived: readonly string[] = []): string[] {
  const values = new Set<string>(derived);
  const addDeep = (v: unknown): void => {
    if (typeof v === "string") values.add(v);
    else if (typeof v === "number") values.add(String(v));
    else if (Array.isArray(v)) v.forEach(addDeep);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(addDeep);
  };
  for (const resource of app.resources) {
    // An output holding a reference is the Compose interpolation text; its derived pieces are in `derived`.
    for (const [key, value] of Object.entries(resource.secrets))
      if (!resource.secretRefs || !Object.hasOwn(resource.secretRefs, key)) addDeep(value);
  }
  const addSegments = (value: Interpolated) => value.segments.forEach((s) => s.secret && !s.ref && values.add(s.text));
  for (const workload of app.workloads) {
    for (const container of Object.values(workload.containers)) {
      Object.values(container.variables).forEach(addSegments);
      for (const file of Object.values(container.files)) if (file.kind === "text") addSegments(file.content);
    }
  }
  values.delete("");
  return [...values].sort();
}
