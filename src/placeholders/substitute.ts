import { encodeValue, UnencodableValueError } from "./encode-value.js";
import { placeholderTokens, refParts } from "./lexer.js";
import { isSecret, textOf, type Interpolated, type PlaceholderResolver, type Segment } from "./types.js";
import { setOwn } from "../shared/own-property.js";

export { encodeValue } from "./encode-value.js";
export { metadataResolver } from "./map-lookup.js";

/** A placeholder that could not be substituted. */
export interface SubstituteProblem {
  code: "PLACEHOLDER_INVALID_REF" | "PLACEHOLDER_UNKNOWN_OUTPUT";
  message: string;
  hint?: string;
  /** offset of the `${` in the input */
  offset: number;
}

/**
 * Substitutes every `${...}` in a string with score-go's semantics: `$$` becomes `$`, `$${x}` the literal `${x}`,
 * `${ref}` the resolver's value (non-strings JSON-encoded, or the resolver's own pieces when it gives `segments`).
 * The result is final text: a substituted value that itself contains `${...}` is never expanded again. A reference
 * that fails keeps its raw text and is reported.
 */
export function substitute(
  input: string,
  resolver: PlaceholderResolver,
): { value: Interpolated; problems: SubstituteProblem[] } {
  const segments: Segment[] = [];
  const problems: SubstituteProblem[] = [];
  for (const token of placeholderTokens(input)) {
    if (token.kind !== "ref") {
      appendPlain(segments, token.text);
      continue;
    }
    const found = resolver.lookup(refParts(token.ref), token.ref);
    if (!found.ok) {
      problems.push({
        code: found.code,
        message: found.message,
        ...(found.hint !== undefined ? { hint: found.hint } : {}),
        offset: token.start,
      });
      appendPlain(segments, token.raw);
      continue;
    }
    let text: string;
    try {
      text = encodeValue(found.value);
    } catch (e) {
      if (!(e instanceof UnencodableValueError)) throw e;
      problems.push({
        code: "PLACEHOLDER_INVALID_REF",
        message: `invalid ref '${token.ref}': ${e.message}`,
        offset: token.start,
      });
      appendPlain(segments, token.raw);
      continue;
    }
    const pieces = (found as { segments?: readonly Piece[] }).segments;
    if (pieces) for (const piece of pieces) appendPiece(segments, piece);
    else if (found.secret) segments.push({ text, secret: true });
    else appendPlain(segments, text);
  }
  return { value: { segments }, problems };
}

// A resolver may spell a value as pieces (LookupResult.segments); `verbatim` pieces are target-native references
// that targets copy without escaping. Written structurally so this file does not depend on those optional fields.
type Piece = Segment & { verbatim?: boolean };

function appendPiece(segments: Segment[], piece: Piece): void {
  if (!piece.secret && !piece.verbatim) appendPlain(segments, piece.text);
  else segments.push({ ...piece });
}

function appendPlain(segments: Segment[], text: string): void {
  if (text === "") return;
  const last: Piece | undefined = segments[segments.length - 1];
  if (last && !last.secret && !last.verbatim) last.text += text;
  else segments.push({ text, secret: false });
}

/** A {@link SubstituteProblem} inside a nested value, with the keys and indexes leading to its string. */
export type DeepSubstituteProblem = SubstituteProblem & { path: (string | number)[] };

/**
 * Substitutes placeholders in every string of a nested value (maps and lists, as in resource params), returning a
 * copy whose strings are plain text. `secret` tells whether any secret value went in. Other scalars are kept.
 */
export function substituteDeep(
  value: unknown,
  resolver: PlaceholderResolver,
): { value: unknown; secret: boolean; problems: DeepSubstituteProblem[] } {
  const problems: DeepSubstituteProblem[] = [];
  let secret = false;
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (typeof v === "string") {
      const r = substitute(v, resolver);
      for (const p of r.problems) problems.push({ ...p, path });
      if (isSecret(r.value)) secret = true;
      return textOf(r.value);
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        setOwn(out, key, walk((v as Record<string, unknown>)[key], [...path, key]));
      }
      return out;
    }
    return v;
  };
  const result = walk(value, []);
  return { value: result, secret, problems };
}
