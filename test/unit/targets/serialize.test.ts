import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import {
  doubleQuotePredicate,
  sortedKeys,
  sortKeysDeep,
  toYaml,
  toYamlDocuments,
} from "../../../src/targets/shared/serialize.js";
import { fcOptions } from "../../hostile/helpers.js";

const tricky = [
  "on",
  "off",
  "yes",
  "no",
  "y",
  "n",
  "Y",
  "N",
  "true",
  "True",
  "null",
  "~",
  "0755",
  "0o17",
  "0x1F",
  "1_000",
  "1e3",
  ".inf",
  "-.inf",
  ".nan",
  "2001-12-14",
  "12:30:45",
  "1:20",
  "3.0",
  "-1",
  "+1",
  "08",
  "<<",
  "=",
  "#x",
  "a: b",
  " lead",
  "trail ",
  "",
  "@x",
  "`x",
  "%x",
  "!x",
  "*x",
  "&x",
  "? x",
  "- x",
  "[x]",
  "{x}",
];

test("strings a YAML 1.1 or 1.2 reader would take for something else are quoted, and read back as the same strings", () => {
  const value = { list: tricky, ...Object.fromEntries(tricky.filter((t) => t !== "").map((t, i) => [t, i])) };
  const out = toYaml(value);
  assert.equal(parse(out, { version: "1.1" }), value);
  assert.equal(parse(out, { version: "1.2" }), value);
  for (const word of ["on", "off", "yes", "no", "y", "n", "0755", "<<"])
    assert.match(out, new RegExp(`^  - "${word}"$`, "m"));
});

test("numbers, booleans and null stay typed", () => {
  assert.equal(parse(toYaml({ n: 5, f: 1.5, t: true, z: null })), { n: 5, f: 1.5, t: true, z: null });
});

test("multi-line strings become block scalars; no folding of long lines; one trailing newline", () => {
  const long = "x".repeat(300) + " " + "y".repeat(300);
  const out = toYaml({ script: "line 1\nline 2\n", long });
  assert.match(out, /^script: \|\n {2}line 1\n {2}line 2\n/);
  assert.ok(out.includes(long));
  assert.ok(out.endsWith("\n") && !out.endsWith("\n\n"));
});

test("unprintable characters are escaped so every reader accepts the file", () => {
  const value = { a: "x\u007fy\u0085z\u2028w\ufeff", "k\u007fey": "v", c: "\u0001", m: "one\ntwo\u0085\n" };
  const out = toYaml(value);
  assert.not.match(out, /[\u007f-\u009f\u2028\u2029\ufeff\u0001]/);
  assert.equal(parse(out), value);
});

test("no anchors or aliases for repeated objects", () => {
  const shared = { a: 1 };
  const out = toYaml({ x: shared, y: shared });
  assert.not.match(out, /[&*]/);
});

test("sortKeysDeep sorts keys with head keys first and keeps arrays in order", () => {
  const sorted = sortKeysDeep({ spec: { b: 1, a: [{ z: 1, y: 2 }] }, kind: "K", apiVersion: "v1", metadata: {} }, [
    "apiVersion",
    "kind",
    "metadata",
  ]);
  assert.equal(Object.keys(sorted as object), ["apiVersion", "kind", "metadata", "spec"]);
  assert.equal(
    toYaml(sorted),
    'apiVersion: v1\nkind: K\nmetadata: {}\nspec:\n  a:\n    - "y": 2\n      z: 1\n  b: 1\n',
  );
});

test("documents are separated by ---", () => {
  assert.is(toYamlDocuments([{ a: 1 }, { b: 2 }]), "---\na: 1\n---\nb: 2\n");
});

test("strings of blank lines with spaces are double-quoted: a block scalar would drop the spaces", () => {
  for (const s of [" \n", "\t\n", "\n  \n", "  \n\n  "]) {
    const out = toYaml({ s });
    assert.match(out, /^s: "/);
    assert.equal(parse(out), { s });
    assert.equal(parse(out, { version: "1.1" }), { s });
  }
  assert.match(toYaml({ s: "\n\n" }), /^s: \|/);
});
test("strings are double-quoted exactly when a YAML 1.2 or 1.1 parser reads them as something else", () => {
  // The serializer decides plain-syntax strings with the schemas' patterns instead of parsing them; this holds the
  // decision to the parsers on strings built from the characters that matter to YAML.
  const quotes = doubleQuotePredicate();
  const parsesAsOther = (s: string) => {
    try {
      return (
        parse(s, { version: "1.2", logLevel: "silent" }) !== s ||
        parse(s, { version: "1.1", merge: false, logLevel: "silent" }) !== s
      );
    } catch {
      return true;
    }
  };
  const piece = fc.constantFrom(
    ..."aAeEyYnNoOtTfFlLsSuUxXbBzZ_/.:#-+0123456789 ~$=@|!&*%`'\"?,[]{}<>\\é\t",
    "2001-12-14",
    "1:20",
    "0b1",
    "0x1F",
    "0o7",
    ".inf",
    "null",
    "yes",
    "---",
    "...",
    " #",
    ": ",
  );
  const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((a) => a.join(""));
  fc.assert(
    fc.property(text, (s) => assert.is(quotes(s), s === "<<" || s === "=" || parsesAsOther(s), JSON.stringify(s))),
    fcOptions(5000),
  );
});

test("sortKeysDeep: the same order as a full sorted copy, the input untouched, parts already in order shared", () => {
  const reference = (v: unknown, head: readonly string[]): unknown => {
    if (Array.isArray(v)) return v.map((x) => reference(x, head));
    if (v === null || typeof v !== "object") return v;
    const rank = (k: string) => (head.includes(k) ? head.indexOf(k) : Infinity);
    const keys = Object.keys(v).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(keys.map((k) => [k, reference((v as Record<string, unknown>)[k], head)]));
  };
  const key = fc.constantFrom("a", "b", "kind", "metadata", "apiVersion", "z", "10", "2", "é");
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: "small" }, fc.integer(), tie("list"), tie("map")),
    list: fc.array(tie("tree"), { maxLength: 3 }),
    map: fc.dictionary(key, tie("tree"), { maxKeys: 4 }),
  }));
  fc.assert(
    fc.property(tree, fc.constantFrom([], ["apiVersion", "kind", "metadata"]), (value, head) => {
      const before = JSON.stringify(value);
      assert.is(JSON.stringify(sortKeysDeep(value, head)), JSON.stringify(reference(value, head)));
      assert.is(JSON.stringify(value), before);
    }),
    fcOptions(2000),
  );
  const ordered = { a: { b: [1, { c: 2 }] } };
  assert.is(sortKeysDeep(ordered), ordered);
  const mixed = { b: 1, a: ordered.a };
  const sorted = sortKeysDeep(mixed) as Record<string, unknown>;
  assert.is.not(sorted, mixed);
  assert.is(sorted.a, ordered.a);
});

test("writing with sortedKeys gives the text of a sorted copy with the head keys first at the root", () => {
  const head = ["apiVersion", "kind", "metadata"];
  const key = fc.constantFrom("a", "B", "kind", "metadata", "apiVersion", "spec", "10", "2", "é", "__proto__");
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: "small" }, fc.integer(), fc.constant(undefined), tie("list"), tie("map")),
    list: fc.array(tie("tree"), { maxLength: 3 }),
    map: fc.array(fc.tuple(key, tie("tree")), { maxLength: 5 }).map((entries) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of entries)
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      return o;
    }),
  }));
  const canonical = (v: unknown): unknown => {
    const sorted = sortKeysDeep(v);
    if (sorted === null || typeof sorted !== "object" || Array.isArray(sorted)) return sorted;
    const keys = Object.keys(sorted);
    const ordered = [...head.filter((k) => keys.includes(k)), ...keys.filter((k) => !head.includes(k))];
    const out: Record<string, unknown> = {};
    for (const k of ordered)
      Object.defineProperty(out, k, {
        value: (sorted as Record<string, unknown>)[k],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  };
  fc.assert(
    fc.property(fc.array(tree, { maxLength: 3 }), (docs) => {
      assert.is(toYamlDocuments(docs, sortedKeys(head)), toYamlDocuments(docs.map(canonical)));
    }),
    fcOptions(2000),
  );
});

test.run();
