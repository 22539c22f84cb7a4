import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyOverridesToDocument } from "../../../src/api/overrides-step.js";
import { validate } from "../../../src/index.js";

const score = () => ({
  apiVersion: "score.dev/v1b1",
  metadata: { name: "web", annotations: { "example.com/team": "a" } },
  containers: {
    main: { image: ".", variables: { A: "1" }, args: ["x", "y"] },
    sidecar: { image: "busybox" },
  },
  resources: { db: { type: "postgres" } },
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const props = (...properties: string[]) => ({ properties });
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

test("no overrides: an equal copy", () => {
  const input = deepFreeze(score());
  const r = applyOverridesToDocument(input, {});
  assert.equal(r, { value: score(), diagnostics: [] });
});

test("overrides file: maps merge, scalars and lists replace, null sets null; input untouched", () => {
  const input = deepFreeze(score());
  const file = {
    path: "over.yaml",
    text: "containers:\n  main:\n    variables:\n      B: '2'\n    args: []\n  sidecar:\n    image: ~\nmetadata:\n  annotations: {}\n",
  };
  const r = applyOverridesToDocument(input, { file });
  assert.equal(r.diagnostics, []);
  const expected = score() as Record<string, any>;
  expected.containers.main.variables.B = "2";
  expected.containers.main.args = [];
  expected.containers.sidecar.image = null;
  assert.equal(r.value, expected);
});

test("overrides file: syntax errors keep file:line:col", () => {
  const r = applyOverridesToDocument(score(), { file: { path: "over.yaml", text: "containers:\n  main: [1,\n" } });
  assert.equal(codes(r), ["LOAD_YAML_SYNTAX"]);
  assert.is(r.diagnostics[0]!.file, "over.yaml");
  assert.ok(r.diagnostics[0]!.range);
});

test("overrides file: a list or scalar is OVERRIDE_NOT_A_MAPPING, located at the value", () => {
  for (const text of ["# overrides\n- a\n- b\n", "just text\n"]) {
    const input = score();
    const r = applyOverridesToDocument(input, { file: { path: "over.yaml", text } });
    assert.equal(codes(r), ["OVERRIDE_NOT_A_MAPPING"]);
    const d = r.diagnostics[0]!;
    assert.is(d.file, "over.yaml");
    assert.equal([d.range?.start.line, d.range?.start.col], text.startsWith("#") ? [2, 1] : [1, 1]);
    assert.is(r.value, input, "the original comes back on error");
  }
});

test("overrides file: an empty file changes nothing and warns", () => {
  const r = applyOverridesToDocument(score(), { file: { path: "over.yaml", text: "# nothing\n" } });
  assert.equal(r.value, score());
  assert.equal(
    r.diagnostics.map((d) => [d.code, d.severity]),
    [["LOAD_EMPTY_FILE", "warning"]],
  );
});

test("overrides file: a __proto__ key is plain data, nothing is polluted", () => {
  const r = applyOverridesToDocument(score(), {
    file: { path: "over.yaml", text: "__proto__:\n  polluted: yes\nmetadata:\n  __proto__:\n    polluted: yes\n" },
  });
  const value = r.value as Record<string, any>;
  assert.ok(Object.hasOwn(value, "__proto__"));
  assert.ok(Object.hasOwn(value.metadata, "__proto__"));
  assert.is(Object.getPrototypeOf(value), Object.prototype);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test("properties: values are YAML (number vs quoted string, lists, maps)", () => {
  const r = applyOverridesToDocument(
    score(),
    props(
      "containers.main.variables.N=5",
      'containers.main.variables.S="5"',
      "containers.main.args=[a, 1]",
      "service.ports.web={port: 80}",
      "containers.main.image=nginx:1.27",
    ),
  );
  assert.equal(r.diagnostics, []);
  const v = r.value as Record<string, any>;
  assert.is(v.containers.main.variables.N, 5);
  assert.is(v.containers.main.variables.S, "5");
  assert.equal(v.containers.main.args, ["a", 1]);
  assert.equal(v.service, { ports: { web: { port: 80 } } });
  assert.is(v.containers.main.image, "nginx:1.27");
});

test("properties: empty value, null and ~ delete; list index, -1 appends; escaped dots", () => {
  const r = applyOverridesToDocument(
    score(),
    props(
      "containers.main.variables.A=",
      "containers.sidecar=null",
      "resources.db=~",
      "containers.main.args.0=first",
      "containers.main.args.-1=last",
      "metadata.annotations.example\\.com/team=b",
    ),
  );
  assert.equal(r.diagnostics, []);
  const v = r.value as Record<string, any>;
  assert.equal(v.containers.main.variables, {});
  assert.equal(Object.keys(v.containers), ["main"]);
  assert.equal(v.resources, {});
  assert.equal(v.containers.main.args, ["first", "y", "last"]);
  assert.equal(v.metadata.annotations, { "example.com/team": "b" });
});

test("properties: a value may contain '='", () => {
  const r = applyOverridesToDocument(score(), props("containers.main.variables.Q=a=b"));
  assert.is((r.value as Record<string, any>).containers.main.variables.Q, "a=b");
});

test("properties: deleting a path that does not exist changes nothing (no empty maps created)", () => {
  const r = applyOverridesToDocument(score(), props("containers.worker.image=", "metadata.labels.x="));
  assert.equal(r, { value: score(), diagnostics: [] });
});

test("properties: later properties see earlier ones, in order", () => {
  const r = applyOverridesToDocument(
    score(),
    props("containers.main.args=[]", "containers.main.args.-1=a", "containers.main.args.-1=b"),
  );
  assert.equal((r.value as Record<string, any>).containers.main.args, ["a", "b"]);
});

test("properties: errors have no file location, name the property, and leave the document untouched", () => {
  const input = deepFreeze(score());
  const cases: [string, string][] = [
    ["containers.main.image", "OVERRIDE_INVALID_PATH"],
    ["containers.main.args.x=1", "OVERRIDE_INVALID_PATH"],
    ["containers.main.args.5=1", "OVERRIDE_INVALID_PATH"],
    ["containers.main.args.5=", "OVERRIDE_INVALID_PATH"],
    ["containers.main.image.tag=1", "OVERRIDE_INVALID_PATH"],
    ["containers.main.image=[unclosed", "OVERRIDE_INVALID_VALUE"],
    ["containers.main.image=a: b: c", "OVERRIDE_INVALID_VALUE"],
    ["containers.main.image=!!binary aGk=", "OVERRIDE_INVALID_VALUE"],
  ];
  for (const [entry, code] of cases) {
    const r = applyOverridesToDocument(input, props("metadata.name=changed", entry));
    assert.equal(codes(r), [code], entry);
    const d = r.diagnostics[0]!;
    assert.is(d.file, undefined);
    assert.is(d.range, undefined);
    assert.ok(d.message.startsWith(`--override-property ${entry}: `), d.message);
    assert.is(r.value, input, "all or nothing");
  }
});

test("properties: score-go error texts", () => {
  const msg = (entry: string) => applyOverridesToDocument(score(), props(entry)).diagnostics[0]?.message;
  assert.is(
    msg("containers.main.args.x=1"),
    "--override-property containers.main.args.x=1: could not be applied: containers: main: args: failed to parse 'x' as array index",
  );
  assert.is(
    msg("containers.main.args.5="),
    "--override-property containers.main.args.5=: could not be applied: containers: main: args: cannot remove '5' in array: out of range",
  );
  assert.is(
    msg("containers.main.image.tag=1"),
    "--override-property containers.main.image.tag=1: could not be applied: containers: main: image: cannot set path in non-map/non-array",
  );
});

test("properties: __proto__, constructor and prototype segments are refused", () => {
  for (const entry of [
    "__proto__.polluted=1",
    "metadata.constructor.prototype.polluted=1",
    "containers.main.prototype=1",
    "metadata.__proto__=",
    "a\\.b.constructor=1",
  ]) {
    const r = applyOverridesToDocument(score(), props(entry));
    assert.equal(codes(r), ["OVERRIDE_FORBIDDEN_PATH"], entry);
  }
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.is(typeof Object.keys, "function");
});

test("properties: a YAML value with a __proto__ key stays plain data", () => {
  const r = applyOverridesToDocument(score(), props('metadata.extra={"__proto__": {"polluted": 1}}'));
  const extra = (r.value as Record<string, any>).metadata.extra as object;
  assert.equal(Object.keys(extra), ["__proto__"]);
  assert.is(Object.getPrototypeOf(extra), Object.prototype);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test("image: only containers whose image is '.' get it, after the file and the properties", () => {
  const r = applyOverridesToDocument(deepFreeze(score()), {
    file: { path: "o.yaml", text: "containers:\n  extra:\n    image: .\n" },
    properties: ["containers.sidecar.image=."],
    image: "registry/app:1",
  });
  const v = r.value as Record<string, any>;
  assert.is(v.containers.main.image, "registry/app:1");
  assert.is(v.containers.sidecar.image, "registry/app:1");
  assert.is(v.containers.extra.image, "registry/app:1");
  const untouched = applyOverridesToDocument(score(), { image: "x" }).value as Record<string, any>;
  assert.is(untouched.containers.sidecar.image, "busybox");
});

test("a document that is not a mapping is returned as it is", () => {
  const list = ["a"];
  assert.equal(applyOverridesToDocument(list, props("a=1")), { value: list, diagnostics: [] });
});

test("wired into validate(): overrides apply before validation", () => {
  const text = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: .\n";
  const ok = validate({
    sources: [{ path: "score.yaml", text }],
    overrides: { properties: ["metadata.name=renamed"], image: "nginx" },
  });
  assert.equal(
    ok.workloads.map((w) => [w.name, w.spec.containers["main"]?.image]),
    [["renamed", "nginx"]],
  );
  const bad = validate({
    sources: [{ path: "score.yaml", text }],
    overrides: { properties: ["containers.main.image.x=1"] },
  });
  assert.equal(codes(bad), ["OVERRIDE_INVALID_PATH"]);
  assert.equal(bad.workloads, []);
});

test.run();
