import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range as LspRange } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic, Range } from "../diagnostics/diagnostic.js";

/** The LSP range of a library range in a text: from the character offsets, so UTF-16 columns are exact. */
export function lspRange(doc: TextDocument, range: Range | undefined): LspRange {
  if (!range) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: doc.positionAt(range.start.offset), end: doc.positionAt(range.end.offset) };
}

/** A library diagnostic as the editor shows it: the CLI's code and message, the hint on a second line. */
export function lspDiagnostic(doc: TextDocument, d: Diagnostic): LspDiagnostic {
  return {
    range: lspRange(doc, d.range),
    severity:
      d.severity === "error"
        ? DiagnosticSeverity.Error
        : d.severity === "warning"
          ? DiagnosticSeverity.Warning
          : DiagnosticSeverity.Information,
    code: d.code,
    source: "scorec",
    message: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message,
  };
}

/** A text as a document, for positions in files that are not open in the editor. */
export function snapshot(uri: string, text: string): TextDocument {
  return TextDocument.create(uri, "yaml", 0, text);
}
