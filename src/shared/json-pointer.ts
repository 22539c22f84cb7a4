/** A path into a document: mapping keys and sequence indexes. */
export type DataPath = readonly (string | number)[];

/** Encodes a data path as an RFC 6901 JSON pointer. */
export function toPointer(path: DataPath): string {
  return path.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** Decodes an RFC 6901 JSON pointer into its segments (all strings). */
export function fromPointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
