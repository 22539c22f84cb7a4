import type { Diagnostic, RelatedLocation } from "./diagnostic.js";

/** The output styles of {@link formatDiagnostics}. */
export type DiagnosticFormat = "text" | "json" | "github";

/** Options for {@link formatDiagnostics}. */
export interface FormatOptions {
  format: DiagnosticFormat;
  /** Source texts by path; when given (text format), each located diagnostic gets a code frame. */
  sources?: ReadonlyMap<string, string>;
  /** Wrap severities in ANSI colours (text format). */
  color?: boolean;
}

/**
 * Renders diagnostics as `file:line:col: severity CODE: message` lines (text), one JSON document (json), or
 * GitHub workflow annotation commands (github). Pure: returns the text, prints nothing.
 *
 * @example
 * ```ts
 * const { diagnostics } = validate({ sources });
 * process.stderr.write(formatDiagnostics(diagnostics, { format: "github" }));
 * ```
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  switch (options.format) {
    case "json":
      return JSON.stringify({ diagnostics: diagnostics.map(diagnosticToJson) }, null, 2) + "\n";
    case "github":
      return diagnostics.map(githubLine).join("");
    default: {
      // Diagnostics come many per file: each text is split into lines once per call (per frame was quadratic).
      const split = new Map<string, string[]>();
      const linesOf = (text: string) => split.get(text) ?? split.set(text, text.split(/\r?\n/)).get(text)!;
      return diagnostics.map((d) => textBlock(d, options, linesOf)).join("");
    }
  }
}

/** A secondary location as one line: `from rule "x" at rules.yaml:12:7`. */
export function relatedText(r: RelatedLocation): string {
  const where = r.file ? (r.range ? `${r.file}:${r.range.start.line}:${r.range.start.col}` : r.file) : "";
  return where ? `${r.message} at ${where}` : r.message;
}

/** The location prefix of a diagnostic: `file:line:col`, `file`, or nothing. */
export function locationPrefix(d: Diagnostic): string {
  if (!d.file) return "";
  if (!d.range) return d.file;
  return `${d.file}:${d.range.start.line}:${d.range.start.col}`;
}

function textBlock(d: Diagnostic, options: FormatOptions, linesOf: (text: string) => readonly string[]): string {
  const where = locationPrefix(d);
  const sev = options.color ? colour(d.severity) : d.severity;
  let out = `${where ? where + ": " : ""}${sev} ${d.code}: ${d.message}\n`;
  const text = d.file ? options.sources?.get(d.file) : undefined;
  if (text !== undefined && d.range)
    out += frame(
      linesOf(text),
      d.range.start.line,
      d.range.start.col,
      d.range.end.line === d.range.start.line ? d.range.end.col : undefined,
    );
  for (const r of d.related ?? []) out += `  ${relatedText(r)}\n`;
  if (d.hint) out += `  hint: ${d.hint}\n`;
  return out;
}

function colour(severity: Diagnostic["severity"]): string {
  const code = severity === "error" ? 31 : severity === "warning" ? 33 : 36;
  return `\u001b[${code}m${severity}\u001b[39m`;
}

/** A two-line excerpt of the source with a caret under the reported column. */
export function codeFrame(text: string, line: number, col: number, endCol?: number): string {
  return frame(text.split(/\r?\n/), line, col, endCol);
}

function frame(lines: readonly string[], line: number, col: number, endCol?: number): string {
  const src = lines[line - 1];
  if (src === undefined) return "";
  const gutter = String(line).length;
  const width = Math.max(1, (endCol ?? col + 1) - col);
  const shown = src.length > 160 ? src.slice(0, 160) + "…" : src;
  return `  ${String(line).padStart(gutter)} | ${shown}\n  ${" ".repeat(gutter)} | ${" ".repeat(Math.max(0, col - 1))}${"^".repeat(Math.min(width, 80))}\n`;
}

/**
 * The JSON shape of one diagnostic, as printed by `--format json`: code, severity, message, file, line, column,
 * endLine, endColumn, pointer, hint, related (each `{message, file, line, column}`).
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(compile({ sources }).diagnostics.map(diagnosticToJson)));
 * ```
 */
export function diagnosticToJson(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = { code: d.code, severity: d.severity, message: d.message };
  if (d.file) out.file = d.file;
  if (d.range) {
    out.line = d.range.start.line;
    out.column = d.range.start.col;
    out.endLine = d.range.end.line;
    out.endColumn = d.range.end.col;
  }
  if (d.pointer !== undefined) out.pointer = d.pointer;
  if (d.hint) out.hint = d.hint;
  if (d.related && d.related.length > 0) {
    out.related = d.related.map((r) => ({
      message: r.message,
      ...(r.file ? { file: r.file } : {}),
      ...(r.range ? { line: r.range.start.line, column: r.range.start.col } : {}),
    }));
  }
  return out;
}

function githubLine(d: Diagnostic): string {
  const kind = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "notice";
  const props: string[] = [];
  if (d.file) props.push(`file=${escapeProperty(d.file)}`);
  if (d.range) {
    props.push(`line=${d.range.start.line}`, `col=${d.range.start.col}`);
    props.push(`endLine=${d.range.end.line}`, `endColumn=${d.range.end.col}`);
  }
  props.push(`title=${escapeProperty(d.code)}`);
  const withRelated = [d.message, ...(d.related ?? []).map(relatedText)].join("; ");
  const message = d.hint ? `${withRelated} (hint: ${d.hint})` : withRelated;
  return `::${kind} ${props.join(",")}::${escapeData(message)}\n`;
}

// Escaping rules of the GitHub Actions workflow command syntax.
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
