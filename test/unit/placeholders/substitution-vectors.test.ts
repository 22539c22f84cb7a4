import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { lookupKeys, unknownRoot } from "../../../src/placeholders/map-lookup.js";
import { metadataResolver, substitute, substituteDeep } from "../../../src/placeholders/substitute.js";
import { textOf, type LookupResult, type PlaceholderResolver } from "../../../src/placeholders/types.js";
import { corpusPath, readText } from "../../helpers/corpus.js";

// The score-go substitution vectors (framework/substitution_test.go), with the fake resources their context describes.
interface Vectors {
  context: { metadata: Record<string, unknown> };
  lookupCases: { ref: string; result?: string; error?: string }[];
  stringCases: { input: string; result?: string; error?: string }[];
  mapCases: { input: unknown; result?: unknown; error?: string }[];
}
const vectors = parse(readText(corpusPath("score-go", "unit", "substitution.yaml"))) as Vectors;

const fail = (ref: string, message: string): LookupResult => ({
  ok: false,
  code: "PLACEHOLDER_INVALID_REF",
  message: `invalid ref '${ref}': ${message}`,
});
const fakeResources: Record<string, (keys: string[], ref: string) => LookupResult> = {
  env: (keys, ref) =>
    keys.length === 0
      ? { ok: true, value: "env", secret: false }
      : keys.length === 1
        ? { ok: true, value: "${" + keys[0] + "}", secret: false }
        : fail(ref, "fail"),
  db: (keys) => ({
    ok: true,
    value: keys.length === 0 ? "db" : "${DB_" + keys.join("_").toUpperCase() + "?required}",
    secret: false,
  }),
  static: (keys, ref) => {
    if (keys.length === 0) return { ok: true, value: "static", secret: false };
    const found = lookupKeys({ x: "a" }, keys);
    return found.ok ? { ok: true, value: found.value, secret: false } : fail(ref, found.message);
  },
};
const metadata = metadataResolver(vectors.context.metadata);
const resolver: PlaceholderResolver = {
  lookup(parts, ref) {
    if (parts[0] !== "resources") return parts[0] === "metadata" ? metadata.lookup(parts, ref) : unknownRoot(ref);
    if (parts.length < 2) return fail(ref, "requires at least a resource name to lookup");
    const resource = Object.hasOwn(fakeResources, parts[1]!) ? fakeResources[parts[1]!] : undefined;
    if (!resource) return fail(ref, `no known resource '${parts[1]}'`);
    return resource(parts.slice(2), ref);
  },
};

test("the vector file has every section", () => {
  assert.is(vectors.lookupCases.length, 19);
  assert.is(vectors.stringCases.length, 13);
  assert.is(vectors.mapCases.length, 2);
});

for (const c of vectors.lookupCases) {
  test(`lookup ${c.ref}`, () => {
    const r = substitute("${" + c.ref + "}", resolver);
    if (c.error !== undefined) {
      assert.equal(
        r.problems.map((p) => p.message),
        [c.error],
      );
      assert.is(r.problems[0]!.offset, 0);
    } else {
      assert.equal(r.problems, []);
      assert.is(textOf(r.value), c.result);
    }
  });
}

for (const c of vectors.stringCases) {
  test(`string ${JSON.stringify(c.input)}`, () => {
    const r = substitute(c.input, resolver);
    if (c.error !== undefined)
      assert.equal(
        r.problems.map((p) => p.message),
        [c.error],
      );
    else {
      assert.equal(r.problems, []);
      assert.is(textOf(r.value), c.result);
    }
  });
}

vectors.mapCases.forEach((c, i) => {
  test(`map case ${i}`, () => {
    const r = substituteDeep(c.input, resolver);
    if (c.error !== undefined) {
      // score-go prefixes the message with the key/index path: "a: 0: b: invalid ref ...".
      assert.equal(
        r.problems.map((p) => [...p.path, p.message].join(": ")),
        [c.error],
      );
    } else {
      assert.equal(r.problems, []);
      assert.equal(r.value, c.result);
    }
  });
});

// customUnescaperCase exercises score-go's pluggable UnEscaper hook, which scorec does not expose.

test.run();
