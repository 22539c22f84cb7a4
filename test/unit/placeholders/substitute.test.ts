import { test } from "uvu";
import * as assert from "uvu/assert";
import { encodeValue, metadataResolver, substitute, substituteDeep } from "../../../src/placeholders/substitute.js";
import { isSecret, textOf, type PlaceholderResolver, type Segment } from "../../../src/placeholders/types.js";

const meta = metadataResolver({
  name: "web",
  port: 8080,
  ratio: 0.5,
  on: true,
  nothing: null,
  tags: ["a", 1, { z: 1, a: 2 }],
  nested: { b: "x", a: { d: [], c: {} } },
  template: "${metadata.name}",
  dollars: "$$ and $${x}",
  html: "<a href='x'>&</a>",
  infinite: Number.POSITIVE_INFINITY,
});

/** metadata plus a fake secret resource `resources.db.password` / `resources.db.host`. */
const withSecrets: PlaceholderResolver = {
  lookup(parts, ref) {
    if (parts[0] === "resources" && parts[1] === "db") {
      if (parts[2] === "password") return { ok: true, value: "s3cr3t", secret: true };
      if (parts[2] === "host") return { ok: true, value: "db.local", secret: false };
      if (parts[2] === "empty") return { ok: true, value: "", secret: true };
      return {
        ok: false,
        code: "PLACEHOLDER_UNKNOWN_OUTPUT",
        message: `invalid ref '${ref}': key '${parts[2]}' not found`,
        hint: "outputs: host, password",
      };
    }
    return meta.lookup(parts, ref);
  },
};

test("escapes: $$ is $, $${x} is literal, lone $ stays", () => {
  assert.is(textOf(substitute("a $$ b $${metadata.name} $HOME $", meta).value), "a $ b ${metadata.name} $HOME $");
  assert.is(textOf(substitute("$$$${metadata.name}", meta).value), "$${metadata.name}");
  assert.is(textOf(substitute("$$${metadata.name}", meta).value), "$web");
});

test("plain text and lookups merge into one plain segment", () => {
  const r = substitute("host=${metadata.name}:${metadata.port} $$", meta);
  assert.equal(r.value.segments, [{ text: "host=web:8080 $", secret: false }]);
  assert.equal(r.problems, []);
});

test("empty input has no segments", () => {
  assert.equal(substitute("", meta).value.segments, []);
});

test("a secret value is its own segment, plain pieces around it", () => {
  const r = substitute("postgres://u:${resources.db.password}@${resources.db.host}/x", withSecrets);
  assert.equal(r.value.segments, [
    { text: "postgres://u:", secret: false },
    { text: "s3cr3t", secret: true },
    { text: "@db.local/x", secret: false },
  ]);
  assert.ok(isSecret(r.value));
});

test("adjacent secrets stay separate; an empty secret is still recorded", () => {
  const r = substitute("${resources.db.password}${resources.db.password}${resources.db.empty}", withSecrets);
  assert.equal(r.value.segments, [
    { text: "s3cr3t", secret: true },
    { text: "s3cr3t", secret: true },
    { text: "", secret: true },
  ]);
});

test("a resolver's own pieces are inserted as given: verbatim and secret pieces stay separate, plain ones merge", () => {
  type Piece = Segment & { verbatim?: boolean };
  const pieces: Piece[] = [
    { text: "${", secret: false, verbatim: true },
    { text: "x", secret: false },
    { text: "PW", secret: true },
  ];
  const resolver: PlaceholderResolver = {
    lookup: () => ({ ok: true, value: "ignored", secret: true, segments: pieces }),
  };
  const r = substitute("a ${resources.env.X} b", resolver);
  assert.equal(r.value.segments, [
    { text: "a ", secret: false },
    { text: "${", secret: false, verbatim: true },
    { text: "x", secret: false },
    { text: "PW", secret: true },
    { text: " b", secret: false },
  ]);
  assert.is.not(r.value.segments[1], pieces[0], "pieces are copied");
});

test("non-strings are JSON-encoded like Go's encoding/json", () => {
  const t = (ref: string) => textOf(substitute("${" + ref + "}", meta).value);
  assert.is(t("metadata.port"), "8080");
  assert.is(t("metadata.ratio"), "0.5");
  assert.is(t("metadata.on"), "true");
  assert.is(t("metadata.nothing"), "null");
  assert.is(t("metadata.tags"), '["a",1,{"a":2,"z":1}]');
  assert.is(t("metadata.nested"), '{"a":{"c":{},"d":[]},"b":"x"}');
});

test("encodeValue: strings verbatim, Go escaping of HTML characters and line separators, code point key order", () => {
  assert.is(encodeValue("<&>"), "<&>");
  assert.is(encodeValue(['<&>\u2028\n\t"\\']), '["\\u003c\\u0026\\u003e\\u2028\\n\\t\\"\\\\"]');
  assert.is(encodeValue({ "\u{1F600}": 1, "\uFFFD": 2, b: 3, B: 4 }), '{"B":4,"b":3,"\uFFFD":2,"\u{1F600}":1}');
  assert.is(encodeValue(1e21), "1e+21");
  assert.is(encodeValue(1e-7), "1e-7");
  assert.is(encodeValue(-12.25), "-12.25");
  assert.is(encodeValue(undefined), "null");
});

test("a map value with HTML characters is escaped inside JSON", () => {
  assert.is(textOf(substitute("${metadata}", metadataResolver({ m: { h: "<a>" } })).value), "${metadata}");
  assert.is(
    textOf(substitute("${metadata.m}", metadataResolver({ m: { h: "<a>&" } })).value),
    '{"h":"\\u003ca\\u003e\\u0026"}',
  );
});

test("a non-finite number cannot be encoded (Go json: unsupported value)", () => {
  const r = substitute("x ${metadata.infinite}", meta);
  assert.equal(
    r.problems.map((p) => [p.code, p.offset]),
    [["PLACEHOLDER_INVALID_REF", 2]],
  );
  assert.match(r.problems[0]!.message, "unsupported value: +Inf");
});

test("a substituted value containing ${...} or $$ is never expanded again", () => {
  assert.is(textOf(substitute("${metadata.template}", meta).value), "${metadata.name}");
  assert.is(textOf(substitute("${metadata.dollars}", meta).value), "$$ and $${x}");
});

test("errors: offsets of each ${, raw text kept, every failing placeholder reported", () => {
  const r = substitute("ab ${metadata.missing} ${} ${metadata.name.x} ${metadata}", meta);
  assert.equal(
    r.problems.map((p) => [p.code, p.offset, p.message]),
    [
      ["PLACEHOLDER_INVALID_REF", 3, "invalid ref 'metadata.missing': key 'missing' not found"],
      ["PLACEHOLDER_INVALID_REF", 23, "invalid ref '': unknown reference root, use $$ to escape the substitution"],
      ["PLACEHOLDER_INVALID_REF", 27, "invalid ref 'metadata.name.x': cannot lookup key 'x', context is not a map"],
      ["PLACEHOLDER_INVALID_REF", 46, "invalid ref 'metadata': requires at least a metadata key to lookup"],
    ],
  );
  assert.is(textOf(r.value), "ab ${metadata.missing} ${} ${metadata.name.x} ${metadata}");
});

test("the resolver's code and hint are passed through", () => {
  const r = substitute("${resources.db.port}", withSecrets);
  assert.equal(r.problems, [
    {
      code: "PLACEHOLDER_UNKNOWN_OUTPUT",
      message: "invalid ref 'resources.db.port': key 'port' not found",
      hint: "outputs: host, password",
      offset: 0,
    },
  ]);
});

test("metadata lookups only see own keys, never inherited ones", () => {
  for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    const r = substitute("${metadata." + key + "}", meta);
    assert.is(r.problems.length, 1, key);
  }
  const own = metadataResolver(JSON.parse('{"__proto__": "plain", "constructor": "also"}') as Record<string, unknown>);
  assert.is(textOf(substitute("${metadata.__proto__}-${metadata.constructor}", own).value), "plain-also");
});

test("lists are not maps", () => {
  const r = substitute("${metadata.tags.0}", meta);
  assert.equal(
    r.problems.map((p) => p.message),
    ["invalid ref 'metadata.tags.0': cannot lookup key '0', context is not a map"],
  );
});

test("substituteDeep: strings become plain text, other scalars kept, secret flag, paths, input untouched", () => {
  const input = {
    url: "${resources.db.host}",
    n: 5,
    flag: false,
    none: null,
    list: ["${resources.db.password}", { deep: "${metadata.oops}" }],
  };
  const before = JSON.stringify(input);
  const r = substituteDeep(input, withSecrets);
  assert.equal(r.value, {
    url: "db.local",
    n: 5,
    flag: false,
    none: null,
    list: ["s3cr3t", { deep: "${metadata.oops}" }],
  });
  assert.is(r.secret, true);
  assert.equal(
    r.problems.map((p) => [p.path, p.offset]),
    [[["list", 1, "deep"], 0]],
  );
  assert.is(JSON.stringify(input), before);
  assert.is.not(r.value, input);
});

test("substituteDeep: no secret used → secret false; __proto__ keys stay data", () => {
  const input = JSON.parse('{"__proto__": {"polluted": "${metadata.name}"}}') as unknown;
  const r = substituteDeep(input, meta);
  assert.is(r.secret, false);
  assert.equal(Object.keys(r.value as object), ["__proto__"]);
  assert.is(Object.getPrototypeOf(r.value), Object.prototype);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(JSON.stringify(r.value), '{"__proto__":{"polluted":"web"}}');
});

test.run();
