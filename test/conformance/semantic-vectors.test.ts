import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { parseYamlFile } from "../../src/load/parse-yaml.js";
import { validate } from "../../src/index.js";
import { checkWorkloadSemantics } from "../../src/validate/semantic.js";
import type { Workload } from "../../src/score/types.js";
import { corpusPath, listDirs, readText } from "../helpers/corpus.js";

// score-go loader.Validate vectors. Like the Go tests, the before/placeholder cases run the semantic checks on
// their own: their 1-character container names would already fail the schema.
const dir = corpusPath("score-go", "loader-validate");

const CODE_FOR: [RegExp, string][] = [
  [/contain a cycle/, "SCORE_BEFORE_CYCLE"],
  [/refers to unknown container/, "SCORE_BEFORE_UNKNOWN_CONTAINER"],
  [/self-referencing/, "SCORE_BEFORE_SELF"],
  [/does not resolve to a resource/, "SCORE_PLACEHOLDER_UNKNOWN_RESOURCE"],
  [/is malformed/, "SCORE_PLACEHOLDER_MALFORMED"],
  [/unsupported first element/, "SCORE_PLACEHOLDER_UNKNOWN_ROOT"],
  [/metadata\.name/, "SCHEMA_"],
];

interface Case {
  expect: { valid: boolean; errorContains?: string[] };
}

for (const name of listDirs(dir)) {
  test(`loader-validate ${name}`, () => {
    const c = parse(readText(`${dir}/${name}/case.yaml`)) as Case;
    const text = readText(`${dir}/${name}/score.yaml`);
    const codes = name.startsWith("metadata-") ? schemaCodes(text) : semanticCodes(text);
    if (c.expect.valid) {
      assert.equal(codes, [], `${name} should be valid`);
      return;
    }
    const expected = (c.expect.errorContains ?? []).map(
      (msg) => CODE_FOR.find(([re]) => re.test(msg))?.[1] ?? `unmapped: ${msg}`,
    );
    for (const code of expected)
      assert.ok(
        codes.some((got) => got.startsWith(code)),
        `${name}: expected ${code}, got ${codes.join(", ")}`,
      );
    if (!name.startsWith("metadata-"))
      assert.is(codes.length, expected.length, `${name}: one diagnostic per upstream error`);
  });
}

function semanticCodes(text: string): string[] {
  const doc = parseYamlFile({ path: "score.yaml", text }).document!;
  return checkWorkloadSemantics(doc.value as Workload, (path, mode, span) => doc.locate(path, mode, span)).map(
    (d) => d.code,
  );
}

function schemaCodes(text: string): string[] {
  return validate({ sources: [{ path: "score.yaml", text }] })
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => d.code);
}

test.run();
