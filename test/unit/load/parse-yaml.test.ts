import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseYamlFile } from "../../../src/load/parse-yaml.js";
import { decodeSource } from "../../../src/load/decode.js";

const parse = (text: string, limits = {}) => parseYamlFile({ path: "f.yaml", text }, { limits });
const codes = (text: string, limits = {}) => parse(text, limits).diagnostics.map((d) => d.code);

test("values keep source positions", () => {
  const doc = parse("a:\n  b: [1, two]\n").document!;
  assert.equal(doc.value, { a: { b: [1, "two"] } });
  const at = doc.locate(["a", "b", 1]);
  assert.equal([at.range?.start.line, at.range?.start.col], [2, 10]);
  const key = doc.locate(["a", "b"], "key");
  assert.equal([key.range?.start.line, key.range?.start.col], [2, 3]);
});

test("a path past the source points at the deepest existing node", () => {
  const doc = parse("a:\n  b: 1\n").document!;
  assert.is(doc.locate(["a", "zz", "y"]).range?.start.line, 2);
});

test("%YAML 1.1 does not change types: on, yes and 0755 stay as YAML 1.2 reads them", () => {
  const doc = parse("%YAML 1.1\n---\na: on\nb: yes\nc: 0755\n").document!;
  assert.equal(doc.value, { a: "on", b: "yes", c: 755 });
});

test("BOM and CRLF are accepted and positions stay right", () => {
  const doc = parse("\ufeffa: 1\r\nb: x\r\n").document!;
  assert.equal(doc.value, { a: 1, b: "x" });
  assert.is(doc.locate(["b"]).range?.start.line, 2);
});

test("tags outside the core schema are refused", () => {
  assert.equal(codes("a: !!set {x, y}\n"), ["LOAD_UNSUPPORTED_TAG"]);
  assert.equal(codes("a: !custom x\n"), ["LOAD_UNSUPPORTED_TAG"]);
  assert.equal(codes("a: !!str 5\n"), []);
  assert.equal(parse("a: !!str 5\n").document!.value, { a: "5" });
});

test("merge keys are not merged: << stays an ordinary key", () => {
  const doc = parse("base: &b {x: 1}\nother:\n  <<: *b\n").document!;
  assert.equal(doc.value, { base: { x: 1 }, other: { "<<": { x: 1 } } });
});

test("duplicate keys are found in linear time, even at scale", () => {
  const lines = Array.from({ length: 20000 }, (_, i) => `k${i}: ${i}`);
  lines.push("k5: again");
  const result = parse(lines.join("\n") + "\n");
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.range?.start.line]),
    [["LOAD_DUPLICATE_KEY", 20001]],
  );
});

test("alias expansion is bounded by size, not only by count", () => {
  const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (const [p, q] of [
    ["b", "a"],
    ["c", "b"],
    ["d", "c"],
    ["e", "d"],
    ["f", "e"],
  ])
    bomb.push(
      `${p}: &${p} [${Array(10)
        .fill("*" + q)
        .join(", ")}]`,
    );
  assert.equal(codes(bomb.join("\n") + "\n"), ["LOAD_ALIAS_LIMIT"]);
  assert.equal(codes("a: &a [1, 2]\nb: *a\n", { maxNodes: 5 }), ["LOAD_ALIAS_LIMIT"]);
  assert.equal(codes("a: &a [1, 2]\nb: *a\n"), []);
});

test("deep nesting is refused with a diagnostic, not a stack overflow", () => {
  const deep = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
  const c = codes(deep);
  assert.equal(c, ["LOAD_TOO_DEEP"]);
  assert.equal(codes("a: " + "[".repeat(50) + "]".repeat(50) + "\n", { maxDepth: 10 }), ["LOAD_TOO_DEEP"]);
});

test("size limit", () => {
  assert.equal(codes("a: 1\n", { maxFileSize: 3 }), ["LOAD_FILE_TOO_LARGE"]);
});

test("empty, multi-document and non-mapping files", () => {
  assert.equal(codes(""), ["LOAD_EMPTY_FILE"]);
  assert.equal(codes("# only a comment\n"), ["LOAD_EMPTY_FILE"]);
  assert.equal(codes("a: 1\n---\nb: 2\n"), ["LOAD_MULTIPLE_DOCUMENTS"]);
  assert.equal(codes("just a string\n"), ["LOAD_NOT_A_MAPPING"]);
  assert.equal(parseYamlFile({ path: "p.yaml", text: "- op: add\n" }, { allowNonMapping: true }).document!.value, [
    { op: "add" },
  ]);
});

test("syntax errors are located", () => {
  const d = parse("a: [1\nb: 2\n").diagnostics;
  assert.is(d[0]?.code, "LOAD_YAML_SYNTAX");
  assert.ok(d[0]?.range);
});

test("a span narrows a located string to the characters of a placeholder", () => {
  const doc = parse('a: x-${y.z}\nb: "q ${y.z}"\n').document!;
  assert.is(doc.locate(["a"], "value", { offset: 2, length: 6 }).range?.start.col, 6);
  assert.is(doc.locate(["b"], "value", { offset: 2, length: 6 }).range?.start.col, 7);
});

test("decodeSource: UTF-8 (with BOM) passes, UTF-16 and invalid UTF-8 are refused", () => {
  const ok = decodeSource("f", new Uint8Array([0xef, 0xbb, 0xbf, 0x61]));
  assert.ok(ok.ok && ok.text === "a");
  const utf16 = decodeSource("f", new Uint8Array([0xff, 0xfe, 0x61, 0x00]));
  assert.ok(!utf16.ok && utf16.diagnostic.code === "LOAD_INVALID_ENCODING");
  const bad = decodeSource("f", new Uint8Array([0x61, 0xc3, 0x28]));
  assert.ok(!bad.ok && bad.diagnostic.code === "LOAD_INVALID_ENCODING" && /offset 1/.test(bad.diagnostic.message));
  const big = decodeSource("f", new Uint8Array(10), 5);
  assert.ok(!big.ok && big.diagnostic.code === "LOAD_FILE_TOO_LARGE");
});

test.run();
