/**
 * Quoting for the contexts rules write values into: SQL (PostgreSQL with standard_conforming_strings, the default
 * since 9.1; MySQL/MariaDB without NO_BACKSLASH_ESCAPES, their default) and POSIX shell words. Each quoter returns text
 * that the context reads back as exactly the value, or refuses what the context cannot hold (NUL bytes).
 */

export const SQL_DIALECTS = ["postgres", "mysql"] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

type Quoted = string | { error: string };

const MYSQL_ESCAPES: Readonly<Record<string, string>> = { "\n": "n", "\r": "r", "\x1a": "Z" };

const NUL_ERROR = { error: "the value contains a NUL character, which SQL strings and shell words cannot hold" };

/**
 * A string literal: '...' with quotes doubled. MySQL reads `\` as an escape, and its client drops a carriage return
 * before a line feed even inside quotes, so for MySQL the escapes of mysql_real_escape_string are used instead.
 */
export function quoteSqlLiteral(value: string, dialect: SqlDialect): Quoted {
  if (value.includes("\0")) return NUL_ERROR;
  if (dialect === "mysql") return "'" + value.replace(/[\\'"\n\r\x1a]/g, (c) => "\\" + (MYSQL_ESCAPES[c] ?? c)) + "'";
  return "'" + value.replaceAll("'", "''") + "'";
}


/** A quoted identifier: "..." (PostgreSQL) or `...` (MySQL) with the quote character doubled. */
export function quoteSqlIdentifier(value: string, dialect: SqlDialect): Quoted {
  if (value.includes("\0")) return NUL_ERROR;
  if (value === "") return { error: "an SQL identifier cannot be empty" };
  if (dialect === "mysql" && value.includes("\r")) return { error: "a MySQL identifier cannot hold a carriage return (the mysql client drops it)" };
  const q = dialect === "mysql" ? "`" : '"';
  return q + value.replaceAll(q, q + q) + q;
}

/**
 * A LIKE pattern that matches exactly the value: `\`, `%` and `_` escaped with `\` (the default escape character of
 * PostgreSQL and MySQL LIKE). MySQL's GRANT ... ON `db`.* reads database names as such patterns.
 */
export function escapeLikePattern(value: string): Quoted {
  if (value.includes("\0")) return NUL_ERROR;
  return value.replace(/[\\%_]/g, (c) => "\\" + c);
}

/** One POSIX shell word: '...' with each ' written as '\'' (nothing is special inside single quotes). */
export function quoteShellWord(value: string): Quoted {
  if (value.includes("\0")) return NUL_ERROR;
  return "'" + value.replaceAll("'", "'\\''") + "'";
}
