import {
  BAIL,
  COLON,
  DASH,
  HASH,
  bail,
  expectLineEnd,
  flowKey,
  flowPlainEnd,
  indentOf,
  isDash,
  plainScalarEnd,
  readDoubleQuoted,
  readKey,
  readSingleQuoted,
  resolvePlain,
  skipSpaces,
  startsMapping,
} from "./simple-yaml-scalars.js";
import type { LoadLimits } from "./source.js";
import { setOwn } from "../shared/own-property.js";

/**
 * A fast reader for the plain block YAML nearly every Score file is written in: block mappings and sequences,
 * single-line plain and quoted scalars, literal block scalars, one-line flow collections, comments. It returns
 * `undefined` for anything else (anchors, tags, multi-line plain or quoted scalars, folded scalars, tabs, CR,
 * document markers, duplicate keys, any syntax error ...) and the caller then takes the yaml
 * package's full parser, which reports every problem with its position. Within the subset it gives exactly the value
 * the full path gives (YAML 1.2 core schema), which tests check on every fixture and on random and mutated documents.
 * The yaml package builds a concrete syntax tree and a node per value; for thousands of files that was most of a
 * compile.
 */
export function readSimpleYaml(text: string, limits: LoadLimits): unknown {
  if (OUTSIDE_SUBSET.test(text)) return undefined;
  try {
    return new SimpleReader(text, limits, false).document();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

/**
 * Where each node of a text that readSimpleYaml reads sits, as the yaml package would report it: `start` and `end`
 * are its range (what diagnostics point at), `nodeEnd` where its line ends (a block collection ends where its last
 * value does). `unsure` marks a node whose range the reader does not derive exactly (an empty value followed by
 * spaces); whoever locates it asks the full parser.
 */
export interface YamlPosition {
  start: number;
  end: number;
  nodeEnd: number;
  unsure?: boolean;
  /** `nodeEnd` is not derived exactly (comment lines indented under the value follow it): so is a collection's end. */
  endUnsure?: boolean;
  /** The value of a string scalar. */
  string?: string;
  /** A mapping's entries by key: the key's range and the value's node. */
  entries?: Map<string, { key: readonly [number, number]; node: YamlPosition }>;
  /** A sequence's items. */
  items?: YamlPosition[];
}

/** The positions of every node of a text in readSimpleYaml's subset; undefined outside it. */
export function readSimpleYamlPositions(text: string, limits: LoadLimits): YamlPosition | undefined {
  if (OUTSIDE_SUBSET.test(text)) return undefined;
  try {
    const reader = new SimpleReader(text, limits, true);
    reader.document();
    return reader.position;
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

// Tabs, CR, controls, NEL, line/paragraph separators, BOM and lone surrogates: legal in places, left to yaml.
const OUTSIDE_SUBSET = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\u{D800}-\u{DFFF}]/u;

class SimpleReader {
  private readonly lines: string[];
  private line = 0;
  private nodes = 0;
  // Recording positions (readSimpleYamlPositions): where each line starts, and the node each step just read.
  private readonly lineStarts: number[] | undefined;
  position: YamlPosition | undefined;

  constructor(
    private readonly text: string,
    private readonly limits: LoadLimits,
    record: boolean,
  ) {
    this.lines = text.split("\n");
    if (record) {
      this.lineStarts = [0];
      for (const line of this.lines)
        this.lineStarts.push(this.lineStarts[this.lineStarts.length - 1]! + line.length + 1);
    }
  }

  document(): unknown {
    if (!this.skipBlank()) bail(); // empty: the full path says so
    const value = this.block(indentOf(this.lines[this.line]!), 0);
    if (this.skipBlank()) bail(); // a less-indented line after the root
    return value;
  }

  // The offset of a column of a line, and where a line ends (after its line break, or at the end of the text).
  private at(line: number, column: number): number {
    return this.lineStarts![line]! + column;
  }

  private lineEnd(line: number): number {
    return Math.min(this.lineStarts![line + 1]!, this.text.length);
  }

  // Whether blank or comment lines follow line `from` before the next content line: where the yaml package ends the
  // node before them then depends on their indentation, which is left to it (positions marked endUnsure).
  private linesAfter(from: number): boolean {
    const last = this.text.endsWith("\n") ? this.lines.length - 2 : this.lines.length - 1; // the text after a final line break is no line
    if (from + 1 > last) return false;
    const next = this.lines[from + 1]!;
    const indent = indentOf(next);
    return indent === next.length || next.charCodeAt(indent) === HASH;
  }

  /** Moves to the next line with content; false at the end of the text. */
  private skipBlank(): boolean {
    const lines = this.lines;
    for (; this.line < lines.length; this.line++) {
      const text = lines[this.line]!;
      const indent = indentOf(text);
      if (indent === text.length) continue;
      if (text.charCodeAt(indent) === HASH) continue;
      if (indent === 0 && (text.startsWith("---") || text.startsWith("..."))) bail();
      return true;
    }
    return false;
  }

  private count(depth: number): void {
    if (++this.nodes > this.limits.maxNodes || depth > this.limits.maxDepth) bail();
  }

  // A block collection whose first line (the current one) is indented by `indent`.
  private block(indent: number, depth: number): unknown {
    const text = this.lines[this.line]!;
    return isDash(text, indent) ? this.sequence(indent, depth) : this.mapping(indent, indent, depth);
  }

  // `firstColumn` differs from `indent` for a mapping that starts after "- " on its first line.
  private mapping(indent: number, firstColumn: number, depth: number): Record<string, unknown> {
    this.count(depth);
    const out: Record<string, unknown> = {};
    const node: YamlPosition | undefined = this.lineStarts
      ? { start: this.at(this.line, firstColumn), end: 0, nodeEnd: 0, entries: new Map() }
      : undefined;
    let column = firstColumn;
    for (let first = true; ; first = false) {
      if (!first) {
        if (!this.skipBlank()) break;
        const text = this.lines[this.line]!;
        const lineIndent = indentOf(text);
        if (lineIndent < indent) break;
        if (lineIndent > indent) bail();
        if (isDash(text, indent)) break; // a sequence at the key's indentation belongs to the parent
        column = indent;
      }
      const text = this.lines[this.line]!;
      const [key, valueStart, keyEnd] = readKey(text, column);
      if (Object.prototype.hasOwnProperty.call(out, key)) bail();
      const keyLine = this.line;
      const value = this.value(text, valueStart, indent, depth + 1, true);
      setOwn(out, key, value);
      if (node)
        node.entries!.set(key, { key: [this.at(keyLine, column), this.at(keyLine, keyEnd)], node: this.position! });
    }
    if (node) this.position = endsWith(node, this.position!);
    return out;
  }

  private sequence(indent: number, depth: number): unknown[] {
    this.count(depth);
    const out: unknown[] = [];
    const node: YamlPosition | undefined = this.lineStarts
      ? { start: this.at(this.line, indent), end: 0, nodeEnd: 0, items: [] }
      : undefined;
    while (this.skipBlank()) {
      const text = this.lines[this.line]!;
      const lineIndent = indentOf(text);
      if (lineIndent < indent) break;
      if (lineIndent > indent || !isDash(text, indent)) {
        if (lineIndent > indent) bail();
        break;
      }
      const start = skipSpaces(text, indent + 1);
      if (start < text.length && text.charCodeAt(start) !== HASH && startsMapping(text, start)) {
        out.push(this.mapping(start, start, depth + 1));
      } else {
        out.push(this.value(text, indent + 1, indent, depth + 1, false));
      }
      node?.items!.push(this.position!);
    }
    if (node) this.position = endsWith(node, this.position!);
    return out;
  }

  /**
   * The value that starts at `start` on the current line (after "key:" or "- "), which belongs to a parent indented
   * by `indent`; leaves the current line after the value.
   */
  private value(text: string, start: number, indent: number, depth: number, inMapping: boolean): unknown {
    // `start` is at the end of the line or at a space (after "key:" or "-"), so a "#" here starts a comment.
    const at = skipSpaces(text, start);
    const line = this.line;
    if (at === text.length || text.charCodeAt(at) === HASH) {
      this.line++;
      const nested = this.nested(indent, depth, inMapping);
      // An empty value sits where the line's content would start: at its comment or at the line break.
      if (nested === null && this.lineStarts) {
        const offset = this.at(line, at);
        // With a comment, the yaml package ends the empty value at the next content, wherever that is: left to it.
        this.position =
          at < text.length
            ? { start: offset, end: offset, nodeEnd: offset, endUnsure: true }
            : { start: offset, end: offset, nodeEnd: offset, ...(at > start ? { unsure: true } : {}) };
        if (this.linesAfter(line)) this.position.endUnsure = true;
      }
      return nested;
    }
    this.count(depth);
    const c = text.charCodeAt(at);
    let value: unknown;
    let end: number;
    if (c === 0x22 /* " */) [value, end] = readDoubleQuoted(text, at);
    else if (c === 0x27 /* ' */) [value, end] = readSingleQuoted(text, at);
    else if (c === 0x7c /* | */) {
      if (!inMapping) bail();
      return this.literalBlock(text, at, indent);
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) [value, end] = this.flow(text, at, depth);
    else {
      const plainEnd = plainScalarEnd(text, at);
      if (plainEnd.stop === COLON) bail(); // a mapping on the value's line
      value = resolvePlain(text.slice(at, plainEnd.end));
      end = plainEnd.end;
    }
    expectLineEnd(text, end);
    if (this.lineStarts) {
      const items = Array.isArray(value) ? this.position?.items : undefined;
      const entries =
        value !== null && typeof value === "object" && !Array.isArray(value) ? this.position?.entries : undefined;
      this.position = {
        start: this.at(line, at),
        end: this.at(line, end),
        nodeEnd: this.lineEnd(line),
        ...(typeof value === "string" ? { string: value } : {}),
        ...(items ? { items } : {}),
        ...(entries ? { entries } : {}),
      };
      if (this.linesAfter(line)) this.position.endUnsure = true;
    }
    this.line++;
    // A more-indented line after a one-line value would continue it or be an error: the full parser decides.
    if (this.skipBlank() && indentOf(this.lines[this.line]!) > indent) bail();
    return value;
  }

  // The value of "key:" or "-" with nothing after it: a block on the following lines, or null.
  private nested(indent: number, depth: number, inMapping: boolean): unknown {
    if (this.skipBlank()) {
      const text = this.lines[this.line]!;
      const lineIndent = indentOf(text);
      if (lineIndent > indent) return this.block(lineIndent, depth);
      // "key:" followed by "- item" at the key's own indentation is a sequence value.
      if (inMapping && lineIndent === indent && isDash(text, indent)) return this.sequence(indent, depth);
    }
    this.count(depth);
    return null;
  }

  // "|" or "|-" (clip or strip chomping, indentation detected from the first line).
  private literalBlock(text: string, at: number, indent: number): string {
    const headerLine = this.line;
    let headerEnd = at + 1;
    const chomp = text.charCodeAt(headerEnd);
    const strip = chomp === DASH;
    if (strip) headerEnd++;
    expectLineEnd(text, headerEnd);
    const lines = this.lines;
    let i = this.line + 1;
    let contentIndent = -1;
    let blanksBefore = 0;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      const lineIndent = indentOf(line);
      if (lineIndent < line.length) {
        contentIndent = lineIndent;
        break;
      }
      if (line.length > 0) bail(); // leading lines of spaces: their length matters, leave them to yaml
      blanksBefore++;
    }
    if (contentIndent <= indent) bail(); // an empty block scalar
    const parts: string[] = [];
    let lastContent = i;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      const lineIndent = indentOf(line);
      if (lineIndent === line.length) {
        if (line.length > contentIndent) bail(); // trailing spaces beyond the indentation are content
        continue;
      }
      if (lineIndent < contentIndent) break;
      for (let k = lastContent + 1; k < i; k++) parts.push("");
      parts.push(line.slice(contentIndent));
      lastContent = i;
    }
    // The text must end with a line break after the last content line, as every editor writes it.
    if (lastContent === lines.length - 1) bail();
    this.line = lastContent + 1;
    const body = "\n".repeat(blanksBefore) + parts.join("\n");
    if (this.skipBlank() && indentOf(lines[this.line]!) > indent) bail();
    const value = strip ? body : body + "\n";
    if (this.lineStarts) {
      const end = this.at(lastContent + 1, 0);
      this.position = {
        start: this.at(headerLine, at),
        end,
        nodeEnd: end,
        string: value,
        ...(this.linesAfter(lastContent) ? { endUnsure: true } : {}),
      };
    }
    return value;
  }

  // A one-line flow collection ("[a, 'b', 1]", "{ cpu: 100m, memory: 128Mi }", nested) at `at`: value and end index.
  private flow(text: string, at: number, depth: number): [unknown, number] {
    const open = text.charCodeAt(at);
    if (open !== 0x5b && open !== 0x7b) {
      this.count(depth);
      let scalar: [unknown, number];
      if (open === 0x22) scalar = readDoubleQuoted(text, at);
      else if (open === 0x27) scalar = readSingleQuoted(text, at);
      else {
        const { end, stop } = flowPlainEnd(text, at);
        if (stop === COLON) bail(); // a pair where a value belongs
        scalar = [resolvePlain(text.slice(at, end)), end];
      }
      if (this.lineStarts) {
        const [value, end] = scalar;
        this.position = {
          start: this.at(this.line, at),
          end: this.at(this.line, end),
          nodeEnd: this.at(this.line, end),
          ...(typeof value === "string" ? { string: value } : {}),
        };
      }
      return scalar;
    }
    this.count(depth);
    const close = open === 0x5b ? 0x5d : 0x7d;
    const list: unknown[] = [];
    const map: Record<string, unknown> = {};
    const items: YamlPosition[] = [];
    const entries = new Map<string, { key: readonly [number, number]; node: YamlPosition }>();
    const done = (end: number): [unknown, number] => {
      if (this.lineStarts) {
        const offset = this.at(this.line, end);
        this.position = {
          start: this.at(this.line, at),
          end: offset,
          nodeEnd: offset,
          ...(open === 0x5b ? { items } : { entries }),
        };
      }
      return [open === 0x5b ? list : map, end];
    };
    let i = skipSpaces(text, at + 1);
    if (text.charCodeAt(i) === close) return done(i + 1);
    for (;;) {
      if (open === 0x5b) {
        const [value, end] = this.flow(text, i, depth + 1);
        list.push(value);
        if (this.lineStarts) items.push(this.position!);
        i = end;
      } else {
        const [key, afterColon, keyEnd] = flowKey(text, i);
        if (Object.prototype.hasOwnProperty.call(map, key)) bail();
        const [value, end] = this.flow(text, skipSpaces(text, afterColon), depth + 1);
        setOwn(map, key, value);
        if (this.lineStarts)
          entries.set(key, { key: [this.at(this.line, i), this.at(this.line, keyEnd)], node: this.position! });
        i = end;
      }
      i = skipSpaces(text, i);
      const sep = text.charCodeAt(i);
      if (sep === close) return done(i + 1);
      if (sep !== 0x2c /* , */) bail();
      i = skipSpaces(text, i + 1);
      if (text.charCodeAt(i) === close) bail(); // a trailing comma
    }
  }
}

// A block collection ends where its last value's line does.
function endsWith(node: YamlPosition, last: YamlPosition): YamlPosition {
  node.end = node.nodeEnd = last.nodeEnd;
  if (last.unsure || last.endUnsure) node.unsure = node.endUnsure = true;
  return node;
}
