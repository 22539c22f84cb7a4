import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MIN_SECRET_LENGTH, needleFinder, scanForLeaks } from "../../../src/targets/kubernetes/secret-scan.js";
import { fcOptions } from "../../hostile/helpers.js";

// Small alphabets make hash windows and near-misses common.
const needle = fc.array(fc.constantFrom("a", "b", "é", "😀", "\u0000"), { minLength: MIN_SECRET_LENGTH, maxLength: 14 }).map((a) => a.join("").slice(0, 14)).filter((s) => s.length >= MIN_SECRET_LENGTH);
const haystack = fc.array(fc.constantFrom("a", "b", "é", "😀", "\u0000", "x"), { maxLength: 40 }).map((a) => a.join(""));

test("the needle finder answers exactly what a search for each needle would", () => {
  fc.assert(
    fc.property(fc.array(needle, { minLength: 1, maxLength: 5 }), haystack, fc.nat(), (needles, text, at) => {
      const n = needles[at % needles.length]!;
      const planted = text.slice(0, at % (text.length + 1)) + n + text.slice(at % (text.length + 1));
      const find = needleFinder(needles);
      assert.is(find(text), needles.some((x) => text.includes(x)));
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
    { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", annotations: { [`k-${secret}`]: "v" } }, spec: { args: ["x", `--password=${secret}`] } },
  ];
  const found = scanForLeaks(manifests, [secret]).map((d) => d.message);
  assert.equal(found, [
    `a secret value appears in plain text in Deployment 'web' at /1/metadata/annotations/k-${secret}`,
    "a secret value appears in plain text in Deployment 'web' at /1/spec/args/1",
  ]);
});

test.run();
