/**
 * Where the cursor is in a Score file that may be half-typed: inside which `${...}`, under which keys, on which
 * resource. Placeholders and key paths are read from the text lines (a document that does not parse yet still has
 * them); resource and metadata declarations come from the `yaml` package's parser, which recovers from errors.
 */
import { isMap, isScalar, parseDocument, type Node as YamlNode } from "yaml";

/** A `${...}` reference around the cursor; `end` is -1 while the closing brace is not typed yet. */
export interface PlaceholderAtCursor {
  /** Offset of the `$`. */
  start: number;
  /** Offset of the first character of the reference. */
  refStart: number;
  /** Offset of the closing `}`, or -1. */
  end: number;
  /** The whole reference as written so far (up to `}` or the end of the line). */
  ref: string;
  /** The reference from its start up to the cursor. */
  typed: string;
}

/** The `${...}` the cursor is in (between `${` and `}` inclusive of the reference), if any. */
export function placeholderAt(text: string, offset: number): PlaceholderAtCursor | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let lineEnd = text.indexOf("\n", offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const at = offset - lineStart;
  let found: PlaceholderAtCursor | undefined;
  for (let i = line.indexOf("${"); i >= 0 && i < at; i = line.indexOf("${", i + 1)) {
    // `$${` is an escaped, literal `${`: a placeholder needs an odd run of `$` before the brace.
    let run = 1;
    while (i - run >= 0 && line[i - run] === "$") run++;
    if (run % 2 === 0) continue;
    const close = line.indexOf("}", i + 2);
    if (close >= 0 && close < at) continue;
    const refEnd = close >= 0 ? close : line.length;
    found = {
      start: lineStart + i,
      refStart: lineStart + i + 2,
      end: close >= 0 ? lineStart + close : -1,
      ref: line.slice(i + 2, refEnd),
      typed: line.slice(i + 2, at),
    };
  }
  return found;
}

/** The block-mapping keys above the cursor's line (outermost first) and what the line holds before the cursor. */
export interface KeyContext {
  /** Keys of the enclosing mappings; a sequence item is "-". */
  path: string[];
  /** The key of the cursor's line when the cursor is after `key:`; undefined when the cursor is where a key goes. */
  key?: string;
  /** The text typed so far of the key or value under the cursor. */
  prefix: string;
  /** Offset where that text starts. */
  prefixStart: number;
}

const KEY_LINE = /^(\s*)((?:- +)*)([^\s#'"{}[\],:][^#:]*?|"[^"]*"|'[^']*')\s*:(?:\s+(.*))?$/;

/** The key context of the cursor, from indentation alone (block style YAML, as Score files are written). */
export function keyContextAt(text: string, offset: number): KeyContext {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const lines = text.slice(0, lineStart).split("\n");
  lines.pop(); // the empty piece after the last newline
  // A sequence item (`- `) on the cursor's line or on a sibling line above puts the cursor inside that item.
  const path: string[] = /^\s*- /.test(before) ? ["-"] : [];
  let indent = path.length > 0 ? leadOf(before) : contentIndent(before);
  for (let i = lines.length - 1; i >= 0 && indent > 0; i--) {
    const line = lines[i]!;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const lead = leadOf(line);
    const content = contentIndent(line);
    if (content >= indent) {
      if (lead < indent && /^\s*- /.test(line)) {
        path.unshift("-");
        indent = lead;
      }
      continue;
    }
    const m = KEY_LINE.exec(line);
    if (m) path.unshift(unquote(m[3]!));
    if (/^\s*- /.test(line)) path.unshift("-");
    indent = lead;
  }
  const own = /^(\s*(?:- +)*)([^\s:#][^:#]*?|"[^"]*"|'[^']*')\s*:\s*(.*)$/.exec(before);
  if (own) {
    const value = own[3]!;
    return { path, key: unquote(own[2]!), prefix: value, prefixStart: offset - value.length };
  }
  const word = /[^\s-]*$/.exec(before)![0];
  return { path, prefix: word, prefixStart: offset - word.length };
}

// The column where a line's content starts, counting `- ` sequence markers as indentation (YAML's compact notation).
function contentIndent(line: string): number {
  const m = /^(\s*(?:- +)*)/.exec(line)!;
  return m[1]!.length;
}

function leadOf(line: string): number {
  return line.length - line.trimStart().length;
}

function unquote(key: string): string {
  return /^["'].*["']$/.test(key) ? key.slice(1, -1) : key;
}

/** A declared resource: its name's span and its type as written. */
export interface ResourceDecl {
  name: string;
  keyStart: number;
  keyEnd: number;
  /** Where the whole entry (key to end of value) ends. */
  end: number;
  type?: string;
}

/** What the editor features need from a Score file: its workload name, metadata and declared resources. */
export interface ScoreOutline {
  workload?: string;
  metadata: unknown;
  /** Offset span of each top-level `metadata` key by dotted path (`name`, `annotations`, ...). */
  metadataKeys: Map<string, { start: number; end: number }>;
  resources: ResourceDecl[];
}

/** Reads a Score file's outline; a file with YAML errors gives what the parser recovered. */
export function scoreOutline(text: string): ScoreOutline {
  const outline: ScoreOutline = { metadata: undefined, metadataKeys: new Map(), resources: [] };
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return outline;
  }
  const root = doc.contents;
  if (!isMap(root)) return outline;
  for (const pair of root.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === "metadata" && isMap(pair.value)) {
      outline.metadata = pair.value.toJSON();
      for (const m of pair.value.items) {
        if (isScalar(m.key) && m.key.range)
          outline.metadataKeys.set(String(m.key.value), { start: m.key.range[0], end: m.key.range[1] });
        if (isScalar(m.key) && m.key.value === "name" && isScalar(m.value)) outline.workload = String(m.value.value);
      }
    }
    if (key === "resources" && isMap(pair.value)) {
      for (const r of pair.value.items) {
        if (!isScalar(r.key) || !r.key.range) continue;
        const decl: ResourceDecl = {
          name: String(r.key.value),
          keyStart: r.key.range[0],
          keyEnd: r.key.range[1],
          end: endOf(r.value) ?? r.key.range[2],
        };
        if (isMap(r.value)) {
          const type = r.value.get("type");
          if (typeof type === "string") decl.type = type;
        }
        outline.resources.push(decl);
      }
    }
  }
  return outline;
}

function endOf(node: YamlNode | null | undefined): number | undefined {
  return node && node.range ? node.range[2] : undefined;
}
