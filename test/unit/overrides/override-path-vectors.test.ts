import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { parseDotPath } from "../../../src/overrides/dot-path.js";
import { mergeOverrides } from "../../../src/overrides/merge.js";
import { overridePathInMap } from "../../../src/overrides/override-path.js";
import type { PlainMap } from "../../../src/overrides/plain-data.js";
import { corpusPath, readText } from "../../helpers/corpus.js";

// score-go framework/override_utils_test.go vectors, as vendored in the corpus.
interface Vectors {
  parseDotPathParts: { input: string; result: string[] }[];
  overridePathInMap: {
    name: string;
    spec: string;
    path: string[];
    value?: unknown;
    delete?: boolean;
    expected?: string;
    error?: string;
  }[];
  overrideMapInMap: { input: PlainMap; overrides: PlainMap; expected: PlainMap };
}
const vectors = parse(readText(corpusPath("score-go", "unit", "override-paths.yaml"))) as Vectors;

test("the vector file has every section", () => {
  assert.is(vectors.parseDotPathParts.length, 6);
  assert.is(vectors.overridePathInMap.length, 9);
});

for (const c of vectors.parseDotPathParts) {
  test(`parseDotPath ${JSON.stringify(c.input)}`, () => {
    assert.equal(parseDotPath(c.input), c.result);
  });
}

for (const c of vectors.overridePathInMap) {
  test(`overridePathInMap: ${c.name}`, () => {
    const spec = JSON.parse(c.spec) as PlainMap;
    const before = JSON.stringify(spec);
    const result = overridePathInMap(spec, c.path, c.delete === true, c.delete ? null : c.value);
    if (c.error !== undefined) assert.equal(result, { ok: false, message: c.error });
    else assert.equal(result, { ok: true, value: JSON.parse(c.expected!) });
    assert.is(JSON.stringify(spec), before, "the input is not mutated");
  });
}

test("overrideMapInMap: maps merge recursively, other values replace", () => {
  const { input, overrides, expected } = vectors.overrideMapInMap;
  const before = JSON.stringify(input);
  assert.equal(mergeOverrides(input, overrides), expected);
  assert.is(JSON.stringify(input), before);
});

test.run();
