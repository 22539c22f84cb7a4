/**
 * SHA-256 and HMAC-SHA256 (FIPS 180-4, RFC 2104) in plain TypeScript. The names and passwords scorec derives hash
 * short strings, a few microseconds each; loading `node:crypto` for them took about 5 ms of every cold start. Tests
 * hold both functions to `node:crypto` on test vectors and random input.
 */

const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

// prettier-ignore
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const BLOCK = 64;
const utf8 = new TextEncoder();

// Scratch space shared by every call (single-threaded, never re-entered): hashing allocates only its result.
const W = new Int32Array(64);
const STATE = new Int32Array(8);
const TAIL = new Uint8Array(2 * BLOCK);

/** The SHA-256 digest of the bytes. */
export function sha256(bytes: Uint8Array): Uint8Array {
  return finish(INITIAL, 0, bytes);
}

/** The SHA-256 of a string's UTF-8 bytes, as lower-case hex (what `createHash("sha256").update(text).digest("hex")` gives). */
export function sha256Hex(text: string): string {
  let hex = "";
  for (const byte of sha256(utf8.encode(text))) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** HMAC-SHA256 of a message with a key, both strings taken as UTF-8 (what `createHmac("sha256", key).update(message).digest()` gives). */
export function hmacSha256(key: string | HmacKey, message: string): Uint8Array {
  const pads = typeof key === "string" ? hmacKey(key) : key;
  return finish(pads.outer, BLOCK, finish(pads.inner, BLOCK, utf8.encode(message)));
}

/** A key prepared for {@link hmacSha256}: the hash states after its inner and outer pad blocks. */
export interface HmacKey {
  readonly inner: Int32Array;
  readonly outer: Int32Array;
}

/** Prepares a key once for many HMACs (every password of a compile is derived with the same seed): half the blocks. */
export function hmacKey(key: string): HmacKey {
  let keyBytes: Uint8Array = utf8.encode(key);
  if (keyBytes.length > BLOCK) keyBytes = sha256(keyBytes);
  const pad = new Uint8Array(BLOCK);
  const stateAfter = (xor: number): Int32Array => {
    for (let i = 0; i < BLOCK; i++) pad[i] = (keyBytes[i] ?? 0) ^ xor;
    const state = Int32Array.from(INITIAL);
    compress(state, pad, 0);
    return state;
  };
  return { inner: stateAfter(0x36), outer: stateAfter(0x5c) };
}

// Hashes `bytes` from `start`, the state after `prefixLength` bytes (whole blocks) already hashed, and pads the end.
function finish(start: ArrayLike<number>, prefixLength: number, bytes: Uint8Array): Uint8Array {
  for (let i = 0; i < 8; i++) STATE[i] = start[i]!;
  const whole = bytes.length - (bytes.length % BLOCK);
  for (let offset = 0; offset < whole; offset += BLOCK) compress(STATE, bytes, offset);
  const rest = bytes.length - whole;
  const tailLength = rest + 9 <= BLOCK ? BLOCK : 2 * BLOCK;
  TAIL.fill(0);
  TAIL.set(bytes.subarray(whole), 0);
  TAIL[rest] = 0x80;
  const bits = (prefixLength + bytes.length) * 8;
  writeWord(TAIL, tailLength - 8, Math.floor(bits / 0x100000000));
  writeWord(TAIL, tailLength - 4, bits >>> 0);
  for (let offset = 0; offset < tailLength; offset += BLOCK) compress(STATE, TAIL, offset);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) writeWord(out, i * 4, STATE[i]!);
  return out;
}

// The rotations are written out: a cold start runs this in V8's interpreter, where each helper call costs.
function compress(h: Int32Array, block: Uint8Array, offset: number): void {
  const w = W;
  for (let i = 0; i < 16; i++) {
    const o = offset + i * 4;
    w[i] = (block[o]! << 24) | (block[o + 1]! << 16) | (block[o + 2]! << 8) | block[o + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let f = h[5]!;
  let g = h[6]!;
  let hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 = (hh + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + hh) | 0;
}

function writeWord(bytes: Uint8Array, offset: number, word: number): void {
  bytes[offset] = word >>> 24;
  bytes[offset + 1] = word >>> 16;
  bytes[offset + 2] = word >>> 8;
  bytes[offset + 3] = word;
}
