/**
 * A block-YAML writer for plain data that produces exactly the text of the `yaml` package's `Document.toString()`
 * with the options scorec always uses (YAML 1.2 core schema, `lineWidth: 0`, `indentSeq: true`, no anchors, no
 * directives, double-quoted strings never folded), without building yaml's node tree: that tree was about half the
 * time of a large compile. Each function below mirrors the yaml function named in its comment (yaml 2.9), reduced to
 * the paths plain data with those options can reach; the unit tests compare both on random data byte for byte.
 */
import { CORE_NON_STRING } from "./plain-scalar.js";

/** Decides which strings must be written double-quoted whatever yaml would choose (scorec's YAML 1.1 safety). */
export type MustDoubleQuote = (s: string) => boolean;

const STEP = "  ";

/**
 * Writes `value` (objects, arrays, strings, numbers, booleans, null; `undefined` is left out of objects and written
 * as null in arrays, as JSON does) as one YAML document body ending in a newline.
 */
export function emitYaml(value: unknown, mustDoubleQuote: MustDoubleQuote): string {
  return yamlEmitter(mustDoubleQuote)(value);
}

/**
 * Puts a mapping's keys, as Object.keys lists them, in the order they are written (`level` 0 is the document root);
 * may reorder in place.
 */
export type KeyOrder = (keys: string[], level: number) => string[];

/**
 * Sees the strings (keys and values) an emitter writes, for checks that would otherwise walk the data again: `see`
 * is called at least once for every distinct string, and every time for a string it answered true for.
 */
export interface StringWatch {
  see(s: string): boolean;
}

/**
 * {@link emitYaml} for several documents: one emitter remembers how it wrote each one-line string across them.
 * `keyOrder` writes mappings in another order than their own (sorting while writing spares a sorted copy).
 */
export function yamlEmitter(
  mustDoubleQuote: MustDoubleQuote,
  keyOrder?: KeyOrder,
  watch?: StringWatch,
): (value: unknown) => string {
  const writer = new Writer(mustDoubleQuote, keyOrder, watch);
  return (value) => {
    // Pieces collected in one array and joined once: far less garbage than concatenating the text as it grows.
    const out: string[] = [];
    writer.node(value, 0, out);
    out.push("\n");
    return out.join("");
  };
}

// The indentation of each level, and the line breaks that start a mapping entry or a sequence item at that level.
const INDENTS: string[] = [""];
const ENTRY_BREAKS: string[] = ["\n"];
const ITEM_BREAKS: string[] = ["\n- "];

function indentAt(level: number): string {
  while (INDENTS.length <= level) {
    const indent = STEP.repeat(INDENTS.length);
    INDENTS.push(indent);
    ENTRY_BREAKS.push("\n" + indent);
    ITEM_BREAKS.push("\n" + indent + "- ");
  }
  return INDENTS[level]!;
}

class Writer {
  // How each one-line string was written as a value and as a key below the top level: output repeats keys and many
  // values. Those texts do not depend on the indentation (only multi-line strings and top-level keys do).
  private readonly values = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly mustDoubleQuote: MustDoubleQuote,
    private readonly keyOrder: KeyOrder | undefined,
    private readonly watch: StringWatch | undefined,
  ) {}

  // yaml: stringify() dispatching on the node's tag; `level` is the context indentation of this node in steps (0 only
  // at the root).
  node(value: unknown, level: number, out: string[]): void {
    if (value === null || value === undefined) out.push("null");
    else if (typeof value === "string") out.push(this.string(value, level, false));
    else if (typeof value === "number") out.push(numberText(value));
    else if (typeof value === "boolean") out.push(value ? "true" : "false");
    else if (typeof value === "bigint") out.push(String(value));
    else if (typeof value === "object") {
      if (Array.isArray(value)) this.sequence(value, level, out, false);
      else this.mapping(value as Record<string, unknown>, level, out, false);
    } else throw new TypeError(`cannot write a ${typeof value} as YAML`);
  }

  // yaml: YAMLSeq.toString + stringifyBlockCollection with the "- " item prefix. After a key (`afterKey`), a
  // non-empty sequence starts on the next line and an empty one after a space.
  private sequence(items: readonly unknown[], level: number, out: string[], afterKey: boolean): void {
    if (items.length === 0) {
      out.push(afterKey ? " []" : "[]");
      return;
    }
    indentAt(level + 1);
    if (afterKey) out.push(ENTRY_BREAKS[level]!);
    for (let i = 0; i < items.length; i++) {
      out.push(i === 0 ? "- " : ITEM_BREAKS[level]!);
      this.node(items[i], level + 1, out);
    }
  }

  // yaml: YAMLMap.from (undefined values dropped) + YAMLMap.toString + stringifyBlockCollection. After a key, the
  // first entry goes on the next line, or " {}" follows when no entry is written.
  private mapping(object: Record<string, unknown>, level: number, out: string[], afterKey: boolean): void {
    if (!isPlainObject(object)) throw new TypeError(`cannot write a ${object.constructor?.name ?? "object"} as YAML`);
    indentAt(level + 1);
    let first = true;
    const keys = Object.keys(object);
    for (const key of this.keyOrder ? this.keyOrder(keys, level) : keys) {
      const value = object[key];
      if (value === undefined) continue;
      if (!first || afterKey) out.push(ENTRY_BREAKS[level]!);
      first = false;
      this.pair(key, value, level, out);
    }
    if (first) out.push(afterKey ? " {}" : "{}");
  }

  // yaml: stringifyPair for a scalar key without comments.
  private pair(key: string, value: unknown, level: number, out: string[]): void {
    const keyText = this.string(key, level + 1, true);
    if (keyText.length > 1024) {
      out.push("? ", keyText, ENTRY_BREAKS[level]!, ": ");
      this.node(value, level + 1, out);
    } else if (typeof value === "object" && value !== null) {
      // A collection decides itself whether it starts on the next line (it has entries) or after a space.
      out.push(keyText, ":");
      if (Array.isArray(value)) this.sequence(value, level + 1, out, true);
      else this.mapping(value as Record<string, unknown>, level + 1, out, true);
    } else {
      out.push(keyText, ": ");
      this.node(value, level + 1, out);
    }
  }

  private string(value: string, level: number, implicitKey: boolean): string {
    if (level === 0 || (implicitKey && level === 1)) {
      this.watch?.see(value);
      return isPlainWord(value) ? value : this.uncached(value, indentAt(level), implicitKey);
    }
    const cache = implicitKey ? this.keys : this.values;
    let text = cache.get(value);
    if (text === undefined) {
      text = isPlainWord(value) ? value : this.uncached(value, INDENTS[level]!, implicitKey);
      const watched = this.watch !== undefined && this.watch.see(value);
      // Multi-line strings depend on the indentation and are rarely repeated; watched ones are shown to the watch again.
      if (!watched && !value.includes("\n")) cache.set(value, text);
    }
    return text;
  }

  // yaml: stringifyString, with scorec's forced double quotes first.
  private uncached(value: string, indent: string, implicitKey: boolean): string {
    if (this.mustDoubleQuote(value) || YAML_FORCES_DOUBLE.test(value)) return doubleQuoted(value);
    return plain(value, indent, implicitKey);
  }
}

/**
 * A letter, "_" or "/", then letters, digits and "_./:-", not ending in ":", and none of YAML's null or boolean words
 * nor an exponent like e5: every YAML 1.1 and 1.2 reader takes such a plain scalar for exactly its text, so it is
 * written as is without asking the quoting predicate (its purpose is to catch strings readers would misread). Most
 * keys, names, labels, images and paths look like this; the full decision runs several patterns per string.
 */
function isPlainWord(s: string): boolean {
  return PLAIN_WORD.test(s) && s.charCodeAt(s.length - 1) !== 0x3a && !YAML_WORDS.has(s) && !EXPONENT.test(s);
}

const PLAIN_WORD = /^[A-Za-z_/][\w./:-]*$/;
const YAML_WORDS = new Set(
  ["null", "true", "false", "yes", "no", "on", "off", "y", "n"].flatMap((w) => [
    w,
    w[0]!.toUpperCase() + w.slice(1),
    w.toUpperCase(),
  ]),
);
const EXPONENT = /^[eE][-+]?[0-9]+$/;

// yaml: plainString (no flow context, actualString).
function plain(value: string, indent: string, implicitKey: boolean): string {
  const multiLine = value.includes("\n");
  if (implicitKey && multiLine) return quoted(value, indent, implicitKey);
  if (PLAIN_UNSAFE.test(value))
    return implicitKey || !multiLine ? quoted(value, indent, implicitKey) : literalBlock(value, indent, false);
  if (!implicitKey && multiLine) return literalBlock(value, indent, false);
  if (DOCUMENT_MARKER.test(value)) {
    if (indent === "") return literalBlock(value, indent, true);
    if (implicitKey && indent === STEP) return quoted(value, indent, implicitKey);
  }
  if (CORE_NON_STRING.some((re) => re.test(value))) return quoted(value, indent, implicitKey);
  return value;
}

// yaml: quotedString with singleQuote unset: single quotes only for strings holding `"` and no `'`.
function quoted(value: string, indent: string, implicitKey: boolean): string {
  if (!value.includes('"') || value.includes("'")) return doubleQuoted(value);
  // yaml: singleQuotedString
  if ((implicitKey && value.includes("\n")) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value);
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? STEP : "");
  return "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${lineIndent}`) + "'";
}

// yaml: doubleQuotedString with doubleQuotedMinMultiLineLength beyond any string length (newlines stay `\n`, nothing
// folds), followed by scorec's escaping of the characters yaml leaves raw and Go's YAML reader rejects.
function doubleQuoted(value: string): string {
  const json = JSON.stringify(value);
  let text = json;
  if (json.includes("\\")) {
    text = "";
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
      if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
        // a space before a newline is escaped so that no reader folds it away
        text += json.slice(start, i) + "\\ ";
        i += 1;
        start = i;
        ch = "\\";
      }
      if (ch !== "\\") continue;
      if (json[i + 1] === "u") {
        text += json.slice(start, i) + shortEscape(json.substr(i + 2, 4));
        i += 5;
        start = i + 1;
      } else {
        i += 1;
      }
    }
    text = start ? text + json.slice(start) : json;
  }
  return UNPRINTABLE_RAW.test(text)
    ? text.replace(UNPRINTABLE_RAW_ALL, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"))
    : text;
}

function shortEscape(code: string): string {
  const named = NAMED_ESCAPES[code];
  if (named !== undefined) return named;
  return code.startsWith("00") ? "\\x" + code.slice(2) : "\\u" + code;
}

const NAMED_ESCAPES: Record<string, string> = {
  "0000": "\\0",
  "0007": "\\a",
  "000b": "\\v",
  "001b": "\\e",
  "0085": "\\N",
  "00a0": "\\_",
  "2028": "\\L",
  "2029": "\\P",
};

// yaml: blockString with blockQuote on and lineWidth 0, which always picks the literal style.
function literalBlock(text: string, indent: string, forceIndent: boolean): string {
  if (/\n[\t ]+$/.test(text)) return quoted(text, indent, false);
  const lineIndent = indent || (forceIndent || DOCUMENT_MARKER.test(text) ? STEP : "");
  let value = text;
  let endStart = value.length;
  while (endStart > 0) {
    const ch = value[endStart - 1];
    if (ch !== "\n" && ch !== "\t" && ch !== " ") break;
    endStart--;
  }
  let end = value.substring(endStart);
  const endNewline = end.indexOf("\n");
  const chomp = endNewline === -1 ? "-" : value === end || endNewline !== end.length - 1 ? "+" : "";
  if (end) {
    value = value.slice(0, -end.length);
    if (end.endsWith("\n")) end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${lineIndent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNewline = -1;
  for (; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === " ") startWithSpace = true;
    else if (ch === "\n") startNewline = startEnd;
    else break;
  }
  let start = value.substring(0, startNewline < startEnd ? startNewline + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${lineIndent}`);
  }
  // The indentation indicator counts from the parent's indentation, which is -1 at the document root.
  const header = (startWithSpace ? (lineIndent ? "2" : "1") : "") + chomp;
  return `|${header}\n${lineIndent}${start}${value.replace(/\n+/g, `$&${lineIndent}`)}${end}`;
}

// yaml: stringifyNumber for numbers without a format.
function numberText(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? ".nan" : value < 0 ? "-.inf" : ".inf";
  return Object.is(value, -0) ? "-0" : JSON.stringify(value);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// Strings yaml always double-quotes: C0/C1 controls (but tab and newline) and unpaired surrogates.
const YAML_FORCES_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
// yaml: the plain-scalar exclusions (leading indicator, lone "-"/"?", ": ", " #", trailing space or colon, ...).
const PLAIN_UNSAFE = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
// yaml: containsDocumentMarker (a line starting with %, --- or ... could end or start a document).
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
// yaml: blockEndNewlines (runs of newlines inside the trailing whitespace that another line follows).
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;
// yaml writes DEL, C1 controls, U+2028/2029 and BOM raw even in double quotes, and Go's YAML reader rejects them.
const UNPRINTABLE_RAW = /[\u007f-\u009f\u2028\u2029\ufeff]/;
const UNPRINTABLE_RAW_ALL = /[\u007f-\u009f\u2028\u2029\ufeff]/g;
