import fc from "fast-check";

/** Values that break naive splicing into SQL, shell and config files: quotes, `$`, backslashes, newlines, `;`, unicode. */
export const HOSTILE_VALUES: readonly string[] = [
  "",
  "plain",
  "it's",
  "'; DROP TABLE t; --",
  '"double" quotes',
  "`back`ticks`",
  "$HOME ${HOME} $(id) $$ $",
  "back\\slash \\\\ \\' \\n",
  "new\nline\r\n\ttab",
  "semi;colon & pipe | < > * ? [a] ~",
  ":var :'var' :\"var\" \\gexec",
  "-leading-dash",
  "under_score 100% like",
  "unicode é ß 日本 🦀 \u2028",
  "'",
  "''",
  "\\",
];

const special = fc.constantFrom(
  "'",
  '"',
  "`",
  "$",
  "\\",
  "\n",
  "\r",
  "\t",
  ";",
  " ",
  "(",
  ")",
  "{",
  "}",
  ":",
  "-",
  "#",
  "%",
  "é",
  "日",
  "🦀",
);

/** Arbitrary text without NUL (no SQL string or shell word can hold one), weighted towards special characters. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(fc.oneof(special, fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 })), { maxLength: 24 })
  .map((parts) => parts.join("").replaceAll("\0", ""));
