import { splitEscaped } from "../shared/split-escaped.js";
import { stringMemo } from "../shared/string-memo.js";

/**
 * Lexing of Score placeholders, exactly as score-go's `framework/substitution.go` does it with the regex
 * `\$((?:\$?{([^}]*)})|\$)`, scanned left to right without overlap:
 * `$$` is an escaped `$`, `$${x}` is the literal text `${x}`, `${x}` is a reference to `x` (everything up to the
 * first `}`), and a `$` followed by anything else is plain text.
 */
export type PlaceholderToken =
  | { kind: "text"; text: string; start: number }
  /** `$$` (literal `$`) or `$${...}` (literal `${...}`); `raw` is the source text, `text` what it stands for. */
  | { kind: "escape"; text: string; raw: string; start: number }
  | { kind: "ref"; ref: string; raw: string; start: number };

/**
 * Splits a string into text, escapes and references. Concatenating every token's raw text gives the input back.
 *
 * @example
 * ```ts
 * lexPlaceholders("postgres://${resources.db.host}:$$5432");
 * // → text "postgres://", ref "resources.db.host", text ":", escape "$" (raw "$$"), text "5432"
 * ```
 */
export function lexPlaceholders(input: string): PlaceholderToken[] {
  return placeholderTokens(input).map((t) => ({ ...t }));
}

/**
 * {@link lexPlaceholders} for scorec's own passes, which only read the tokens: remembered per string, since the
 * validator, the resource scan and substitution each lex every value, and values repeat across workloads.
 */
export const placeholderTokens: (input: string) => readonly PlaceholderToken[] = stringMemo((input) => lex(input));

function lex(input: string): PlaceholderToken[] {
  // A hand-written scan with the regex's exact outcome: the regex looks for a `}` afresh from every `${`, which is
  // quadratic on a value such as "${${${..." (docs/performance.md). Here each `}` is searched for once.
  const tokens: PlaceholderToken[] = [];
  let last = 0;
  let close = -1; // the first "}" at or after the last search start, or input.length when there is none
  const closingFrom = (from: number): number => {
    if (close < from) {
      close = input.indexOf("}", from);
      if (close < 0) close = input.length;
    }
    return close < input.length ? close : -1;
  };
  let i = input.indexOf("$");
  while (i >= 0) {
    const next = input[i + 1];
    let token: Exclude<PlaceholderToken, { kind: "text" }> | undefined;
    if (next === "{" || (next === "$" && input[i + 2] === "{")) {
      const open = next === "{" ? i + 1 : i + 2;
      const end = closingFrom(open + 1);
      if (end >= 0) {
        const raw = input.slice(i, end + 1);
        token =
          next === "{"
            ? { kind: "ref", ref: input.slice(open + 1, end), raw, start: i }
            : { kind: "escape", text: raw.slice(1), raw, start: i };
      }
    }
    if (!token && next === "$") token = { kind: "escape", text: "$", raw: "$$", start: i };
    if (!token) {
      i = input.indexOf("$", i + 1);
      continue;
    }
    if (i > last) tokens.push({ kind: "text", text: input.slice(last, i), start: last });
    tokens.push(token);
    last = i + token.raw.length;
    i = input.indexOf("$", last);
  }
  if (last < input.length) tokens.push({ kind: "text", text: input.slice(last), start: last });
  return tokens;
}

/** True when the string contains at least one `${...}` reference (escapes do not count). */
export function hasPlaceholders(input: string): boolean {
  return input.includes("${") && placeholderTokens(input).some((t) => t.kind === "ref");
}

/**
 * Splits a reference on `.`, where `\.` stands for a literal dot inside a part (score-go SplitRefParts).
 *
 * @example
 * ```ts
 * splitRef("metadata.annotations.my\\.org/team"); // → ["metadata", "annotations", "my.org/team"]
 * ```
 */
export function splitRef(ref: string): string[] {
  return splitEscaped(ref, ".");
}

/** {@link splitRef} for scorec's own passes, remembered per reference as {@link placeholderTokens} is. */
export const refParts: (ref: string) => readonly string[] = stringMemo((ref) => splitRef(ref));

// Part characters: score-go's [a-zA-Z0-9_-], plus "/" and escaped dots so that annotation keys such as
// my.org/version can be referenced (score-go's validator rejects those although its substitution supports them).
const REF_GRAMMAR = /^(?:[A-Za-z0-9_/-]|\\\.)+(?:\.(?:[A-Za-z0-9_/-]|\\\.)+)+$/;

/** True when a reference has at least two non-empty dot-separated parts made of allowed characters. */
export function isWellFormedRef(ref: string): boolean {
  return REF_GRAMMAR.test(ref);
}
