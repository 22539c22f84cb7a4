import {
  LineCounter,
  parseAllDocuments,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  isPair,
  visit,
  type Alias,
  type Document,
  type Node,
} from "yaml";
import { error, warning, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { lineCounterOf } from "../shared/line-counter.js";
import { DEFAULT_LOAD_LIMITS, type LoadLimits, type SourceFile } from "./source.js";
import { simpleSourceDocument } from "./simple-locate.js";
import { readSimpleYaml } from "./simple-yaml.js";
import { fileStart, lazySourceDocument, makeSourceDocument, type SourceDocument } from "./yaml-document.js";
import { setOwn } from "../shared/own-property.js";

/** The outcome of parsing one file: the document when it is usable, and what went wrong. */
export interface ParseResult {
  document?: SourceDocument;
  diagnostics: Diagnostic[];
}

/** Options for {@link parseYamlFile}. */
export interface ParseOptions {
  limits?: Partial<LoadLimits>;
  /** Accept documents whose top level is not a mapping (for patch files, which are lists). */
  allowNonMapping?: boolean;
}

// Tags of the YAML 1.2 core schema; anything else (!!set, !!binary, custom tags) is refused, never executed.
const CORE_TAGS = new Set([
  "tag:yaml.org,2002:str",
  "tag:yaml.org,2002:int",
  "tag:yaml.org,2002:float",
  "tag:yaml.org,2002:bool",
  "tag:yaml.org,2002:null",
  "tag:yaml.org,2002:map",
  "tag:yaml.org,2002:seq",
]);

/**
 * Parses YAML text into plain data, keeping the means to locate every value in the source.
 * Always YAML 1.2 core (a `%YAML 1.1` directive does not turn `on` into true), one document per file,
 * unique keys, bounded alias expansion and nesting; `__proto__` keys stay plain data.
 */
export function parseYamlFile(source: SourceFile, options: ParseOptions = {}): ParseResult {
  const limits = { ...DEFAULT_LOAD_LIMITS, ...options.limits };
  const file = source.path;
  if (source.text.length > limits.maxFileSize) {
    return fail(
      "LOAD_FILE_TOO_LARGE",
      `file is ${source.text.length} characters; the limit is ${limits.maxFileSize}`,
      fileStart(file),
    );
  }
  const text = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text;
  const nul = text.indexOf("\0");
  // yaml accepts a raw NUL although YAML forbids it; it would end up inside names and values.
  if (nul >= 0)
    return fail(
      "LOAD_INVALID_ENCODING",
      'a raw NUL character is not allowed in YAML; write "\\0" in a double-quoted string',
      textPosition(file, text, nul),
    );
  // Most files are plain block YAML, read without building yaml's syntax tree; anything else takes the full parser.
  const simple = readSimpleYaml(text, limits);
  if (simple !== undefined && (options.allowNonMapping || !Array.isArray(simple))) {
    return {
      document: simpleSourceDocument(file, text, simple, limits, () => rebuildDocument(file, text, simple)),
      diagnostics: [],
    };
  }
  return parseWithYamlPackage(file, text, limits, options);
}

/** The full parser behind parseYamlFile (exported for the tests that hold the fast reader to it). */
export function parseWithYamlPackage(
  file: string,
  text: string,
  limits: LoadLimits,
  options: ParseOptions,
): ParseResult {
  const lineCounter = new LineCounter();
  let docs: Document[];
  try {
    docs = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter }) as unknown as Document[];
  } catch (e) {
    if (e instanceof RangeError) return fail("LOAD_TOO_DEEP", "document nests too deeply to parse", fileStart(file));
    throw e;
  }
  const at = (start: number, end: number): Location => {
    const s = lineCounter.linePos(start);
    const e = lineCounter.linePos(Math.max(start, end));
    return { file, range: { start: { ...s, offset: start }, end: { ...e, offset: end } } };
  };
  if (!Array.isArray(docs) || docs.length === 0)
    return fail("LOAD_EMPTY_FILE", "file is empty; expected a YAML mapping", fileStart(file));

  const diagnostics: Diagnostic[] = [];
  const doc = docs[0]!;
  if (docs.length > 1) {
    const second = docs[1]!;
    const start = second.range?.[0] ?? 0;
    diagnostics.push(
      error(
        "LOAD_MULTIPLE_DOCUMENTS",
        `file holds ${docs.length} YAML documents; put each Score workload in its own file`,
        at(start, start),
      ),
    );
  }
  // yaml turns its own stack overflow on very deep nesting into RESOURCE_EXHAUSTION, often with follow-up errors.
  const exhausted = doc.errors.find((e) => e.code === "RESOURCE_EXHAUSTION");
  if (exhausted)
    return fail("LOAD_TOO_DEEP", "document nests too deeply to parse", at(exhausted.pos[0], exhausted.pos[1]));
  for (const e of doc.errors) diagnostics.push(error("LOAD_YAML_SYNTAX", firstLine(e.message), at(e.pos[0], e.pos[1])));
  for (const w of doc.warnings) {
    if (/tag/i.test(w.message)) continue; // reported precisely by the converter below
    diagnostics.push(warning("LOAD_YAML_WARNING", firstLine(w.message), at(w.pos[0], w.pos[1])));
  }
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && !doc.contents.tag)) {
    return fail("LOAD_EMPTY_FILE", "file is empty; expected a YAML mapping", fileStart(file));
  }
  if (!options.allowNonMapping && !isMap(doc.contents)) {
    const r = (doc.contents as Node).range ?? [0, 0];
    return fail(
      "LOAD_NOT_A_MAPPING",
      `expected a mapping at the top level, found ${describe(doc.contents as Node)}`,
      at(r[0], r[1]),
    );
  }
  const converter = new Converter(doc, limits, at);
  if (!converter.checkExpandedSize(doc.contents as Node)) return { diagnostics: converter.diagnostics };
  const value = converter.convert(doc.contents as Node, 0);
  diagnostics.push(...converter.diagnostics);
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  // The yaml Document (every node with its position) is only needed to locate diagnostics, and for thousands of files
  // it is most of the memory a compile holds; it is let go here and rebuilt from the text on the first locate.
  return { document: lazySourceDocument(file, text, value, () => rebuildDocument(file, text, value)), diagnostics };
}

function rebuildDocument(file: string, text: string, value: unknown): SourceDocument {
  const counter = new LineCounter();
  const again = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter: counter }) as unknown as Document[];
  return makeSourceDocument(file, text, again[0]!, counter, value);
}

const PARSE_OPTIONS = {
  version: "1.2",
  schema: "core",
  uniqueKeys: false, // checked below in linear time; yaml's own check is quadratic
  prettyErrors: false,
  merge: false,
  strict: true,
} as const;

class TooDeep extends Error {}

class Converter {
  readonly diagnostics: Diagnostic[] = [];
  private nodes = 0;
  private aborted = false;
  private aliasTargets: Map<Alias, Node | undefined> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly limits: LoadLimits,
    private readonly at: (start: number, end: number) => Location,
  ) {}

  /**
   * Counts the values the document expands to, each anchored node once (memoised), so a "billion laughs" file is
   * refused in time linear in its size rather than after expanding it. Also catches aliases that refer to a node
   * containing themselves.
   */
  checkExpandedSize(root: Node): boolean {
    const memo = new Map<Node, number>();
    const limit = this.limits.maxNodes;
    const size = (node: Node | null, depth: number): number => {
      if (node === null) return 1;
      if (depth > this.limits.maxDepth) throw new TooDeep();
      const known = memo.get(node);
      if (known !== undefined) {
        if (known < 0) throw new RangeError("alias refers to its own ancestor");
        return known;
      }
      memo.set(node, -1);
      let n = 1;
      if (isAlias(node)) n = size(this.resolveAlias(node) ?? null, depth + 1);
      else if (isSeq(node))
        for (const item of node.items) n = Math.min(limit + 1, n + size(item as Node | null, depth + 1));
      else if (isMap(node))
        for (const pair of node.items)
          n = Math.min(limit + 1, n + size((pair.value as Node | null) ?? null, depth + 1));
      memo.set(node, n);
      return n;
    };
    let total: number;
    try {
      total = size(root, 0);
    } catch (e) {
      if (e instanceof TooDeep)
        this.report("LOAD_TOO_DEEP", `nesting deeper than ${this.limits.maxDepth} levels`, root);
      else if (e instanceof RangeError)
        this.report("LOAD_ALIAS_LIMIT", "an alias refers to a node that contains it; such a document never ends", root);
      else throw e;
      return false;
    }
    if (total <= limit) return true;
    this.report(
      "LOAD_ALIAS_LIMIT",
      `document expands to more than ${limit} values (aliases that multiply the size?)`,
      root,
    );
    return false;
  }

  convert(node: Node | null, depth: number): unknown {
    if (this.aborted || node === null) return null;
    if (++this.nodes > this.limits.maxNodes) {
      return this.abort(
        "LOAD_ALIAS_LIMIT",
        `document expands to more than ${this.limits.maxNodes} values (alias expansion?)`,
        node,
      );
    }
    if (depth > this.limits.maxDepth)
      return this.abort("LOAD_TOO_DEEP", `nesting deeper than ${this.limits.maxDepth} levels`, node);
    if (isAlias(node)) {
      const target = this.resolveAlias(node);
      if (!target) return this.abort("LOAD_YAML_SYNTAX", `unknown alias *${node.source}`, node);
      return this.convert(target, depth + 1);
    }
    if (node.tag && !CORE_TAGS.has(node.tag)) {
      this.report(
        "LOAD_UNSUPPORTED_TAG",
        `tag ${node.tag.replace("tag:yaml.org,2002:", "!!")} is not supported; only plain YAML values are accepted`,
        node,
      );
      return null;
    }
    if (isScalar(node)) return normalizeScalar(node.value);
    if (isSeq(node)) return node.items.map((item) => this.convert(item as Node | null, depth + 1));
    if (isMap(node)) return this.convertMap(node.items, depth);
    return null;
  }

  private convertMap(items: readonly unknown[], depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      if (keyNode !== null && !isScalar(keyNode)) {
        this.report("LOAD_YAML_SYNTAX", "mapping keys must be plain scalars", keyNode);
        continue;
      }
      const key = keyNode === null ? "" : String(keyNode.value);
      if (seen.has(key)) {
        if (keyNode) this.report("LOAD_DUPLICATE_KEY", `key "${key}" appears more than once in this mapping`, keyNode);
        continue;
      }
      seen.add(key);
      const value = this.convert((pair.value as Node | null) ?? null, depth + 1);
      setOwn(out, key, value);
    }
    return out;
  }

  /**
   * What `alias.resolve(doc)` returns (the last node before the alias with its anchor, in document order), from one
   * walk of the document for all aliases: yaml's resolve walks the whole document on every call.
   */
  private resolveAlias(alias: Alias): Node | undefined {
    if (!this.aliasTargets) {
      const targets = new Map<Alias, Node | undefined>();
      const latest = new Map<string, Node>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) targets.set(node, latest.get(node.source));
          else if (node.anchor) latest.set(node.anchor, node);
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
  }

  private report(code: DiagnosticCode, message: string, node: Node): void {
    const r = node.range ?? [0, 0];
    this.diagnostics.push(error(code, message, this.at(r[0], r[1])));
  }

  private abort(code: DiagnosticCode, message: string, node: Node): null {
    this.report(code, message, node);
    this.aborted = true;
    return null;
  }
}

function normalizeScalar(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  return value;
}

function describe(node: Node): string {
  if (isSeq(node)) return "a sequence";
  if (isScalar(node)) return `the scalar ${JSON.stringify(node.value)}`;
  return "something else";
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

function textPosition(file: string, text: string, offset: number): Location {
  const position = { ...lineCounterOf(text).linePos(offset), offset };
  return { file, range: { start: position, end: { ...position, offset: offset + 1 } } };
}

function fail(code: DiagnosticCode, message: string, at: Location): ParseResult {
  return { diagnostics: [error(code, message, at)] };
}
