import { parse } from "yaml";
import { plainReadsAsNonString } from "./plain-scalar.js";
import { emitYaml, yamlEmitter, type KeyOrder, type StringWatch } from "./yaml-emitter.js";
import { setOwn } from "../../shared/own-property.js";

/**
 * Serialises data as YAML that every reader takes the same way: YAML 1.1 readers (kubectl, Helm, Docker Compose's
 * Go YAML) and YAML 1.2 readers. Strings that either version would read as something else (`on`, `no`, `0755`,
 * `0o17`, `1e3`, `~`, dates) are double-quoted; no anchors/aliases; no line folding; LF line ends and exactly one
 * trailing newline. Key order is the caller's insertion order: callers sort where order carries no meaning.
 */
export function toYaml(value: unknown): string {
  return emitYaml(value, doubleQuotePredicate());
}

/** The strings toYaml double-quotes: those a YAML 1.1 or 1.2 reader would take for something else, and unprintables. */
export function doubleQuotePredicate(): (s: string) => boolean {
  return mustDoubleQuote;
}

// One function shared by every emitter rather than a closure per emitter (docs/performance.md, "Why some code is shaped as it is").
const mustDoubleQuote = (s: string): boolean => needsQuotes(s) || UNPRINTABLE.test(s);

// Characters that must never appear raw in YAML output: they are written as escapes inside double quotes.
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** Serialises several documents separated by `---` (one emitter: it remembers how each string was written). */
export function toYamlDocuments(values: readonly unknown[], keyOrder?: KeyOrder): string {
  return joinYamlDocuments(toYamlEach(values, keyOrder));
}

/** A {@link StringWatch} that is told which document is being written. */
export interface DocumentWatch extends StringWatch {
  document: number;
}

/** Serialises each value as its own document text, with one emitter for all; `watch` sees the strings written. */
export function toYamlEach(values: readonly unknown[], keyOrder?: KeyOrder, watch?: DocumentWatch): string[] {
  const emit = yamlEmitter(doubleQuotePredicate(), keyOrder, watch);
  const texts: string[] = [];
  for (let index = 0; index < values.length; index++) {
    if (watch) watch.document = index;
    texts.push(emit(values[index]));
  }
  return texts;
}

/** Document texts as one multi-document YAML text. */
export function joinYamlDocuments(texts: readonly string[]): string {
  return texts.map((t) => "---\n" + t).join("");
}

function needsQuotes(s: string): boolean {
  if (s === "<<" || s === "=") return true; // merge key and the YAML 1.1 "value" type
  // A block scalar is always a string, but one with only blank lines loses its spaces ("  \n" reads back as "\n").
  if (s.includes("\n")) return BLANK_WITH_SPACES.test(s);
  return plainReadsAsNonString(s) ?? readsAsNonStringByParsing(s);
}

const BLANK_WITH_SPACES = /^[\t\n ]*[\t ][\t\n ]*$/;

// The few strings that are not plain scalar syntax (": ", " #", leading indicators, tabs ...) ask the parsers.
function readsAsNonStringByParsing(s: string): boolean {
  try {
    return (
      parse(s, { version: "1.2", schema: "core", logLevel: "silent" }) !== s ||
      parse(s, { version: "1.1", logLevel: "silent", merge: false }) !== s
    );
  } catch {
    return true;
  }
}

/**
 * Returns the value with every mapping's keys sorted (UTF-16 code-unit order, as `<` compares strings), except that
 * `head` keys come first in the order given. Arrays keep their order. Mappings and lists that are already in order
 * are returned as they are, not copied (callers only read the result): most of what the targets build is.
 */
export function sortKeysDeep(value: unknown, head: readonly string[] = []): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const sorted = sortKeysDeep(item, head);
      if (sorted !== item && copy === undefined) copy = value.slice(0, i);
      copy?.push(sorted);
    }
    return copy ?? value;
  }
  if (value === null || typeof value !== "object") return value;
  const compare = head.length === 0 ? byCodeUnits : headFirst(head);
  const keys = Object.keys(value);
  let changed = false;
  for (let i = 1; i < keys.length && !changed; i++) changed = compare(keys[i - 1]!, keys[i]!) > 0;
  if (changed) keys.sort(compare);
  const children = keys.map((k) => {
    const child = (value as Record<string, unknown>)[k];
    const sorted = sortKeysDeep(child, head);
    if (sorted !== child) changed = true;
    return sorted;
  });
  if (!changed) return value;
  const out: Record<string, unknown> = {};
  keys.forEach((k, i) => setOwn(out, k, children[i]));
  return out;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order in which a sorted copy ({@link sortKeysDeep}, then `head` keys moved first at the document root) is
 * written, for writing data in that order without making the copy. As in every JavaScript object, keys that are
 * array indexes ("0", "2", "10") come first in numeric order. Runs once per written mapping, so it sorts in place and
 * allocates only to move `head` keys.
 */
export function sortedKeys(head: readonly string[] = []): KeyOrder {
  return (keys, level) => {
    // Object.keys lists array-index keys first, in numeric order: only the names after them need sorting.
    let names = 0;
    while (names < keys.length && isArrayIndex(keys[names]!)) names++;
    sortNames(keys, names);
    if (level !== 0 || head.length === 0) return keys;
    const first = head.filter((k) => keys.includes(k, names));
    if (first.length === 0) return keys;
    const out = keys.slice(0, names);
    out.push(...first);
    for (let i = names; i < keys.length; i++) if (!head.includes(keys[i]!)) out.push(keys[i]!);
    return out;
  };
}

// Sorts keys[from..] by code units in place: an insertion sort for the few keys of most mappings.
function sortNames(keys: string[], from: number): void {
  let ordered = true;
  for (let i = from + 1; i < keys.length && ordered; i++) ordered = keys[i - 1]! <= keys[i]!;
  if (ordered) return;
  if (keys.length - from > 32) {
    const sorted = keys.slice(from).sort(byCodeUnits);
    for (let i = 0; i < sorted.length; i++) keys[from + i] = sorted[i]!;
    return;
  }
  for (let i = from + 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= from && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
}

function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

function headFirst(head: readonly string[]): (a: string, b: string) => number {
  return (a, b) => {
    const ia = head.indexOf(a);
    const ib = head.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
    return byCodeUnits(a, b);
  };
}
