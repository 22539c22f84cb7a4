import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { DEFAULT_LOAD_LIMITS } from "./source.js";

/** The result of decoding raw bytes into text. */
export type DecodeResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * Decodes file bytes as strict UTF-8 (a BOM is dropped). UTF-16 and invalid UTF-8 are rejected with a
 * diagnostic rather than guessed at, so a stray encoding never turns into silently mangled names.
 *
 * @example
 * ```ts
 * const decoded = decodeSource("score.yaml", readFileSync("score.yaml"));
 * if (decoded.ok) validate({ sources: [{ path: "score.yaml", text: decoded.text }] });
 * ```
 */
export function decodeSource(path: string, bytes: Uint8Array, maxBytes: number = DEFAULT_LOAD_LIMITS.maxFileSize): DecodeResult {
  if (bytes.length > maxBytes) {
    return fail(path, "LOAD_FILE_TOO_LARGE", `file is ${bytes.length} bytes; the limit is ${maxBytes} bytes`);
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return fail(path, "LOAD_INVALID_ENCODING", "file is UTF-16 encoded; save it as UTF-8");
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return fail(path, "LOAD_INVALID_ENCODING", `file is not valid UTF-8 (first bad byte at offset ${firstBadByte(bytes)})`);
  }
}

function fail(path: string, code: "LOAD_FILE_TOO_LARGE" | "LOAD_INVALID_ENCODING", message: string): DecodeResult {
  return { ok: false, diagnostic: error(code, message, { file: path }) };
}

function firstBadByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest failing prefix; a prefix ending mid-sequence also fails, which is fine for a hint.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1));
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
