import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseWithYamlPackage } from "../../../src/load/parse-yaml.js";
import { readSimpleYaml } from "../../../src/load/simple-yaml.js";
import { DEFAULT_LOAD_LIMITS } from "../../../src/load/source.js";
import { toYaml } from "../../../src/targets/shared/serialize.js";
import { fcOptions } from "../../hostile/helpers.js";
import { editedTexts, yamlFiles } from "../../helpers/yaml-samples.js";

const ROOT = new URL("../../../", import.meta.url).pathname;

/**
 * The soundness rule of the fast reader: whenever it returns a value, the yaml package's full path reads the same
 * text without any error or warning and to the same value (same key order, -0, NaN, own "__proto__" keys).
 */
function agreesWithFullPath(text: string): "fast" | "full" {
  const fast = readSimpleYaml(text, DEFAULT_LOAD_LIMITS);
  if (fast === undefined) return "full";
  const full = parseWithYamlPackage("x.yaml", text, DEFAULT_LOAD_LIMITS, { allowNonMapping: true });
  assert.equal(
    full.diagnostics.map((d) => `${d.code}: ${d.message}`),
    [],
    `fast reader accepted a text the full path reports on:\n${text}`,
  );
  const expected = full.document!.value;
  if (!same(fast, expected))
    assert.unreachable(`fast reader disagrees:\n${text}\nfast: ${show(fast)}\nfull: ${show(expected)}`);
  return "fast";
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const show = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) =>
    typeof x === "number" && !Number.isFinite(x) ? String(x) : Object.is(x, -0) ? "-0" : x,
  );

test("every YAML file in the repository: the fast reader agrees with the full path or leaves the file to it", () => {
  const files = ["fixtures", "examples", "rules", "golden", "bench/fixtures", "charts"].flatMap((d) =>
    yamlFiles(join(ROOT, d)),
  );
  const taken = files.filter((f) => agreesWithFullPath(readFileSync(f, "utf8")) === "fast");
  assert.ok(files.length > 300, `${files.length} files`);
  // Guards against a reader that silently hands everything to the full path: most Score files are plain block YAML.
  const score = files.filter((f) => f.includes("/corpus/score/"));
  const scoreTaken = score.filter((f) => taken.includes(f));
  assert.ok(
    scoreTaken.length / score.length > 0.6,
    `fast path took ${scoreTaken.length} of ${score.length} corpus Score files`,
  );
});

test("typical Score files take the fast path", () => {
  for (const f of ["examples/hello/score.yaml", "bench/fixtures/typical/score.yaml"])
    assert.is(agreesWithFullPath(readFileSync(join(ROOT, f), "utf8")), "fast", f);
});

// Random data written by scorec's own serializer: block YAML with every string style.
const PIECES = [
  "a",
  "B",
  "x y",
  "web",
  "8080",
  "0",
  "-1",
  "1.5",
  "1e3",
  ".inf",
  "0o17",
  "0x1F",
  "true",
  "null",
  "~",
  "on",
  " ",
  ":",
  ": ",
  " #",
  "#",
  "-",
  "- ",
  "?",
  ",",
  "[",
  "]",
  "{",
  "}",
  "&",
  "*",
  "!",
  "|",
  ">",
  "'",
  '"',
  "%",
  "@",
  "`",
  "---",
  "...",
  "<<",
  "\\",
  "\n",
  "\n\n",
  "  \n",
  "é",
  "😀",
  "${x}",
  "/etc/app",
  "http://h:80/p",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((parts) => parts.join(""));
const scalar = fc.oneof(
  text,
  fc.constantFrom(null, true, false, 0, -0, 1, -7, 1.5, 1e21, 5e-7, NaN, Infinity, -Infinity),
  fc.double(),
  fc.integer(),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, scalar, tie("array"), tie("object")),
  array: fc.array(tie("tree"), { maxLength: 4 }),
  object: fc
    .array(fc.tuple(fc.oneof(text, fc.constantFrom("__proto__", "1", "01", "true", "null", "1.0")), tie("tree")), {
      maxLength: 4,
    })
    .map((entries) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of entries)
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      return o;
    }),
}));
const document = fc.dictionary(text, tree, { minKeys: 1, maxKeys: 5 }).map((value) => toYaml(value));

test("scorec's own YAML output: the fast reader agrees with the full path", () => {
  let taken = 0;
  fc.assert(
    fc.property(document, (yaml) => {
      if (agreesWithFullPath(yaml) === "fast") taken++;
    }),
    fcOptions(1000),
  );
  assert.ok(taken > 0, "the fast path never ran");
});

// Hand-written YAML shapes the serializer never produces, then random edits of them.
const SNIPPETS = [
  "a: 1\n",
  "a:\n  b: 2\n",
  "a:\n- 1\n- 2\n",
  "a:\n  - x: 1\n    y: 2\n  - z\n",
  "a: [1, 'b', \"c\", d e]\n",
  "a: []\nb: {}\n",
  "a: |\n  one\n\n  two\nb: 1\n",
  "a: |-\n  x\n",
  "a: |+\n  x\n\n",
  "a: >\n  x\n  y\n",
  "a: |2\n   x\n",
  "'q': v\n",
  '"q\\n": v\n',
  "a: 'it''s'\n",
  'a: "\\x41\\u00e9\\U0001F600\\N\\_"\n',
  "- a\n- b\n",
  "a: b # c\n",
  "# c\na: 1 #c\n",
  "a:   \n  x\n",
  "a: b\n  c\n",
  "a: &x 1\nb: *x\n",
  "a: !!str 1\n",
  "? a\n: b\n",
  "a: b: c\n",
  "a:\n  b\n",
  "-\n  a: 1\n",
  "- - a\n",
  "a:\n\n\n  b: 1\n",
  "---\na: 1\n",
  "a: 1\n...\n",
  "  a: 1\n  b: 2\n",
  "a: 1\n b: 2\n",
  "a: 1\na: 2\n",
  "a: -1\nb: -\n",
  "a: :x\n",
  "a: x:y\n",
  "a: x#y\n",
  "a: [a, [b]]\n",
  "a: [a,]\n",
  "a: [\n  b]\n",
  "a: 'x\n  y'\n",
  'a: "x\n  y"\n',
  "a: |\n  x\n  # not a comment\n# a comment\nb: 1\n",
  "a: |\n  x\n",
  "a: |\n  x",
  "a: 0x1F\nb: 0o17\nc: 1_000\nd: .5\ne: +1\nf: -0\ng: 1e3\nh: .NaN\ni: -.inf\nj: ~\nk: Null\nl: TRUE\nm: yes\n",
  "1: a\n0x10: b\n1.0: c\nnull: d\n~: e\ntrue: f\n",
  "a: { b: 1, c: [x, 'y'] }\n",
  "a: {b: c:d}\n",
  'a: {"b":1}\n',
  "a: [a: 1]\n",
  "a: {b}\n",
  "a: [http://x, a:b, -1, ~]\n",
  "a: { b: { c: [] }, d: {} }\n",
  "a: [ ]\nb: { }\n",
  "a: [x] # c\n",
  "a: [x]y\n",
  "a:\n  - --config\n  - -?y\n  - ?x\n  - :x\n  - -[\n",
  "a: [--x, -, -], ?:]\n",
  "a: --b\n-c: d\n?e: f\n",
  "- a: |\n    x\n  b: 1\n",
  "- a: |\n   x\n",
  "- a: |\n  x\n",
  "k:\n  - a: |-\n      x\n\n      y\n    b: [1]\n",
  "__proto__: {}\nconstructor: 1\n",
  "a : 1\n",
  "a:  1  \n",
  '"a":1\n',
];
const PUNCH = [
  " ",
  "  ",
  "-",
  "- ",
  ":",
  ": ",
  "#",
  " #",
  "'",
  '"',
  "|",
  ">",
  "[",
  "]",
  "{",
  "}",
  ",",
  "&a ",
  "*a",
  "!",
  "?",
  "\n",
  "\n  ",
  "\n- ",
  "\\",
  "x",
  "1",
  "~",
  "%",
  "---",
];
const mutated = editedTexts(SNIPPETS, PUNCH);

test("hand-written YAML and random edits of it: the fast reader agrees with the full path or leaves the text to it", () => {
  for (const s of SNIPPETS) agreesWithFullPath(s);
  fc.assert(
    fc.property(mutated, (s) => void agreesWithFullPath(s)),
    fcOptions(3000),
  );
});

test("what the fast reader leaves to the full path", () => {
  for (const s of [
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "? a\n: b\n",
    "a: >\n  x\n",
    "a:\tb\n",
    "a: b\r\n",
    "---\na: 1\n",
    "a: 1\na: 2\n",
    "a: 'x\n  y'\n",
    "a: b\n  c\n",
    "a: |\n  x",
  ]) {
    assert.is(readSimpleYaml(s, DEFAULT_LOAD_LIMITS), undefined, JSON.stringify(s));
  }
});

test("limits: nesting and size beyond the limits are left to the full path, which reports them", () => {
  const deep = Array.from({ length: 6 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + " 1\n";
  assert.ok(readSimpleYaml(deep, DEFAULT_LOAD_LIMITS) !== undefined);
  assert.is(readSimpleYaml(deep, { ...DEFAULT_LOAD_LIMITS, maxDepth: 3 }), undefined);
  assert.is(readSimpleYaml("a: [1, 2, 3]\n", { ...DEFAULT_LOAD_LIMITS, maxNodes: 3 }), undefined);
});

test.run();
