import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseWithYamlPackage } from "../../../src/load/parse-yaml.js";
import { simpleSourceDocument } from "../../../src/load/simple-locate.js";
import { readSimpleYaml } from "../../../src/load/simple-yaml.js";
import { DEFAULT_LOAD_LIMITS } from "../../../src/load/source.js";
import type { SourceDocument } from "../../../src/load/yaml-document.js";
import type { DataPath } from "../../../src/shared/json-pointer.js";
import { toYaml } from "../../../src/targets/shared/serialize.js";
import { fcOptions } from "../../hostile/helpers.js";
import { editedTexts, yamlFiles } from "../../helpers/yaml-samples.js";

const ROOT = new URL("../../../", import.meta.url).pathname;

/**
 * Every path of the document (and paths past its leaves), in both modes and with a span for strings, must locate
 * exactly where the yaml-backed document does. Returns how many locates needed the full parser.
 */
function locatesAgree(text: string): { located: number; fellBack: number } | undefined {
  const value = readSimpleYaml(text, DEFAULT_LOAD_LIMITS);
  if (value === undefined) return undefined;
  const full = parseWithYamlPackage("f.yaml", text, DEFAULT_LOAD_LIMITS, { allowNonMapping: true }).document!;
  let fellBack = 0;
  const simple: SourceDocument = simpleSourceDocument("f.yaml", text, value, DEFAULT_LOAD_LIMITS, () => {
    fellBack++;
    return full;
  });
  let located = 0;
  const check = (path: DataPath, v: unknown) => {
    for (const mode of ["value", "key"] as const) {
      located++;
      assert.equal(simple.locate(path, mode), full.locate(path, mode), `${JSON.stringify(path)} ${mode} in:\n${text}`);
    }
    if (typeof v === "string") {
      for (const offset of [0, 1, Math.floor(v.length / 2)]) {
        const span = { offset, length: 2 };
        assert.equal(
          simple.locate(path, "value", span),
          full.locate(path, "value", span),
          `${JSON.stringify(path)} span ${offset} in:\n${text}`,
        );
      }
    }
  };
  const walk = (v: unknown, path: (string | number)[]) => {
    check(path, v);
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i]));
      check([...path, v.length], undefined);
      check([...path, "x"], undefined);
    } else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
      check([...path, "no such key"], undefined);
    } else {
      check([...path, "below a scalar"], undefined);
    }
  };
  walk(value, []);
  return { located, fellBack: fellBack > 0 ? 1 : 0 };
}

test("every YAML file in the repository that the fast reader reads: locations equal the yaml package's", () => {
  const files = ["fixtures", "examples", "rules", "bench/fixtures"].flatMap((d) => yamlFiles(join(ROOT, d)));
  let checked = 0;
  let fellBack = 0;
  for (const f of files) {
    const r = locatesAgree(readFileSync(f, "utf8"));
    if (r) {
      checked++;
      fellBack += r.fellBack;
    }
  }
  assert.ok(checked > 500, `${checked} files`);
  // Guards against a locator that silently hands everything to the full parser.
  assert.ok(fellBack < checked / 10, `${fellBack} of ${checked} files needed the full parser`);
});

// Hand-written shapes around what positions depend on: comments, blank lines, empty values, block scalars, flow
// collections, compact sequences and mappings in sequences; then random edits of them.
const SNIPPETS = [
  "a:\n  b: 1\n\n  # c\n\nd: 2\n",
  "a:\n  b: 1\n# c\nd: 2\n",
  "a:\n  b: 1   \nd: 2",
  "a:   # x\n  b: 1\nc:   # y\ne:\n- 1\n-\n- # z\n",
  "a: |\n  x\n\n\nb: |-\n  y\n  # z\n# w\nc: x\n",
  "# head\n\na: 1\n\n# tail\n",
  "a:\n  - x: 1\n\n  - y\nb: 2\n",
  "k: {a: 1, 'b': [x, \"y\"]}\n",
  "a: 'q' # c\nb: \"r\\n\"\nc: [ ]\nd: {}\n",
  "a:\nb:\n  c:\n",
  "a:   \nb: 1\n",
  "- a\n- b: 1\n  c: [1]\n-   d: 2\n",
  "  a: 1\n  b:\n    - x\n",
  "a: x y z\nb: 'it''s'\n\"c d\": |\n   x\n  y\n",
  "a:\n- - 1\n",
  "long: " + "x".repeat(100) + "\n",
  "a: ~\nb: null\nc: 1.5\nd: true # t\n",
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
  "[",
  "]",
  "{",
  "}",
  ",",
  "\n",
  "\n  ",
  "\n- ",
  "x",
  "1",
  "~",
  "\n#c\n",
  "\n\n",
];
const mutated = editedTexts(SNIPPETS, PUNCH);

test("hand-written YAML and random edits of it: locations equal the yaml package's", () => {
  const read = SNIPPETS.filter((s) => locatesAgree(s) !== undefined);
  assert.ok(read.length >= SNIPPETS.length - 2, `the fast reader read ${read.length} of ${SNIPPETS.length} snippets`);
  fc.assert(
    fc.property(mutated, (s) => void locatesAgree(s)),
    fcOptions(2000),
  );
});

test("scorec's own YAML output: locations equal the yaml package's", () => {
  const scalar = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom("a\nb\n", " x", "#", "it's", 'say "hi"', null, 1, true),
  );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: "small" }, scalar, tie("list"), tie("map")),
    list: fc.array(tie("tree"), { maxLength: 3 }),
    map: fc.dictionary(fc.string({ maxLength: 5 }), tie("tree"), { maxKeys: 3 }),
  }));
  fc.assert(
    fc.property(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), tree, { minKeys: 1, maxKeys: 4 }),
      (v) => void locatesAgree(toYaml(v)),
    ),
    fcOptions(1000),
  );
});

test.run();
