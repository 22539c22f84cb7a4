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

const PLACEHOLDER = /\$((?:\$?\{([^}]*)\})|\$)/g;

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
  const tokens: PlaceholderToken[] = [];
  let last = 0;
  for (const m of input.matchAll(PLACEHOLDER)) {
    const start = m.index;
    if (start > last) tokens.push({ kind: "text", text: input.slice(last, start), start: last });
    const raw = m[0];
    if (raw === "$$") tokens.push({ kind: "escape", text: "$", raw, start });
    else if (raw.startsWith("$${")) tokens.push({ kind: "escape", text: raw.slice(1), raw, start });
    else tokens.push({ kind: "ref", ref: m[2] ?? "", raw, start });
    last = start + raw.length;
  }
  if (last < input.length) tokens.push({ kind: "text", text: input.slice(last), start: last });
  return tokens;
}

/** True when the string contains at least one `${...}` reference (escapes do not count). */
export function hasPlaceholders(input: string): boolean {
  return input.includes("${") && lexPlaceholders(input).some((t) => t.kind === "ref");
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
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < ref.length; i++) {
    const ch = ref[i]!;
    if (ch === "\\" && ref[i + 1] === ".") {
      current += ".";
      i++;
    } else if (ch === ".") {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

// Part characters: score-go's [a-zA-Z0-9_-], plus "/" and escaped dots so that annotation keys such as
// my.org/version can be referenced (score-go's validator rejects those although its substitution supports them).
const REF_GRAMMAR = /^(?:[A-Za-z0-9_/-]|\\\.)+(?:\.(?:[A-Za-z0-9_/-]|\\\.)+)+$/;

/** True when a reference has at least two non-empty dot-separated parts made of allowed characters. */
export function isWellFormedRef(ref: string): boolean {
  return REF_GRAMMAR.test(ref);
}
