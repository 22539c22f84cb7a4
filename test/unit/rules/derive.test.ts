import fc from "fast-check";
import { createHash, createHmac } from "node:crypto";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { derivePassword, hash8, slug } from "../../../src/rules/derive.js";
import { hmacKey, sha256HexOfBytes } from "../../../src/shared/digest.js";
import { fcOptions } from "../../hostile/helpers.js";

// derive.password as specified (docs/rules.md), with node:crypto's HMAC: an independent implementation to hold ours to.
function reference(seed: string, parts: readonly string[], length = 32): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = "";
  for (let block = 0; out.length < length; block++) {
    for (const b of createHmac("sha256", seed).update(`${parts.join("\u0000")}\u0000${block}`).digest()) {
      if (b < 248 && out.length < length) out += alphabet[b % 62];
    }
  }
  return out;
}

// Lengths around SHA-256's 55/56/64-byte padding edges, keys longer than a block, non-ASCII and lone surrogates
// (hashed as U+FFFD, as node:crypto does).
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.nat({ max: 200 }).map((n) => "x".repeat(n)),
  fc.constantFrom("é".repeat(31), "😀".repeat(17), "\ud800a", "a".repeat(55), "a".repeat(56), "a".repeat(64), "k".repeat(65)),
);

test("hash8 is the first 8 hex digits of SHA-256 (FIPS 180-4 example and random strings against node:crypto)", () => {
  assert.is(hash8("abc"), "ba7816bf");
  fc.assert(
    fc.property(text, (s) => assert.is(hash8(s), createHash("sha256").update(s).digest("hex").slice(0, 8))),
    fcOptions(2000),
  );
});

test("sha256HexOfBytes (binary files' manifest) is node:crypto's SHA-256 of the bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) =>
      assert.is(sha256HexOfBytes(bytes), createHash("sha256").update(bytes).digest("hex")),
    ),
    fcOptions(500),
  );
});

test("derive.password gives the same passwords as node:crypto's HMAC-SHA256, for random seeds, parts and lengths", () => {
  fc.assert(
    fc.property(text, fc.array(text, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 256 }), (seed, parts, length) => {
      assert.is(derivePassword(seed, parts, length), reference(seed, parts, length));
    }),
    fcOptions(1000),
  );
});

test("a seed prepared once gives every password the seed itself gives (the key is not used up by the first)", () => {
  fc.assert(
    fc.property(text, fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (seed, partLists) => {
      const prepared = hmacKey(seed);
      for (const parts of partLists) assert.is(derivePassword(prepared, parts), reference(seed, parts));
    }),
    fcOptions(500),
  );
});

test("slug: names longer than 63 characters end in the hash8 of the whole input", () => {
  const long = "A".repeat(70);
  assert.is(slug(long), `${"a".repeat(54)}-${createHash("sha256").update(long).digest("hex").slice(0, 8)}`);
});

test.run();
