import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyJsonPatch } from "../../../src/overrides/json-patch.js";

const target = () => ({
  metadata: { name: "web", labels: { app: "web" } },
  spec: { replicas: 1, ports: [{ port: 80 }, { port: 443 }] },
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const yamlPatch = (text: string) => ({ path: "patch.yaml", text });
const at = (d: { code: string; range?: { start: { line: number; col: number } } }) => [
  d.code,
  d.range?.start.line,
  d.range?.start.col,
];

test("applies every RFC 6902 operation, in order, to a copy", () => {
  const input = deepFreeze(target());
  const r = applyJsonPatch(
    input,
    yamlPatch(`
- op: test
  path: /metadata/name
  value: web
- op: replace
  path: /spec/replicas
  value: 3
- op: add
  path: /spec/ports/-
  value: {port: 8080}
- op: add
  path: /spec/ports/0
  value: {port: 22}
- op: remove
  path: /metadata/labels/app
- op: copy
  from: /metadata/name
  path: /metadata/labels/copied
- op: move
  from: /spec/replicas
  path: /spec/count
- op: add
  path: /metadata/annotations
  value: {a~1b: "x"}
`),
  );
  assert.equal(r.diagnostics, []);
  assert.equal(r.value, {
    metadata: { name: "web", labels: { copied: "web" }, annotations: { "a~1b": "x" } },
    spec: { ports: [{ port: 22 }, { port: 80 }, { port: 443 }, { port: 8080 }], count: 3 },
  });
  assert.equal(input, target());
});

test("JSON patch files work too, and ~1 / ~0 escapes address keys with / and ~", () => {
  const r = applyJsonPatch(
    { a: { "x/y": 1, "m~n": 2 } },
    { path: "p.json", text: '[{"op":"replace","path":"/a/x~1y","value":10},{"op":"remove","path":"/a/m~0n"}]' },
  );
  assert.equal(r, { value: { a: { "x/y": 10 } }, diagnostics: [] });
});

test("later operations see what earlier ones added", () => {
  const r = applyJsonPatch(
    {},
    yamlPatch("- op: add\n  path: /a\n  value: {b: [1]}\n- op: add\n  path: /a/b/-\n  value: 2\n"),
  );
  assert.equal(r.value, { a: { b: [1, 2] } });
});

test("every invalid operation is reported before anything applies (PATCH_INVALID at the op)", () => {
  const input = target();
  const r = applyJsonPatch(
    input,
    yamlPatch(`- op: replace
  path: /spec/replicas
  value: 2
- op: frobnicate
  path: /spec
- op: add
  path: /spec/x
- op: copy
  path: /spec/y
- op: replace
  path: no-slash
  value: 1
- op: remove
  path: /a~2b
`),
  );
  assert.equal(r.diagnostics.map(at), [
    ["PATCH_INVALID", 4, 7],
    ["PATCH_INVALID", 6, 3],
    ["PATCH_INVALID", 8, 3],
    ["PATCH_INVALID", 11, 9],
    ["PATCH_INVALID", 14, 9],
  ]);
  for (const d of r.diagnostics) assert.not.match(d.message, "\n", "one-line messages, no dump of the document");
  assert.is(r.value, input);
});

test("a patch that is not a list is PATCH_INVALID; YAML errors keep their location", () => {
  const r = applyJsonPatch(target(), yamlPatch("op: add\npath: /a\nvalue: 1\n"));
  assert.equal(r.diagnostics.map(at), [["PATCH_INVALID", 1, 1]]);
  const syntax = applyJsonPatch(target(), yamlPatch("- op: add\n  path: [\n"));
  assert.equal(
    syntax.diagnostics.map((d) => [d.code, d.file]),
    [["LOAD_YAML_SYNTAX", "patch.yaml"]],
  );
});

test("a failing test op is PATCH_FAILED at that op, and nothing of the patch applies", () => {
  const input = target();
  const r = applyJsonPatch(
    input,
    yamlPatch("- op: replace\n  path: /spec/replicas\n  value: 5\n- op: test\n  path: /metadata/name\n  value: api\n"),
  );
  assert.equal(r.diagnostics.map(at), [["PATCH_FAILED", 4, 3]]);
  assert.is(r.value, input);
  assert.equal(input, target());
});

test("missing paths are PATCH_FAILED at the op", () => {
  const cases = [
    "- op: replace\n  path: /spec/missing\n  value: 1\n",
    "- op: remove\n  path: /spec/ports/5\n",
    "- op: add\n  path: /nope/deeper\n  value: 1\n",
    "- op: add\n  path: /spec/ports/3\n  value: 1\n",
    "- op: add\n  path: /spec/ports/01\n  value: 1\n",
    "- op: add\n  path: /spec/replicas/x\n  value: 1\n",
    "- op: copy\n  from: /spec/none\n  path: /spec/x\n",
    "- op: move\n  from: /spec\n  path: /spec/inner\n",
    "- op: test\n  path: /spec/ports/-\n  value: 1\n",
  ];
  for (const text of cases) {
    const input = target();
    const r = applyJsonPatch(input, yamlPatch(text));
    assert.equal(r.diagnostics.map(at), [["PATCH_FAILED", 1, 3]], text);
    assert.is(r.value, input);
  }
});

test("inherited names are never walked: toString, hasOwnProperty and friends do not exist", () => {
  for (const text of [
    "- op: add\n  path: /toString/polluted\n  value: 1\n",
    "- op: test\n  path: /hasOwnProperty\n  value: null\n",
    "- op: copy\n  from: /valueOf\n  path: /stolen\n",
  ]) {
    const r = applyJsonPatch({}, yamlPatch(text));
    assert.equal(
      r.diagnostics.map((d) => d.code),
      ["PATCH_FAILED"],
      text,
    );
  }
  assert.is((Object.prototype.toString as unknown as Record<string, unknown>).polluted, undefined);
});

test("replace /constructor/keys is refused and Object.keys stays intact", () => {
  const keys = Object.keys;
  const r = applyJsonPatch({ a: 1 }, yamlPatch("- op: replace\n  path: /constructor/keys\n  value: 42\n"));
  assert.equal(r.diagnostics.map(at), [["OVERRIDE_FORBIDDEN_PATH", 2, 9]]);
  assert.equal(r.value, { a: 1 });
  assert.is(Object.keys, keys);
  assert.equal(Object.keys({ b: 2 }), ["b"]);
});

test("__proto__ and prototype segments in path or from are refused (OVERRIDE_FORBIDDEN_PATH, located)", () => {
  const r = applyJsonPatch(
    {},
    yamlPatch(`- op: add
  path: /__proto__/polluted
  value: 1
- op: add
  path: /constructor/prototype/polluted
  value: 1
- op: copy
  from: /__proto__
  path: /x
- op: add
  path: /a/prototype
  value: 1
`),
  );
  assert.equal(r.diagnostics.map(at), [
    ["OVERRIDE_FORBIDDEN_PATH", 2, 9],
    ["OVERRIDE_FORBIDDEN_PATH", 5, 9],
    ["OVERRIDE_FORBIDDEN_PATH", 8, 9],
    ["OVERRIDE_FORBIDDEN_PATH", 11, 9],
  ]);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test("a __proto__ key inside a value is plain data", () => {
  const r = applyJsonPatch({}, yamlPatch("- op: add\n  path: /a\n  value:\n    __proto__:\n      polluted: 1\n"));
  const a = (r.value as Record<string, object>).a!;
  assert.equal(Object.keys(a), ["__proto__"]);
  assert.is(Object.getPrototypeOf(a), Object.prototype);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test("root operations replace the whole document", () => {
  assert.equal(applyJsonPatch(target(), yamlPatch("- op: replace\n  path: ''\n  value: [1]\n")).value, [1]);
});

test.run();
