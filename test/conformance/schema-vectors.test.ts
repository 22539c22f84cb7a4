import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { validate } from "../../src/index.js";
import { corpusPath, listDirs, readText } from "../helpers/corpus.js";

// The 130 score-go schema-validation vectors: each a Score document with one mutation and the expected answer.
const dir = corpusPath("score-go", "schema-validation");
const cases = listDirs(dir);

test("all 130 score-go schema vectors are present", () => {
  assert.is(cases.length, 130);
});

for (const name of cases) {
  test(`schema vector ${name}`, () => {
    const expected = parse(readText(`${dir}/${name}/case.yaml`)) as { expect: { valid: boolean } };
    const text = readText(`${dir}/${name}/score.yaml`);
    const { diagnostics } = validate({ sources: [{ path: "score.yaml", text }] });
    const schemaErrors = diagnostics.filter((d) => d.severity === "error" && d.code.startsWith("SCHEMA_"));
    if (expected.expect.valid) assert.equal(schemaErrors, [], `${name} should be valid`);
    else assert.ok(schemaErrors.length > 0, `${name} should be invalid`);
    for (const d of schemaErrors)
      assert.ok(d.range && d.file === "score.yaml", `${name}: every schema error has a location`);
  });
}

test.run();
