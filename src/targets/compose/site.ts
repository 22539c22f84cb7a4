import type { Location } from "../../diagnostics/diagnostic.js";
import { toPointer, type DataPath } from "../../shared/json-pointer.js";
import type { ResolvedWorkload } from "../../model/resolved.js";

/** Finds a path of a workload's Score document in its source (as `loadWorkloads` offers). */
export type Locator = (path: DataPath, mode?: "key" | "value") => Location;

/** Which container of which Score file a diagnostic is about. */
export interface ContainerSite {
  file: string;
  workload: string;
  container: string;
  /** Present when the resolved workload can point into its source text. */
  locate?: Locator;
}

/** The site of a container; picks up the workload's `locate` when the resolve stage passes one along. */
export function containerSite(workload: ResolvedWorkload, container: string): ContainerSite {
  const locate = (workload as ResolvedWorkload & { locate?: unknown }).locate;
  return {
    file: workload.file,
    workload: workload.name,
    container,
    ...(typeof locate === "function" ? { locate } : {}),
  };
}

/**
 * The location of a value inside a container of a Score file: the file and a JSON pointer (RFC 6901) such as
 * `/containers/web/files/~1etc~1app.conf`, plus the line/column range when the site can locate it.
 */
export function containerLocation(site: ContainerSite, ...path: string[]): Location {
  const dataPath = ["containers", site.container, ...path];
  const found = site.locate?.(dataPath, "value");
  return { ...found, file: found?.file ?? site.file, pointer: toPointer(dataPath) };
}
