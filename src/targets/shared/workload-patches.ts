/**
 * Applies the patches of rules tables (and `--patch` files in the selector form) to the objects a target generates
 * for one workload: Kubernetes objects, a workload's Helm values, Compose services. The order is the plan's (most
 * specific last); two patches that neither order changes the same place of one object are PATCH_AMBIGUOUS, since
 * their result would depend on an order nobody wrote. A Secret's name is off limits: workloads find their Secrets by
 * name, and renaming one could hand a secret to an object that is not a Secret.
 */
import { error, hasErrors, related, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { applyOperations } from "../../overrides/json-patch.js";
import { cloneData } from "../../overrides/plain-data.js";
import { fromPointer } from "../../shared/json-pointer.js";
import { describeSelector, selects } from "../../rules/patches.js";
import type { PatchPlan, PlannedPatch, WorkloadPatch } from "../../rules/workload-rules.js";

/** An object a patch may select. */
export interface PatchableObject {
  kind: string;
  name: string;
  value: unknown;
}

/** A Kubernetes object as a patch selects it: by kind and metadata.name. */
export function patchable(manifest: Record<string, unknown>): PatchableObject {
  const name = (manifest.metadata as { name?: unknown } | undefined)?.name;
  return { kind: String(manifest.kind), name: typeof name === "string" ? name : "", value: manifest };
}

/**
 * Patches the objects of one workload in plan order; returns the new values (same order) and records which patches
 * selected something in `used`. On an error the objects come back unchanged.
 */
export function patchWorkloadObjects(
  workload: string,
  objects: readonly PatchableObject[],
  plan: PatchPlan | undefined,
  diagnostics: Diagnostic[],
  used?: Set<WorkloadPatch>,
): unknown[] {
  const planned = plan?.get(workload) ?? [];
  const values = objects.map((o) => o.value);
  if (planned.length === 0) return values;
  const problems: Diagnostic[] = [];
  objects.forEach((object, i) => {
    const applied: PlannedPatch[] = [];
    for (const entry of planned) {
      const { patch } = entry;
      if (!selects(patch.select, object.kind, object.name)) continue;
      used?.add(patch);
      const clash = applied.find((earlier) => entry.unordered.has(earlier.patch.id) && overlap(earlier.patch, patch));
      if (clash) {
        problems.push({
          ...error(
            "PATCH_AMBIGUOUS",
            `patches "${clash.patch.id}" and "${patch.id}" both change ${object.kind} '${object.name}' of workload '${workload}' at overlapping paths, and neither is more specific, so their order is undefined`,
            patch.origin.locate(["match"], "key"),
            "narrow one patch's match (for example by env or workload) so that it applies after the other, or change different paths",
          ),
          related: [related(`patch "${clash.patch.id}"`, clash.patch.origin.locate(["id"]))],
        });
        continue;
      }
      applied.push(entry);
      const secretName = SECRET_NAME_PATHS[object.kind];
      const renaming = secretName ? patch.operations.findIndex((op) => touches(op, secretName)) : -1;
      if (renaming >= 0) {
        const what =
          object.kind === "Secret"
            ? `the name of Secret '${object.name}'`
            : `a Secret's name in the values of workload '${workload}' (/secrets/NAME)`;
        problems.push(
          error(
            "PATCH_FORBIDDEN",
            `patch "${patch.id}" changes ${what} (workload '${workload}'): workloads find their Secrets by name, so a patch may not rename or remove one`,
            patch.origin.locate(["patch", renaming, "path"]),
            "change the name in the rules that make the Secret, or select other objects",
          ),
        );
        continue;
      }
      // One copy per selected object; every patch then changes it in place (a failure fails the whole compile).
      // Operations were checked when their table or patch file was read (load-workload-entries.ts, patch-files.ts).
      if (values[i] === object.value) values[i] = cloneData(object.value);
      const result = applyOperations(
        values[i],
        patch.operations,
        (path, mode) => patch.origin.locate(["patch", ...path], mode),
        { inPlace: true, checked: true },
      );
      for (const d of result.diagnostics) {
        problems.push({
          ...d,
          message: `patch "${patch.id}" on ${object.kind} '${object.name}' (workload '${workload}', selected by ${describeSelector(patch.select)}): ${d.message}`,
        });
      }
      if (!hasErrors(result.diagnostics)) values[i] = result.value;
    }
  });
  diagnostics.push(...problems);
  return hasErrors(problems) ? objects.map((o) => o.value) : values;
}

// Where a Secret's name lives: a Kubernetes Secret's metadata.name, the keys of a workload's Helm `secrets` values.
const SECRET_NAME_PATHS: Readonly<Record<string, readonly string[]>> = {
  Secret: ["metadata", "name"],
  Values: ["secrets", "*"],
};

// An operation that writes the name itself or anything that contains it (the metadata, the whole object) renames it.
function touches(op: unknown, name: readonly string[]): boolean {
  const { op: kind, path, from } = op as { op?: string; path?: string; from?: string };
  if (kind === "test") return false;
  const hits = (pointer: string | undefined) => {
    if (pointer === undefined) return false;
    const segments = fromPointer(pointer);
    return segments.length <= name.length && segments.every((s, i) => name[i] === "*" || name[i] === s);
  };
  return hits(path) || (kind === "move" && hits(from));
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  return a.length <= b.length && a.every((s, i) => b[i] === s);
}

/** Whether two patches write places where one contains the other (list positions count as the whole list). */
function overlap(a: WorkloadPatch, b: WorkloadPatch): boolean {
  const pa = placesOf(a);
  const pb = placesOf(b);
  return pa.some((x) => pb.some((y) => isPrefix(x, y) || isPrefix(y, x)));
}

// Per patch, computed once: the clash check runs for every object two unordered patches both select.
const places = new WeakMap<WorkloadPatch, string[][]>();
function placesOf(patch: WorkloadPatch): string[][] {
  let found = places.get(patch);
  if (!found) {
    found = patch.operations
      .filter((op) => (op as { op?: string }).op !== "test")
      .map((op) => untilIndex(fromPointer(String((op as { path?: unknown }).path ?? ""))));
    places.set(patch, found);
  }
  return found;
}

function untilIndex(path: string[]): string[] {
  const at = path.findIndex((s) => s === "-" || /^\d+$/.test(s));
  return at < 0 ? path : path.slice(0, at);
}
