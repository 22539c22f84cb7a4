import { hmacSha256, sha256Hex, type HmacKey } from "../shared/digest.js";
import { stringMemo } from "../shared/string-memo.js";

/** The seed used when none is given (`--seed` / `SCOREC_SEED`): fine for development, never for production. */
export const DEVELOPMENT_SEED = "scorec-development-seed";

/** Characters of derived passwords: [A-Za-z0-9]. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Default length of a derived password. */
export const DEFAULT_PASSWORD_LENGTH = 32;

/**
 * Derives a password from the seed and the parts: HMAC-SHA256(seed, parts joined by NUL, then a block counter),
 * mapped onto [A-Za-z0-9] with rejection sampling so every character is equally likely. Same seed and parts give the
 * same password; nothing is random and nothing is stored.
 */
export function derivePassword(seed: string | HmacKey, parts: readonly string[], length: number = DEFAULT_PASSWORD_LENGTH): string {
  const message = parts.join("\u0000");
  let out = "";
  for (let block = 0; out.length < length; block++) {
    const bytes = hmacSha256(seed, `${message}\u0000${block}`);
    for (const b of bytes) {
      // 248 = 4 * 62: bytes at or above it would favour the first characters.
      if (b >= 248) continue;
      out += ALPHABET[b % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * The first 8 hex characters of the SHA-256 of a string; remembered, since rules hash the same names (resource uids,
 * workload names) for every output that mentions them.
 */
export const hash8: (text: string) => string = stringMemo((text) => sha256Hex(text).slice(0, 8));

/**
 * A DNS-label-safe form of a string: lower case, every run of characters outside [a-z0-9] becomes "-", no leading
 * or trailing "-". Longer than 63 characters: the first 54 plus "-" and the hash8 of the whole input.
 */
export function slug(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (s.length <= 63) return s;
  return `${s.slice(0, 54).replace(/-+$/, "")}-${hash8(text)}`;
}
