import fc from "fast-check";
import { createHash, createHmac } from "node:crypto";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { hmacKey, hmacSha256, sha256Hex } from "../../../src/shared/sha256.js";
import { fcOptions } from "../../hostile/helpers.js";

test("SHA-256 test vectors (FIPS 180-4 examples)", () => {
  assert.is(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert.is(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.is(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
});

test("HMAC-SHA256 test vector (RFC 4231, case 2)", () => {
  assert.is(Buffer.from(hmacSha256("Jefe", "what do ya want for nothing?")).toString("hex"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
});

// Lengths around the 55/56/64-byte padding edges, multi-block input, non-ASCII and lone surrogates (encoded as U+FFFD).
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.nat({ max: 200 }).map((n) => "x".repeat(n)),
  fc.constantFrom("é".repeat(31), "😀".repeat(17), "\ud800a", "a".repeat(55), "a".repeat(56), "a".repeat(64), "k".repeat(65)),
);

test("the same digests as node:crypto for random strings", () => {
  fc.assert(
    fc.property(text, (s) => assert.is(sha256Hex(s), createHash("sha256").update(s).digest("hex"))),
    fcOptions(3000),
  );
});

test("the same HMACs as node:crypto for random keys and messages (keys longer than a block included)", () => {
  fc.assert(
    fc.property(text, text, (key, message) => assert.is(Buffer.from(hmacSha256(key, message)).toString("hex"), createHmac("sha256", key).update(message).digest("hex"))),
    fcOptions(3000),
  );
});

test("a key prepared once gives the same HMACs as the key itself, for every message", () => {
  const hex = (key: Parameters<typeof hmacSha256>[0], message: string) => Buffer.from(hmacSha256(key, message)).toString("hex");
  const expected = (key: string, message: string) => createHmac("sha256", key).update(message).digest("hex");
  fc.assert(
    fc.property(text, fc.array(text, { minLength: 1, maxLength: 4 }), (key, messages) => {
      const prepared = hmacKey(key);
      for (const m of messages) assert.is(hex(prepared, m), expected(key, m));
    }),
    fcOptions(1000),
  );
});

test.run();
