import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync } from "node:fs";
import { parse as yamlParse } from "yaml";
import { parseYamlFile } from "../../src/load/parse-yaml.js";
import { decodeSource } from "../../src/load/decode.js";
import { compileText, errorsAt, jsonDiagnostics, located, runCli, score, tempFolder } from "./helpers.js";

// Hostile YAML: every file is refused with a located diagnostic, never a crash, a hang or a silent reinterpretation.

const parse = (text: string, limits = {}) => parseYamlFile({ path: "f.yaml", text }, { limits });

function laughs(levels: number, width: number): string {
  const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(", ")}]`];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `l${i}: &l${i} [${Array(width)
        .fill(`*l${i - 1}`)
        .join(", ")}]`,
    );
  return lines.join("\n") + "\n";
}

test("billion laughs: refused as LOAD_ALIAS_LIMIT at the document, without expanding it", () => {
  assert.equal(located(parse(laughs(9, 10)).diagnostics), [["LOAD_ALIAS_LIMIT", 1, 1]]);
  // The same bomb inside a Score file stops the compile before validation.
  const r = compileText(score() + "metadata2: " + "\n" + laughs(9, 10).replace(/^/gm, "  "));
  assert.equal(errorsAt(r.diagnostics), [["LOAD_ALIAS_LIMIT", 1, 1]]);
  assert.equal(r.files, []);
});

test("alias expansion under yaml's alias count limit still explodes in size: refused by size", () => {
  // 90 aliases (yaml's maxAliasCount is 100) but 10^9 values.
  const text = laughs(9, 10);
  assert.is((text.match(/\*/g) ?? []).length, 90);
  assert.equal(located(parse(text).diagnostics), [["LOAD_ALIAS_LIMIT", 1, 1]]);
  // Linear, not exponential: 60 aliases of one 20 000-item list are 1 200 000 values. yaml's own guard weighs
  // aliases by how many aliases they hold, so it expands this one (and throws, uncaught, on the exponential one).
  const wide = `big: &big [${Array(20_000).fill("1").join(",")}]\nrefs: [${Array(60).fill("*big").join(",")}]\n`;
  assert.equal(located(parse(wide).diagnostics), [["LOAD_ALIAS_LIMIT", 1, 1]]);
  assert.is((yamlParse(wide) as { refs: unknown[][] }).refs.length, 60);
  assert.throws(() => yamlParse(text));
});

test("an alias inside its own anchor never ends: refused", () => {
  assert.equal(located(parse("a: &a [1, *a]\n").diagnostics), [["LOAD_ALIAS_LIMIT", 1, 1]]);
  assert.equal(located(parse("a: *nope\n").diagnostics), [["LOAD_YAML_SYNTAX", 1, 4]]);
});

test("duplicate keys: located at the second key, also in a 100 000-key mapping (linear check)", () => {
  assert.equal(located(parse("a: 1\nb: 2\na: 3\n").diagnostics), [["LOAD_DUPLICATE_KEY", 3, 1]]);
  // Keys that differ in spelling but not in value are duplicates too.
  assert.equal(located(parse("1: a\n'1': b\n").diagnostics), [["LOAD_DUPLICATE_KEY", 2, 1]]);
  const lines = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`);
  lines.push("k77: again");
  assert.equal(located(parse(lines.join("\n") + "\n").diagnostics), [["LOAD_DUPLICATE_KEY", 100_001, 1]]);
  // In a Score file: the compile stops at the duplicate.
  const r = compileText(score("web", "  main:\n    image: nginx\n    image: redis\n"));
  assert.equal(errorsAt(r.diagnostics), [["LOAD_DUPLICATE_KEY", 7, 5]]);
});

test("%YAML 1.1 does not change types: on/no/yes stay strings, 0755 is 755, 1:20 a string", () => {
  const doc = parse("%YAML 1.1\n---\na: on\nb: no\nc: 0755\nd: 1:20\ne: 0b101\n").document!;
  assert.equal(doc.value, { a: "on", b: "no", c: 755, d: "1:20", e: "0b101" });
  // So a Score variable written `on` is the string "on" and reaches the output as the string "on".
  const r = compileText(
    "%YAML 1.1\n---\n" + score("web", "  main:\n    image: nginx\n    variables:\n      DEBUG: on\n"),
  );
  assert.equal(errorsAt(r.diagnostics), []);
  assert.match(r.files[0]!.text, /DEBUG: "on"/);
  // 0755 is a number in YAML 1.2: a variable must be a string, reported at the value.
  const n = compileText(
    "%YAML 1.1\n---\n" + score("web", "  main:\n    image: nginx\n    variables:\n      MODE: 0755\n"),
  );
  assert.equal(errorsAt(n.diagnostics), [["SCHEMA_TYPE", 10, 13]]);
});

test("!!set, !!binary, !!omap, !!timestamp, !!python and local tags are refused at the tagged value", () => {
  for (const [text, col] of [
    ["a: !!set {x, y}\n", 4],
    ["a: !!binary aGVsbG8=\n", 4],
    ["a: !!omap [a: 1]\n", 4],
    ["a: !!timestamp 2001-12-14\n", 4],
    ["a: !!python/object:os.system ls\n", 4],
    ["a: !local\n  b: 1\n", 4],
  ] as const) {
    const d = parse(text).diagnostics;
    assert.equal(
      d.map((x) => [x.code, x.range?.start.line]),
      [["LOAD_UNSUPPORTED_TAG", text.includes("!local") ? 2 : 1]],
      text,
    );
    if (!text.includes("!local")) assert.ok(d[0]!.range!.start.col >= col, text);
  }
  assert.equal(errorsAt(compileText(score("web", "  main:\n    image: !!binary bmdpbng=\n")).diagnostics), [
    ["LOAD_UNSUPPORTED_TAG", 6, 21],
  ]);
});

test("merge keys are not merged: << stays a key, which the Score schema refuses where it lands", () => {
  assert.equal(parse("base: &b {x: 1}\nother:\n  <<: *b\n").document!.value, {
    base: { x: 1 },
    other: { "<<": { x: 1 } },
  });
  const text = score("web", "  main: &m\n    image: nginx\n  side:\n    <<: *m\n    image: redis\n");
  assert.equal(errorsAt(compileText(text).diagnostics), [["SCHEMA_ADDITIONAL_PROPERTY", 8, 5]]);
});

test("BOM and CRLF: accepted, with positions that count neither", () => {
  const text =
    "\ufeff" + score("web", "  main:\n    image: nginx\n    variables:\n      A: 5\n").replace(/\n/g, "\r\n");
  const r = compileText(text);
  assert.equal(errorsAt(r.diagnostics), [["SCHEMA_TYPE", 8, 10]]);
  assert.equal(errorsAt(compileText(text.replace("A: 5", 'A: "5"')).diagnostics), []);
});

test("UTF-16 (with or without BOM), UTF-32, NUL bytes and invalid UTF-8 are LOAD_INVALID_ENCODING, located", () => {
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a: 1\n", "utf16le")]);
  const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("a: 1\n", "utf16le").swap16()]);
  const cases: [string, Uint8Array, number, number][] = [
    ["utf-16le", utf16le, 1, 1],
    ["utf-16be", utf16be, 1, 1],
    ["utf-16 without bom", Buffer.from("a: 1\n", "utf16le"), 1, 1],
    ["utf-32", Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]), 1, 1],
    ["nul byte", Buffer.from("a: 1\nb: x\0y\n"), 2, 5],
    ["invalid utf-8", Buffer.concat([Buffer.from("a: 1\nbé: "), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]), 2, 5],
    ["overlong encoding", Buffer.concat([Buffer.from("a: "), Buffer.from([0xc0, 0xaf])]), 1, 4],
    ["lone surrogate", Buffer.concat([Buffer.from("a: "), Buffer.from([0xed, 0xa0, 0x80])]), 1, 4],
  ];
  for (const [name, bytes, line, col] of cases) {
    const r = decodeSource("f.yaml", bytes);
    assert.ok(!r.ok, name);
    if (!r.ok)
      assert.equal(
        [r.diagnostic.code, r.diagnostic.file, r.diagnostic.range?.start.line, r.diagnostic.range?.start.col],
        ["LOAD_INVALID_ENCODING", "f.yaml", line, col],
        name,
      );
  }
  // A raw NUL in text handed to the library (no decoding step) is refused too.
  assert.equal(located(parse("a: 1\nb: x\0y\n").diagnostics), [["LOAD_INVALID_ENCODING", 2, 5]]);
  // An escaped NUL is legal YAML: it is data, judged where it lands (see values.test.ts).
  assert.equal(parse('a: "x\\0y"\n').document!.value, { a: "x\0y" });
});

test("empty files, comment-only files and lone document markers are LOAD_EMPTY_FILE at 1:1", () => {
  for (const text of ["", "\n\n", "# nothing\n", "---\n", "...\n", "%YAML 1.2\n---\n", "\ufeff"]) {
    assert.equal(located(compileText(text).diagnostics), [["LOAD_EMPTY_FILE", 1, 1]], JSON.stringify(text));
  }
});

test("multi-document files: LOAD_MULTIPLE_DOCUMENTS at the second document", () => {
  assert.equal(errorsAt(compileText(score() + "---\n" + score("api")).diagnostics), [
    ["LOAD_MULTIPLE_DOCUMENTS", 7, 1],
  ]);
  assert.equal(errorsAt(compileText("---\n---\n").diagnostics), [["LOAD_MULTIPLE_DOCUMENTS", 2, 1]]);
});

test("a document that is not a mapping: LOAD_NOT_A_MAPPING at the value", () => {
  assert.equal(errorsAt(compileText("- a\n- b\n").diagnostics), [["LOAD_NOT_A_MAPPING", 1, 1]]);
  assert.equal(errorsAt(compileText("just text\n").diagnostics), [["LOAD_NOT_A_MAPPING", 1, 1]]);
});

test("deep nesting (flow and block) is LOAD_TOO_DEEP, never a stack overflow", () => {
  const flow = compileText("a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
  assert.equal(
    flow.diagnostics.map((d) => d.code),
    ["LOAD_TOO_DEEP"],
  );
  assert.ok(flow.diagnostics[0]!.range, "located");
  const mapFlow = compileText("a: " + "{a: ".repeat(5000) + "1" + "}".repeat(5000) + "\n");
  assert.equal(
    mapFlow.diagnostics.map((d) => d.code),
    ["LOAD_TOO_DEEP"],
  );
  let block = "";
  for (let i = 0; i < 1500; i++) block += " ".repeat(i) + "a:\n";
  const b = compileText(block);
  assert.equal(
    b.diagnostics.map((d) => d.code),
    ["LOAD_TOO_DEEP"],
  );
  assert.ok(b.diagnostics[0]!.range, "located");
  // Within the limit, deep data inside params is fine.
  assert.equal(errorsAt(parse("a: " + "[".repeat(150) + "]".repeat(150) + "\n").diagnostics), []);
});

test("size limit: LOAD_FILE_TOO_LARGE at 1:1, before any parsing", () => {
  assert.equal(located(compileText("a: " + "x".repeat(9 * 1024 * 1024)).diagnostics), [["LOAD_FILE_TOO_LARGE", 1, 1]]);
  assert.equal(located(compileText(score(), { limits: { maxFileSize: 20 } }).diagnostics), [
    ["LOAD_FILE_TOO_LARGE", 1, 1],
  ]);
  const r = decodeSource("f.yaml", new Uint8Array(30), 20);
  assert.equal(r.ok ? [] : located([r.diagnostic]), [["LOAD_FILE_TOO_LARGE", 1, 1]]);
});

test("a file with 50 000 problems: every one located, in linear time (indexed key lookups)", () => {
  const vars = Array.from({ length: 50_000 }, (_, i) => `      V${i}: 1\n`).join("");
  const r = compileText(score("web", `  main:\n    image: nginx\n    variables:\n${vars}`));
  assert.is(r.diagnostics.length, 50_000);
  assert.ok(r.diagnostics.every((d) => d.code === "SCHEMA_TYPE" && d.range));
  assert.equal(located([r.diagnostics[0]!, r.diagnostics.at(-1)!]), [
    ["SCHEMA_TYPE", 8, 11],
    ["SCHEMA_TYPE", 50_007, 15],
  ]);
});

test("rules tables, overrides files and patch files get the same treatment, reported in their own file", () => {
  const hostile: [string, string, number, number][] = [
    [laughs(9, 10), "LOAD_ALIAS_LIMIT", 1, 1],
    ["a: 1\na: 2\n", "LOAD_DUPLICATE_KEY", 2, 1],
    ["a: !!set {x}\n", "LOAD_UNSUPPORTED_TAG", 1, 10],
    ["a: x\0\n", "LOAD_INVALID_ENCODING", 1, 5],
    ["a: " + "[".repeat(5000) + "]".repeat(5000) + "\n", "LOAD_TOO_DEEP", 1, 0],
    ["a: [\n", "LOAD_YAML_SYNTAX", 2, 1],
  ];
  for (const [text, code, line, col] of hostile) {
    const runs = {
      rules: compileText(score(), { rules: [{ path: "rules.yaml", text }] }),
      overrides: compileText(score(), { overrides: { file: { path: "overrides.yaml", text } } }),
      patch: compileText(score(), { patches: [{ path: "patch.yaml", text }] }),
    };
    for (const [kind, r] of Object.entries(runs)) {
      const first = r.diagnostics.find((d) => d.severity === "error");
      assert.ok(first, `${kind}: ${code}`);
      assert.equal([first.code, first.file, first.range?.start.line], [code, `${kind}.yaml`, line], `${kind}: ${code}`);
      if (col > 0) assert.is(first.range?.start.col, col, `${kind}: ${code}`);
      assert.equal(r.files, []);
    }
  }
});

test("CLI: encodings, BOM/CRLF, empty and oversized files give located diagnostics, exit 1, no stack", () => {
  const good = score();
  const t = tempFolder({
    "bom-crlf.yaml": "\ufeff" + good.replace(/\n/g, "\r\n"),
    "utf16.yaml": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, "utf16le")]),
    "utf16-nobom.yaml": Buffer.from(good, "utf16le"),
    "latin1.yaml": Buffer.from(good.replace("web", "w\u00e9b"), "latin1"),
    "empty.yaml": "",
    "huge.yaml": "a: " + "x".repeat(9 * 1024 * 1024),
    "bomb.yaml": laughs(9, 10),
  });
  try {
    const ok = runCli(["compile", "bom-crlf.yaml", "--seed", "s", "-o", "-"], t.dir);
    assert.is(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /image: nginx/);
    const expected: Record<string, [string, number, number]> = {
      "utf16.yaml": ["LOAD_INVALID_ENCODING", 1, 1],
      "utf16-nobom.yaml": ["LOAD_INVALID_ENCODING", 1, 1],
      "latin1.yaml": ["LOAD_INVALID_ENCODING", 3, 10],
      "empty.yaml": ["LOAD_EMPTY_FILE", 1, 1],
      "huge.yaml": ["LOAD_FILE_TOO_LARGE", 1, 1],
      "bomb.yaml": ["LOAD_ALIAS_LIMIT", 1, 1],
    };
    for (const [file, [code, line, col]] of Object.entries(expected)) {
      const r = runCli(["compile", file, "--seed", "s", "--format", "json"], t.dir);
      assert.is(r.status, 1, file);
      assert.equal(jsonDiagnostics(r), [{ code, file, line, col }], file);
      assert.not.ok(existsSync(t.path("compose.yaml")), "nothing written");
    }
  } finally {
    t.cleanup();
  }
});

test("CLI: an endless input (/dev/zero) is refused at the size limit in bounded memory", () => {
  if (!existsSync("/dev/zero")) return;
  const t = tempFolder();
  try {
    const r = runCli(["compile", "/dev/zero", "--seed", "s", "--format", "json"], t.dir, {});
    assert.is(r.status, 1, r.stderr);
    assert.equal(jsonDiagnostics(r), [{ code: "LOAD_FILE_TOO_LARGE", file: "/dev/zero", line: 1, col: 1 }]);
  } finally {
    t.cleanup();
  }
});

test.run();
