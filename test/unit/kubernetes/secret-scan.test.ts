import { showInvisible } from "../../../src/diagnostics/diagnostic.js";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  leakWatch,
  MIN_SECRET_LENGTH,
  needleFinder,
  scanForLeaks,
} from "../../../src/targets/kubernetes/secret-scan.js";
import { toYamlEach } from "../../../src/targets/shared/serialize.js";
import { fcOptions } from "../../hostile/helpers.js";

// Small alphabets make hash windows and near-misses common.
const needle = fc
  .array(fc.constantFrom("a", "b", "é", "😀", "\u0000"), { minLength: MIN_SECRET_LENGTH, maxLength: 14 })
  .map((a) => a.join("").slice(0, 14))
  .filter((s) => s.length >= MIN_SECRET_LENGTH);
const haystack = fc
  .array(fc.constantFrom("a", "b", "é", "😀", "\u0000", "x"), { maxLength: 40 })
  .map((a) => a.join(""));

test("the needle finder answers exactly what a search for each needle would", () => {
  fc.assert(
    fc.property(fc.array(needle, { minLength: 1, maxLength: 5 }), haystack, fc.nat(), (needles, text, at) => {
      const n = needles[at % needles.length]!;
      const planted = text.slice(0, at % (text.length + 1)) + n + text.slice(at % (text.length + 1));
      const find = needleFinder(needles);
      assert.is(
        find(text),
        needles.some((x) => text.includes(x)),
      );
      assert.ok(find(planted));
    }),
    fcOptions(3000),
  );
});

test("needles shorter than the minimum are refused", () => {
  assert.throws(() => needleFinder(["short"]), /shorter than/);
});

test("a leak is reported with its path; a Secret's data is where secrets belong", () => {
  const secret = "s3cr3t-value-123";
  const manifests = [
    { apiVersion: "v1", kind: "Secret", metadata: { name: "env" }, stringData: { PASSWORD: secret } },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", annotations: { [`k-${secret}`]: "v" } },
      spec: { args: ["x", `--password=${secret}`] },
    },
  ];
  const found = scanForLeaks(manifests, [secret]).map((d) => d.message);
  assert.equal(found, [
    `a secret value appears in plain text in Deployment 'web' at /metadata/annotations/k-${secret}`,
    "a secret value appears in plain text in Deployment 'web' at /spec/args/1",
  ]);
});

test("the scan reports exactly what a walk of every key and string finds, whatever the needles and strings hold", () => {
  // The reference: every key and string outside a v1 Secret's data/stringData, searched for every needle.
  const reference = (manifests: Record<string, unknown>[], needles: string[]) => {
    const found: string[] = [];
    const walk = (v: unknown, path: (string | number)[], secret: boolean) => {
      if (secret && path.length === 2 && (path[1] === "data" || path[1] === "stringData")) return;
      const has = (t: string) => t.length >= MIN_SECRET_LENGTH && needles.some((n) => t.includes(n));
      if (typeof v === "string") {
        if (has(v)) found.push(path.join("/"));
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], secret));
      else if (v !== null && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
          if (has(k)) found.push([...path, k].join("/"));
          walk(x, [...path, k], secret);
        }
      }
    };
    manifests.forEach((m, i) => walk(m, [i], m.kind === "Secret" && m.apiVersion === "v1"));
    // Messages name the path inside its manifest (the manifest by kind and name), without the manifest's index.
    return found.map((p) => p.slice(p.indexOf("/") + 1));
  };
  const piece = fc.constantFrom(
    "ab",
    "cd",
    "abcd",
    '"',
    "'",
    "\\",
    "\n",
    " \n",
    "\u0085",
    ": ",
    "#",
    "é",
    "😀",
    "\ud800",
    "12",
    "x y",
    "+/=",
    "true",
  );
  const text = fc.array(piece, { maxLength: 8 }).map((a) => a.join(""));
  const needleText = fc
    .array(piece, { minLength: 4, maxLength: 8 })
    .map((a) => a.join(""))
    .filter((n) => n.length >= MIN_SECRET_LENGTH);
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: "small" }, text, fc.integer(), tie("list"), tie("map")),
    list: fc.array(tie("tree"), { maxLength: 3 }),
    map: fc.dictionary(fc.oneof(text, fc.constantFrom("data", "stringData", "kind")), tie("tree"), { maxKeys: 3 }),
  }));
  const manifest = fc.record({
    apiVersion: fc.constantFrom("v1", "apps/v1"),
    kind: fc.constantFrom("Secret", "ConfigMap"),
    data: tree,
    spec: tree,
  });
  fc.assert(
    fc.property(
      fc.array(manifest, { maxLength: 3 }),
      fc.array(needleText, { minLength: 1, maxLength: 20 }),
      (manifests, needles) => {
        // The same leaking text in several manifests, as a value and as a key: the writer has written it before.
        const planted = manifests.map((m, i) =>
          i % 2 === 0 && needles[0] ? { ...m, spec: { note: `x${needles[0]}y`, [`k${needles[0]}`]: m.spec } } : m,
        );
        // Messages show invisible characters as code points (showInvisible), so the reference's paths do too.
        const expected = reference(planted, needles).map(showInvisible);
        const paths = (watched?: ReturnType<typeof leakWatch>) =>
          scanForLeaks(planted, needles, watched).map((d) =>
            d.message
              .replace(/.* at \//, "")
              .replace(/~1/g, "/")
              .replace(/~0/g, "~"),
          );
        assert.equal(paths(), expected);
        const watched = leakWatch(needles)!;
        toYamlEach(planted, undefined, watched);
        assert.equal(paths(watched), expected, "with what the writer watched");
      },
    ),
    fcOptions(2000),
  );
});

test("every manifest that repeats a leaking string is a suspect, although the writer wrote the string before", () => {
  const secret = "s3cr3t-value-123";
  const leaking = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c" },
    data: { a: `x-${secret}`, [`k-${secret}`]: "v" },
  };
  const manifests = [
    leaking,
    { ...leaking },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "clean" }, data: { a: "x" } },
    { ...leaking },
  ];
  const watched = leakWatch([secret])!;
  toYamlEach(manifests, undefined, watched);
  assert.equal([...watched.suspects].sort(), [0, 1, 3]);
  assert.equal(scanForLeaks(manifests, [secret], watched).length, 6);
  assert.is(leakWatch([]), undefined);
});

test.run();
