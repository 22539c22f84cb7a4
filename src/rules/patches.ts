/**
 * Patches of a rules table: RFC 6902 operations applied to the objects a target generates for matching workloads,
 * each relative to one selected object (a Kubernetes object, a workload's Helm values, a Compose service).
 */
import type { Location } from "../diagnostics/diagnostic.js";
import type { StringSpan } from "../load/yaml-document.js";
import type { DataPath } from "../shared/json-pointer.js";
import { toWorkloadMatch } from "./workload-match.js";
import type { PatchSelector, WorkloadPatch } from "./workload-rules.js";

/** A patch as the rules schema admits it. */
export interface RawPatch {
  id: string;
  description?: string;
  match?: Record<string, string | string[]>;
  select: PatchSelector;
  patch: unknown[];
}

/** Reads one entry of a document's patch list; `base` is where that list sits in the document (`["patches"]`, or `[]` for a patch file). */
export function toPatch(raw: RawPatch, index: number, file: string, base: DataPath, locate: (path: DataPath, mode?: "key" | "value", span?: StringSpan) => Location): WorkloadPatch {
  return {
    id: raw.id,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    match: toWorkloadMatch(raw.match),
    select: { ...(raw.select.kind !== undefined ? { kind: raw.select.kind } : {}), ...(raw.select.name !== undefined ? { name: raw.select.name } : {}) },
    operations: raw.patch,
    origin: { file, index, locate: (path, mode = "value", span) => locate([...base, index, ...path], mode, span) },
  };
}

/** Whether an object of this kind and name is selected. */
export function selects(selector: PatchSelector, kind: string, name: string): boolean {
  return (selector.kind === undefined || glob(selector.kind, kind)) && (selector.name === undefined || glob(selector.name, name));
}

function glob(pattern: string, value: string): boolean {
  if (!pattern.includes("*")) return pattern === value;
  const parts = pattern.split("*");
  const escaped = parts.map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`, "s").test(value);
}

/** Renders a selector for messages: `kind Deployment, name web-*`. */
export function describeSelector(selector: PatchSelector): string {
  const parts = [selector.kind !== undefined ? `kind ${selector.kind}` : undefined, selector.name !== undefined ? `name ${selector.name}` : undefined].filter((p) => p !== undefined);
  return parts.length > 0 ? parts.join(", ") : "every object";
}
