import type { LineCounter } from "yaml";
import type { Location, Range } from "../diagnostics/diagnostic.js";
import { lineCounterOf } from "../shared/line-counter.js";
import { readSimpleYamlPositions, type YamlPosition } from "./simple-yaml.js";
import type { LoadLimits } from "./source.js";
import { literalStart, type SourceDocument } from "./yaml-document.js";
import { toPointer, type DataPath } from "../shared/json-pointer.js";

/**
 * A SourceDocument for a file the fast reader read: the first locate records every node's position with that reader
 * (no yaml syntax tree), giving the locations the yaml package's would (tests compare them path by path). A node
 * whose range the reader does not derive exactly is located by `fallback`, the full parser's document.
 */
export function simpleSourceDocument(
  file: string,
  text: string,
  value: unknown,
  limits: LoadLimits,
  fallback: () => SourceDocument,
): SourceDocument {
  let root: YamlPosition | null | undefined;
  let lines: LineCounter | undefined;
  let full: SourceDocument | undefined;
  return {
    file,
    text,
    value,
    locate(path, mode = "value", span) {
      if (root === undefined) root = readSimpleYamlPositions(text, limits) ?? null;
      const found = root ? findPosition(root, path) : undefined;
      const target =
        found && (mode === "key" && found.exact && found.key ? { start: found.key[0], end: found.key[1] } : found.node);
      if (!found || !target || ("unsure" in target && target.unsure))
        return (full ??= fallback()).locate(path, mode, span);
      const { linePos } = (lines ??= lineCounterOf(text));
      const pointer = toPointer(path);
      const rangeOf = (start: number, end: number): Range => ({
        start: { ...linePos(start), offset: start },
        end: { ...linePos(end), offset: end },
      });
      const node = found.node;
      if (span && found.exact && mode === "value" && target === node && node.string !== undefined) {
        const start = literalStart(text, node.start, node.string, span.offset);
        if (start !== undefined)
          return { file, range: rangeOf(start, start + span.length), pointer } satisfies Location;
      }
      return { file, range: rangeOf(target.start, target.end), pointer };
    },
  };
}

interface Found {
  node: YamlPosition;
  key: readonly [number, number] | undefined;
  exact: boolean;
}

// The node at a path, or (past what the source has) the deepest one that exists, as the yaml-backed document finds.
function findPosition(root: YamlPosition, path: DataPath): Found {
  let node = root;
  let key: readonly [number, number] | undefined;
  for (const seg of path) {
    let next: YamlPosition | undefined;
    let nextKey: readonly [number, number] | undefined;
    if (node.entries) {
      const entry = node.entries.get(String(seg));
      next = entry?.node;
      nextKey = entry?.key;
    } else if (node.items && typeof seg === "number") {
      next = node.items[seg];
    }
    if (!next) return { node, key, exact: false };
    node = next;
    key = nextKey;
  }
  return { node, key, exact: true };
}
