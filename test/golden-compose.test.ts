import { existsSync, readFileSync, rmSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse, stringify } from "yaml";
import { createHash } from "node:crypto";
import type { BinaryOutputFile, CompileInput } from "../src/index.js";
import { compile } from "../src/index.js";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { expectGolden, UPDATING } from "./helpers/golden.js";
import { listCases, ROOT } from "./helpers/corpus.js";
import { fixtureInput, readFixture } from "./helpers/fixture-input.js";
import { composeProblems } from "./unit/compose/compose-validator.js";
import { compareWithUpstream } from "./unit/compose/upstream-comparison.js";

// Every fixtures/compose/<case> compiles to golden/compose/<case>/compose.yaml (plus diagnostics.txt when the compile
// reports anything, binary-files.txt when it writes binary files); every golden is a valid Compose file; output is byte-stable and independent of key order.
const FIXTURES = `${ROOT}fixtures/compose`;
const GOLDEN = `${ROOT}golden/compose`;

function inputFor(name: string, transform: (text: string) => string = (t) => t): CompileInput {
  const input = fixtureInput(readFixture(`${FIXTURES}/${name}`, name), "compose");
  return { ...input, sources: input.sources.map((s) => ({ ...s, text: transform(s.text) })) };
}

/** Rewrites a YAML document with every mapping's keys in reverse order (comments and formatting dropped). */
function reverseKeys(text: string): string {
  const reverse = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(reverse);
    if (v === null || typeof v !== "object") return v;
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reverse(x)]),
    );
  };
  return stringify(reverse(parse(text)), { lineWidth: 0 });
}

const cases = listCases(FIXTURES);

function binaryListing(files: readonly BinaryOutputFile[]): string {
  const hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
  return files.map((f) => `${hex(f.bytes)}  ${f.mode.toString(8).padStart(4, "0")}  ${f.path}\n`).join("");
}

test("the fixtures hold the 16 score-compose examples and scorec's own cases", () => {
  assert.is(cases.filter((c) => /^\d\d-/.test(c)).length, 16);
  assert.ok(cases.length > 16);
});

for (const name of cases) {
  test(`compose golden ${name}`, () => {
    const result = compile(inputFor(name));
    const diagnosticsFile = `${GOLDEN}/${name}/diagnostics.txt`;
    const composeFile = `${GOLDEN}/${name}/compose.yaml`;
    if (result.diagnostics.length > 0)
      expectGolden(diagnosticsFile, formatDiagnostics(result.diagnostics, { format: "text" }));
    else if (UPDATING) rmSync(diagnosticsFile, { force: true });
    else
      assert.not.ok(existsSync(diagnosticsFile), `${name}: the compile reports nothing, but ${diagnosticsFile} exists`);

    const text = result.files.find((f) => f.path === "compose.yaml")?.text;
    if (text === undefined) {
      if (UPDATING) rmSync(composeFile, { force: true });
      else assert.not.ok(existsSync(composeFile), `${name}: the compile fails, but ${composeFile} exists`);
      return;
    }
    assert.equal(
      result.files.map((f) => f.path),
      ["compose.yaml"],
    );
    expectGolden(composeFile, text);
    // Binary files (bind-mounted from compose.files/) are listed as the CLI's manifest lists them: SHA-256, mode, path.
    const binaryFile = `${GOLDEN}/${name}/binary-files.txt`;
    if (result.binaryFiles) expectGolden(binaryFile, binaryListing(result.binaryFiles));
    else if (UPDATING) rmSync(binaryFile, { force: true });
    else assert.not.ok(existsSync(binaryFile), `${name}: the compile writes no binary file, but ${binaryFile} exists`);
    assert.equal(composeProblems(text), [], `${name}: the compose file is not valid`);
    assert.is(compile(inputFor(name)).files[0]?.text, text, `${name}: a second compile differs`);
    assert.is(compile(inputFor(name, reverseKeys)).files[0]?.text, text, `${name}: input key order changes the output`);
  });
}

for (const name of cases.filter((c) => /^\d\d-/.test(c))) {
  test(`${name} matches score-compose where upstream is not random`, () => {
    const text = readFileSync(`${GOLDEN}/${name}/compose.yaml`, "utf8");
    assert.equal(compareWithUpstream(name, parse(text)), []);
  });
}

test.run();
