import type { Location } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { splitRef } from "../placeholders/lexer.js";
import type { Analysis } from "./analysis.js";
import { explainResource, winnerOf } from "./resources.js";
import { lspRange, snapshot } from "./to-lsp.js";
import type { Workspace } from "./workspace.js";
import { placeholderAt, scoreOutline } from "./yaml-context.js";

/**
 * Go to definition in a Score file: from a placeholder to the resource (or metadata key) it names in the same file;
 * from a resource's name to the rule that wins for it in the first build. Built-in rules are compiled into scorec
 * and have no file in an installed package, so they have no definition (the hover names them).
 */
export function definition(
  doc: TextDocument,
  path: string,
  offset: number,
  analysis: Analysis,
  workspace: Workspace,
): Location | null {
  const text = doc.getText();
  const outline = scoreOutline(text);
  const p = placeholderAt(text, offset);
  if (p) {
    const parts = splitRef(p.ref);
    const span =
      parts[0] === "resources"
        ? outline.resources.find((r) => r.name === parts[1])
        : parts[0] === "metadata"
          ? outline.metadataKeys.get(parts[1] ?? "")
          : undefined;
    if (!span) return null;
    const [start, end] = "keyStart" in span ? [span.keyStart, span.keyEnd] : [span.start, span.end];
    return { uri: doc.uri, range: { start: doc.positionAt(start), end: doc.positionAt(end) } };
  }
  const decl = outline.resources.find((r) => offset >= r.keyStart && offset <= r.keyEnd);
  if (!decl || outline.workload === undefined) return null;
  const build = analysis.firstBuild;
  const winner = winnerOf(
    analysis,
    build,
    explainResource(analysis, build, outline.workload, decl.name, analysis.ownSource(path)),
  );
  if (!winner?.rule || winner.builtin) return null;
  const at = winner.rule.origin.locate([], "value");
  if (!at.file) return null;
  const rulesFile = analysis.abs(at.file);
  const uri = workspace.uriFor(rulesFile);
  const target = workspace.document(rulesFile) ?? snapshot(uri, workspace.text(rulesFile) ?? "");
  return { uri, range: lspRange(target, at.range) };
}
