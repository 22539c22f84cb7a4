import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { applyJsonPatch } from "../../src/overrides/json-patch.js";
import { applyOverrides } from "../../src/overrides/apply-overrides.js";
import type { TargetName } from "../../src/model/resolved.js";
import { ROOT } from "../helpers/corpus.js";
import { compileText, errorsAt, located, runCli, score, tempFolder } from "./helpers.js";

// Patches and overrides: no path may reach a prototype, and a patch or an override list applies all or nothing.

const patch = (text: string) => ({ path: "patch.yaml", text });
const keys = Object.keys;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function assertUnpolluted(): void {
  assert.is(Object.keys, keys, "Object.keys was replaced");
  assert.equal(Object.keys({ b: 1 }), ["b"]);
  assert.is(({} as Record<string, unknown>).polluted, undefined, "Object.prototype was polluted");
  assert.is((Object as unknown as Record<string, unknown>).polluted, undefined);
}

test("what fast-json-patch 3.1.1 itself does: /constructor/keys replaces Object.keys, and a failing patch is half applied", () => {
  const version = (
    JSON.parse(readFileSync(`${ROOT}node_modules/fast-json-patch/package.json`, "utf8")) as { version: string }
  ).version;
  // Run in a child process: the point is that it breaks the process it runs in.
  const script = `
    import jsonpatch from "fast-json-patch";
    const out = {};
    try { jsonpatch.applyPatch({ a: 1 }, [{ op: "replace", path: "/constructor/keys", value: 42 }]); } catch (e) { out.threw = e.name; }
    out.keysReplaced = typeof Object.keys !== "function";
    const doc = { a: 1, b: 2 };
    try { jsonpatch.applyPatch(doc, [{ op: "replace", path: "/a", value: 9 }, { op: "test", path: "/b", value: 3 }]); } catch (e) { out.testFailed = e.name; }
    out.afterFailedPatch = doc;
    try { jsonpatch.applyPatch({}, [{ op: "add", path: "/__proto__/polluted", value: 1 }]); } catch (e) { out.protoBlocked = e.name; }
    console.log(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  const seen = JSON.parse(r.stdout) as Record<string, unknown>;
  if (version === "3.1.1") {
    assert.equal(seen, {
      keysReplaced: true,
      testFailed: "TEST_OPERATION_FAILED",
      afterFailedPatch: { a: 9, b: 2 },
      protoBlocked: "TypeError",
    });
  }
});

test("/constructor, /__proto__ and /prototype segments in path or from: OVERRIDE_FORBIDDEN_PATH at the pointer", () => {
  const text = `- op: replace
  path: /constructor/keys
  value: 42
- op: add
  path: /__proto__/polluted
  value: 1
- op: add
  path: /services/web-main/constructor/prototype/polluted
  value: 1
- op: copy
  from: /constructor
  path: /x
- op: move
  from: /services/web-main/__proto__
  path: /y
`;
  const r = applyJsonPatch(deepFreeze({ services: { "web-main": { image: "nginx" } } }), patch(text));
  assert.equal(located(r.diagnostics), [
    ["OVERRIDE_FORBIDDEN_PATH", 2, 9],
    ["OVERRIDE_FORBIDDEN_PATH", 5, 9],
    ["OVERRIDE_FORBIDDEN_PATH", 8, 9],
    ["OVERRIDE_FORBIDDEN_PATH", 11, 9],
    ["OVERRIDE_FORBIDDEN_PATH", 14, 9],
  ]);
  assertUnpolluted();
  // Escaped spellings reach the same segments and are refused the same way.
  const escaped = applyJsonPatch(
    {},
    patch(
      "- op: replace\n  path: /constructor/keys~1x\n  value: 1\n- op: add\n  path: '/a~1b/__proto__'\n  value: 1\n",
    ),
  );
  assert.equal(located(escaped.diagnostics), [
    ["OVERRIDE_FORBIDDEN_PATH", 2, 9],
    ["OVERRIDE_FORBIDDEN_PATH", 5, 9],
  ]);
});

test("inherited names are never walked, and fast-json-patch's internal _get op is refused", () => {
  for (const [text, code, line, col] of [
    ["- op: replace\n  path: /toString\n  value: 1\n", "PATCH_FAILED", 1, 3],
    ["- op: add\n  path: /hasOwnProperty/x\n  value: 1\n", "PATCH_FAILED", 1, 3],
    ["- op: _get\n  path: /a\n", "PATCH_INVALID", 1, 7],
  ] as const) {
    assert.equal(located(applyJsonPatch(deepFreeze({ a: 1 }), patch(text)).diagnostics), [[code, line, col]], text);
  }
  assertUnpolluted();
});

test("a patch applies all or nothing: a later failure leaves the (frozen) input untouched and no file is emitted", () => {
  const input = deepFreeze({ a: 1, b: { c: [1, 2] } });
  const text =
    "- op: replace\n  path: /a\n  value: 9\n- op: remove\n  path: /b/c/0\n- op: test\n  path: /a\n  value: 1\n";
  const r = applyJsonPatch(input, patch(text));
  assert.equal(located(r.diagnostics), [["PATCH_FAILED", 6, 3]]);
  assert.is(r.value, input);
  assert.equal(input, { a: 1, b: { c: [1, 2] } });
  // Inside a compile, for every target: the error, no output.
  for (const target of ["compose", "kubernetes", "helm"] as TargetName[]) {
    // The kubernetes patch root is the list of manifests.
    const first = target === "kubernetes" ? "/0/x-first" : "/x-first";
    const half = `- op: add\n  path: ${first}\n  value: 1\n- op: remove\n  path: /no/such/path\n`;
    const c = compileText(score(), { target, patches: [patch(half)] });
    assert.equal(errorsAt(c.diagnostics), [["PATCH_FAILED", 4, 3]], target);
    assert.equal(c.files, []);
  }
});

test("forbidden patch paths inside a compile, for every target: located, nothing emitted, nothing polluted", () => {
  for (const target of ["compose", "kubernetes", "helm"] as TargetName[]) {
    const c = compileText(score(), {
      target,
      patches: [patch("- op: replace\n  path: /constructor/keys\n  value: 42\n")],
    });
    assert.equal(
      c.diagnostics
        .filter((d) => d.severity === "error")
        .map((d) => [d.code, d.file, d.range?.start.line, d.range?.start.col]),
      [["OVERRIDE_FORBIDDEN_PATH", "patch.yaml", 2, 9]],
      target,
    );
    assert.equal(c.files, []);
  }
  assertUnpolluted();
});

test("--override-property: forbidden segments refused, and a bad property undoes the whole list", () => {
  const doc = deepFreeze({ containers: { main: { image: "nginx" } } });
  for (const entry of [
    "constructor.keys=42",
    "__proto__.polluted=1",
    "containers.prototype=1",
    "containers.main.constructor.prototype.polluted=1",
    "a\\.b.__proto__.x=1",
  ]) {
    const r = applyOverrides(doc, { properties: [entry] });
    assert.equal(
      r.diagnostics.map((d) => d.code),
      ["OVERRIDE_FORBIDDEN_PATH"],
      entry,
    );
    assert.is(r.value, doc);
  }
  const all = applyOverrides(doc, { properties: ["containers.main.image=redis", "containers.main.image.x=1"] });
  assert.equal(
    all.diagnostics.map((d) => d.code),
    ["OVERRIDE_INVALID_PATH"],
  );
  assert.is(all.value, doc, "the first, valid property is not applied either");
  assertUnpolluted();
});

test("overrides file: __proto__ and constructor keys stay plain data; a bad file changes nothing", () => {
  const doc = deepFreeze({ containers: { main: { image: "nginx" } } });
  const r = applyOverrides(doc, {
    file: { path: "o.yaml", text: "__proto__:\n  polluted: 1\nconstructor:\n  keys: 42\n" },
  });
  assert.equal(r.diagnostics, []);
  assert.equal(Object.keys(r.value as object), ["containers", "__proto__", "constructor"]);
  assertUnpolluted();
  // Through a compile the keys are data the Score schema refuses.
  const c = compileText(score(), { overrides: { file: { path: "o.yaml", text: "constructor:\n  keys: 42\n" } } });
  assert.equal(
    c.diagnostics.map((d) => d.code),
    ["SCHEMA_ADDITIONAL_PROPERTY"],
  );
  const bad = applyOverrides(doc, { file: { path: "o.yaml", text: "a: [\n" } });
  assert.equal(located(bad.diagnostics)[0]![0], "LOAD_YAML_SYNTAX");
  assert.is(bad.value, doc);
});

test("CLI: a forbidden patch is reported at patch.yaml:line:col, exit 1, the previous output untouched", () => {
  const t = tempFolder({
    "score.yaml": score(),
    "patch.yaml":
      "- op: add\n  path: /services/web-main/x\n  value: 1\n- op: replace\n  path: /constructor/keys\n  value: 42\n",
    "compose.yaml": "previous\n",
  });
  try {
    const r = runCli(["compile", "--seed", "s", "--patch", "patch.yaml"], t.dir);
    assert.is(r.status, 1);
    assert.match(r.stderr, /^patch\.yaml:5:9: error OVERRIDE_FORBIDDEN_PATH/m);
    assert.is(readFileSync(t.path("compose.yaml"), "utf8"), "previous\n");
    const o = runCli(["compile", "--seed", "s", "--override-property", "constructor.keys=1"], t.dir);
    assert.is(o.status, 1);
    assert.match(o.stderr, /error OVERRIDE_FORBIDDEN_PATH/);
    assert.is(readFileSync(t.path("compose.yaml"), "utf8"), "previous\n");
  } finally {
    t.cleanup();
  }
});

test.run();
