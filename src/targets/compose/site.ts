import type { Location } from "../../diagnostics/diagnostic.js";

/** Which container of which Score file a diagnostic is about. */
export interface ContainerSite {
  file: string;
  workload: string;
  container: string;
}

/**
 * The location of a value inside a container of a Score file: the file and a JSON pointer (RFC 6901) such as
 * `/containers/web/files/~1etc~1app.conf`. Targets see no source text; the pointer lets callers find the range.
 */
export function containerLocation(site: ContainerSite, ...path: string[]): Location {
  return { file: site.file, pointer: ["", "containers", site.container, ...path].map(pointerPart).join("/") };
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerPart(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}
