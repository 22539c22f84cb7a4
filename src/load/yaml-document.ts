import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import type { Location, Range } from "../diagnostics/diagnostic.js";
import { toPointer, type DataPath } from "../shared/json-pointer.js";

/**
 * A parsed YAML document with its plain data and the means to point back at the source.
 * `locate` finds the node for a data path; when the path leads past what the source has
 * (for example after an override added it), it returns the deepest node that exists.
 */
export interface SourceDocument {
  file: string;
  text: string;
  value: unknown;
  /**
   * Location of the value at `path` ("value") or of its key ("key", falls back to the value for sequence items).
   * With `span`, narrows a string value's location to the characters [offset, offset + length) of the string when
   * the source spells the string literally (plain or simply quoted); otherwise the whole value.
   */
  locate(path: DataPath, mode?: "key" | "value", span?: StringSpan): Location;
}

/** A character range inside a string value: where a placeholder sits, for example. */
export interface StringSpan {
  offset: number;
  length: number;
}

/** A SourceDocument whose positions are built by `build` (at most once) when something is first located. */
export function lazySourceDocument(
  file: string,
  text: string,
  value: unknown,
  build: () => SourceDocument,
): SourceDocument {
  let built: SourceDocument | undefined;
  return { file, text, value, locate: (path, mode, span) => (built ??= build()).locate(path, mode, span) };
}

/** Builds a SourceDocument around a yaml Document. */
export function makeSourceDocument(
  file: string,
  text: string,
  doc: Document,
  lineCounter: LineCounter,
  value: unknown,
): SourceDocument {
  const keyIndexes: KeyIndexes = new WeakMap();
  const rangeOf = (start: number, end: number): Range => {
    const s = lineCounter.linePos(start);
    const e = lineCounter.linePos(end);
    return { start: { line: s.line, col: s.col, offset: start }, end: { line: e.line, col: e.col, offset: end } };
  };
  return {
    file,
    text,
    value,
    locate(path, mode = "value", span) {
      const found = findNode(doc, keyIndexes, path);
      const pointer = toPointer(path);
      const target = mode === "key" && found.exact && found.keyNode ? found.keyNode : found.node;
      const r = target?.range;
      if (!r) return { file, pointer };
      if (span && found.exact && mode === "value" && isScalar(target) && typeof target.value === "string") {
        const start = literalStart(text, r[0], target.value, span.offset);
        if (start !== undefined) return { file, range: rangeOf(start, start + span.length), pointer };
      }
      return { file, range: rangeOf(r[0], r[1]), pointer };
    },
  };
}

/**
 * Where character `offset` of a string scalar starting at `nodeStart` sits in the source, when the source spells
 * the string's prefix literally (no escapes or folding before it); undefined otherwise.
 */
export function literalStart(text: string, nodeStart: number, value: string, offset: number): number | undefined {
  const quote = text[nodeStart] === '"' || text[nodeStart] === "'" ? 1 : 0;
  const prefix = value.slice(0, offset);
  return text.startsWith(prefix, nodeStart + quote) && !prefix.includes("\n") ? nodeStart + quote + offset : undefined;
}

/** A location at the start of a file, for problems that concern the file as a whole. */
export function fileStart(file: string): Location {
  return { file, range: { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } } };
}

interface Found {
  node: Node | null;
  keyNode: Node | null;
  exact: boolean;
}

function findNode(doc: Document, keyIndexes: KeyIndexes, path: DataPath): Found {
  let node: Node | null = doc.contents ?? null;
  let keyNode: Node | null = null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const current = resolveAlias(doc, node);
    let next: Node | null = null;
    let nextKey: Node | null = null;
    if (isMap(current)) {
      const k = keyIndex(keyIndexes, current).get(String(seg));
      if (k) {
        next = (k.pair.value as Node | null) ?? k.key;
        nextKey = k.key;
      }
    } else if (isSeq(current) && typeof seg === "number") {
      next = (current.items[seg] as Node | undefined) ?? null;
    }
    if (!next) return { node: nextKey ?? node, keyNode, exact: false };
    node = next;
    keyNode = nextKey;
  }
  return { node, keyNode, exact: true };
}

// Each mapping's keys, indexed on first use and kept with the document: a file with many diagnostics locates many
// paths, and scanning the pairs for each one made that quadratic.
type KeyIndexes = WeakMap<object, Map<string, { key: Node; pair: { value: unknown } }>>;

function keyIndex(
  keyIndexes: KeyIndexes,
  map: { items: readonly unknown[] },
): Map<string, { key: Node; pair: { value: unknown } }> {
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as Node | null;
      if (k && isScalar(k) && !index.has(String(k.value))) index.set(String(k.value), { key: k, pair });
    }
    keyIndexes.set(map, index);
  }
  return index;
}

function resolveAlias(doc: Document, node: Node | null): Node | null {
  let n = node;
  for (let guard = 0; n && isAlias(n) && guard < 64; guard++) n = (n.resolve(doc) as Node | undefined) ?? null;
  return n;
}
