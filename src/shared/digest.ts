import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

// @noble/hashes rather than node:crypto: it is synchronous pure JavaScript, so the core stays free of `node:*` and
// runs unchanged in a browser bundle. Strings are hashed as UTF-8, as node:crypto does (tests hold the two equal).

/** The SHA-256 of a string's UTF-8 bytes, as lower-case hex. */
export function sha256Hex(text: string): string {
  return sha256HexOfBytes(utf8ToBytes(text));
}

/** The SHA-256 of bytes, as lower-case hex. */
export function sha256HexOfBytes(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** A key prepared for {@link hmacSha256}: the HMAC state after the key's pad blocks, cloned for each message. */
export type HmacKey = ReturnType<typeof hmac.create>;

/** Prepares a key once for many HMACs (every password of a compile is derived with the same seed). */
export function hmacKey(key: string): HmacKey {
  return hmac.create(sha256, utf8ToBytes(key));
}

/** HMAC-SHA256 of a message with a key, both strings taken as UTF-8. */
export function hmacSha256(key: string | HmacKey, message: string): Uint8Array {
  const prepared = typeof key === "string" ? hmacKey(key) : key;
  return prepared.clone().update(utf8ToBytes(message)).digest();
}
