/**
 * Where a diagnostic about a workload points: its Score file and the JSON pointer of the offending value, plus the
 * line/column range when the resolved workload can locate paths in its source (a `locate` function like the one
 * `loadWorkloads` gives).
 */
import type { Location } from "../../diagnostics/diagnostic.js";
import { toPointer, type DataPath } from "../../shared/json-pointer.js";
import type { ResolvedWorkload } from "../../model/resolved.js";

/** Locates a path of a workload's Score document. */
export type Locator = (path: DataPath, mode?: "key" | "value") => Location;

type MaybeLocatable = ResolvedWorkload & { locate?: (path: DataPath, mode?: "key" | "value") => Location };

/** The locator of a workload: file + pointer always, range when the workload can provide one. */
export function workloadLocator(workload: ResolvedWorkload): Locator {
  const locate = (workload as MaybeLocatable).locate;
  return (path, mode = "value") => {
    const found = typeof locate === "function" ? locate(path, mode) : undefined;
    return { ...found, file: found?.file ?? workload.file, pointer: toPointer(path) };
  };
}
