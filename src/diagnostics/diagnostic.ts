import type { DiagnosticCode } from "./codes.js";

/** How serious a diagnostic is. Only errors fail a compile. */
export type Severity = "error" | "warning" | "info";

/** A 1-based line and column, plus the 0-based character offset they came from. */
export interface Position {
  line: number;
  col: number;
  offset: number;
}

/** The span of source text a diagnostic points at. */
export interface Range {
  start: Position;
  end: Position;
}

/**
 * A problem found in the input, as data. Every stage returns these instead of throwing or printing;
 * the CLI formats them. `file` and `range` are set whenever the problem comes from an input file.
 */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  file?: string;
  range?: Range;
  /** JSON pointer of the offending value inside the input document, when it has one. */
  pointer?: string;
  /** A suggestion for fixing the problem. */
  hint?: string;
  /** Other places that explain the problem, e.g. the rule line an error at a Score resource comes from. */
  related?: RelatedLocation[];
}

/** A secondary location of a diagnostic: what it is (`from rule "x"`) and where. */
export interface RelatedLocation {
  message: string;
  file?: string;
  range?: Range;
}

/** A second location of a diagnostic (e.g. the rule or policy behind it), printed as `message at FILE:LINE:COL`. */
export function related(message: string, at: Location): RelatedLocation {
  return { message, ...(at.file !== undefined ? { file: at.file } : {}), ...(at.range ? { range: at.range } : {}) };
}

/** Where a diagnostic points: a file and, when known, a range inside it. */
export interface Location {
  file?: string;
  range?: Range;
  pointer?: string;
}

/** Builds an error diagnostic. */
export function error(code: DiagnosticCode, message: string, at?: Location, hint?: string): Diagnostic {
  return make("error", code, message, at, hint);
}

/** Builds a warning diagnostic. */
export function warning(code: DiagnosticCode, message: string, at?: Location, hint?: string): Diagnostic {
  return make("warning", code, message, at, hint);
}

/** Builds an info diagnostic: something to know, never a problem. */
export function info(code: DiagnosticCode, message: string, at?: Location, hint?: string): Diagnostic {
  return make("info", code, message, at, hint);
}

// Control, format (zero-width, bidi), separator and private-use characters, and every space but " ": a name that
// holds one looks right when printed raw ("API\u200BKEY" shows as "APIKEY"), so messages show their code point.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;

/** Writes invisible characters as `\uXXXX` (`\u{XXXXX}` beyond the BMP) so a message shows what is really there. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const cp = c.codePointAt(0)!;
    return cp > 0xffff
      ? `\\u{${cp.toString(16).toUpperCase()}}`
      : `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  });
}

function make(severity: Severity, code: DiagnosticCode, rawMessage: string, at?: Location, hint?: string): Diagnostic {
  const message = showInvisible(rawMessage);
  const d: Diagnostic = { code, severity, message };
  if (at?.file !== undefined) d.file = at.file;
  if (at?.range !== undefined) d.range = at.range;
  if (at?.pointer !== undefined) d.pointer = at.pointer;
  // A hint may show a multi-line example; its lines stay lines.
  if (hint !== undefined) d.hint = hint.split("\n").map(showInvisible).join("\n");
  return d;
}

/**
 * True when any diagnostic is an error (warnings alone never fail a compile).
 *
 * @example
 * ```ts
 * if (hasErrors(compile({ sources }).diagnostics)) process.exitCode = 1;
 * ```
 */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * Orders diagnostics by file, then position, then code, so output never depends on discovery order, and drops
 * exact duplicates (an overrides-file problem is found once per Score file it is applied to).
 *
 * @example
 * ```ts
 * const all = sortDiagnostics([...validate({ sources }).diagnostics, ...checkRules(rules).diagnostics]);
 * ```
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = JSON.stringify([
      d.code,
      d.severity,
      d.message,
      d.file,
      d.range?.start.offset,
      d.range?.end.offset,
      d.pointer,
      d.hint,
      d.related,
    ]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      cmp(a.file ?? "", b.file ?? "") ||
      (a.range?.start.offset ?? -1) - (b.range?.start.offset ?? -1) ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Thrown only by callers who prefer exceptions; carries the diagnostics (like ajv's ValidationError). */
export class CompileError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const first = diagnostics.find((d) => d.severity === "error") ?? diagnostics[0];
    super(first ? `${first.code}: ${first.message}` : "compile failed");
    this.name = "CompileError";
    this.diagnostics = diagnostics;
  }
}
