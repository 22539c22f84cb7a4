import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { base64ToBytes, bytesToBase64, textToBase64 } from "../../../src/shared/base64.js";
import { fcOptions } from "../../hostile/helpers.js";

test("encodes bytes and UTF-8 text as Node's Buffer does (large inputs included)", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) =>
      assert.is(bytesToBase64(bytes), Buffer.from(bytes).toString("base64")),
    ),
    fcOptions(1000),
  );
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 100 }), (text) =>
      assert.is(textToBase64(text), Buffer.from(text, "utf8").toString("base64")),
    ),
    fcOptions(1000),
  );
  const large = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) & 0xff);
  assert.is(bytesToBase64(large), Buffer.from(large).toString("base64"));
});

test("decodes what it encodes, skipping line breaks as Score's base64 may hold them", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const wrapped = bytesToBase64(bytes).replace(/.{1,76}/g, "$&\n");
      assert.equal(base64ToBytes(wrapped), bytes);
    }),
    fcOptions(1000),
  );
});

test("text that is not base64 gives undefined instead of bytes made up from it", () => {
  for (const bad of ["not base64!", "abc$", "a", "ab=c"]) assert.is(base64ToBytes(bad), undefined, bad);
});

test.run();
