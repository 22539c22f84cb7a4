import { error, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import { lineCounterOf } from "../shared/line-counter.js";
import { DEFAULT_LOAD_LIMITS } from "./source.js";
import { fileStart } from "./yaml-document.js";

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
export function decodeSource(
  path: string,
  bytes: Uint8Array,
  maxBytes: number = DEFAULT_LOAD_LIMITS.maxFileSize,
): DecodeResult {
  if (bytes.length > maxBytes) {
    // The reader may stop at maxBytes + 1 (a stream such as /dev/zero has no end), so the size is a lower bound.
    return fail("LOAD_FILE_TOO_LARGE", `file is larger than the limit of ${maxBytes} bytes`, fileStart(path));
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) {
    return fail("LOAD_INVALID_ENCODING", "file is UTF-32 encoded; save it as UTF-8", fileStart(path));
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return fail("LOAD_INVALID_ENCODING", "file is UTF-16 encoded; save it as UTF-8", fileStart(path));
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    // ASCII text saved as UTF-16 without a BOM has a NUL beside every character.
    const utf16 = (bytes[0] === 0 || bytes[1] === 0) && bytes.length % 2 === 0;
    const message = utf16
      ? "file looks UTF-16 encoded (NUL bytes between characters); save it as UTF-8"
      : "file contains a NUL byte; text files cannot";
    return fail("LOAD_INVALID_ENCODING", message, at(path, bytes, utf16 ? 0 : nul));
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const bad = firstBadByte(bytes);
    return fail(
      "LOAD_INVALID_ENCODING",
      `file is not valid UTF-8 (first bad byte at offset ${bad})`,
      at(path, bytes, bad),
    );
  }
}

function fail(
  code: "LOAD_FILE_TOO_LARGE" | "LOAD_INVALID_ENCODING",
  message: string,
  location: Location,
): DecodeResult {
  return { ok: false, diagnostic: error(code, message, location) };
}

// The line and column (in characters) of byte `offset`, whose prefix is valid UTF-8.
function at(path: string, bytes: Uint8Array, offset: number): Location {
  const prefix = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes.subarray(0, offset));
  const position = { ...lineCounterOf(prefix).linePos(prefix.length), offset: prefix.length };
  return { file: path, range: { start: position, end: position } };
}

function firstBadByte(bytes: Uint8Array): number {
  const valid = (end: number, stream: boolean): boolean => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // Binary search for the shortest failing prefix; streaming lets a prefix end inside a well-formed sequence.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (valid(mid + 1, true)) lo = mid + 1;
    else hi = mid;
  }
  // The error shows at byte `lo`; the bad sequence starts at the end of the last complete character before it.
  let start = lo;
  while (start > 0 && lo - start < 4 && !valid(start, false)) start--;
  return start;
}
