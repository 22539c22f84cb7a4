import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { generateValidatorModule, VALIDATORS } from "../../../scripts/validator-codegen.js";
import { ROOT } from "../../helpers/corpus.js";

// The validators in src/validate/generated/ are ajv standalone code generated from the schemas in spec/. This
// regenerates each one in memory: a schema edited without `npm run build:validators` fails here.

test("every schema in spec/ has its generated validator", () => {
  assert.ok(VALIDATORS.length >= 2, "the Score and rules schemas");
});

for (const v of VALIDATORS) {
  test(`${v.output} is what scripts/build-validators.ts generates from ${v.schema}`, () => {
    const schema = JSON.parse(readFileSync(`${ROOT}/${v.schema}`, "utf8")) as object;
    const expected = generateValidatorModule(schema, v.schema);
    const actual = readFileSync(`${ROOT}/${v.output}`, "utf8");
    assert.ok(actual === expected, `${v.output} is stale: run npm run build:validators`);
  });
}

test.run();
