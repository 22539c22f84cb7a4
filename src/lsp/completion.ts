import { CompletionItemKind, type CompletionItem } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { splitRef } from "../placeholders/lexer.js";
import { builtinRules } from "../rules/defaults/index.js";
import type { RulesTable } from "../rules/types.js";
import type { Analysis } from "./analysis.js";
import { explainResource, outputNames, winnerOf } from "./resources.js";
import { schemaKeysAt } from "./score-schema.js";
import { keyContextAt, placeholderAt, scoreOutline, type PlaceholderAtCursor } from "./yaml-context.js";

/**
 * Completion in a Score file: inside `${...}` the namespaces, `metadata.` keys, `resources.` names and, after
 * `resources.NAME.`, the outputs of the rule that wins for NAME in the first build; after a resource's `type:` the
 * types the rules tables and the built-in defaults serve; elsewhere the keys the Score schema allows there.
 */
export function complete(doc: TextDocument, path: string, offset: number, analysis: Analysis): CompletionItem[] {
  const text = doc.getText();
  const placeholder = placeholderAt(text, offset);
  if (placeholder) return completePlaceholder(doc, path, offset, placeholder, analysis);
  const ctx = keyContextAt(text, offset);
  const range = { start: doc.positionAt(ctx.prefixStart), end: doc.positionAt(offset) };
  if (ctx.key === "type" && ctx.path.length === 2 && ctx.path[0] === "resources") {
    return resourceTypes(analysis).map(({ type, from }) => ({
      label: type,
      kind: CompletionItemKind.Value,
      detail: from,
      textEdit: { range, newText: type },
    }));
  }
  if (ctx.key !== undefined) return [];
  return schemaKeysAt(ctx.path).map((k) => ({
    label: k.key,
    kind: CompletionItemKind.Property,
    ...(k.description ? { documentation: k.description } : {}),
    textEdit: { range, newText: `${k.key}: ` },
  }));
}

function completePlaceholder(
  doc: TextDocument,
  path: string,
  offset: number,
  p: PlaceholderAtCursor,
  analysis: Analysis,
): CompletionItem[] {
  const parts = splitRef(p.typed);
  const last = parts[parts.length - 1] ?? "";
  const range = { start: doc.positionAt(offset - last.length), end: doc.positionAt(offset) };
  const item = (label: string, kind: CompletionItemKind, detail?: string): CompletionItem => ({
    label,
    kind,
    ...(detail ? { detail } : {}),
    textEdit: { range, newText: label },
  });
  if (parts.length === 1)
    return [
      item("metadata", CompletionItemKind.Module, "the workload's metadata"),
      item("resources", CompletionItemKind.Module, "the workload's resources"),
    ];
  const outline = scoreOutline(doc.getText());
  if (parts[0] === "metadata") {
    let node: unknown = outline.metadata;
    for (const key of parts.slice(1, -1)) node = isRecord(node) ? node[key] : undefined;
    return isRecord(node)
      ? Object.keys(node).map((k) => item(k.includes(".") ? k.replace(/\./g, "\\.") : k, CompletionItemKind.Field))
      : [];
  }
  if (parts[0] !== "resources") return [];
  if (parts.length === 2) return outline.resources.map((r) => item(r.name, CompletionItemKind.Variable, r.type));
  if (parts.length !== 3 || outline.workload === undefined) return [];
  const build = analysis.firstBuild;
  // The document with this placeholder blanked: what is being typed must not stop the file from loading.
  const blanked = { path: analysis.rel(path), text: blank(doc.getText(), p) };
  const explained = explainResource(analysis, build, outline.workload, parts[1]!, blanked);
  const winner = winnerOf(analysis, build, explained);
  const from = winner ? `${winner.id} (${build.environment})` : undefined;
  return outputNames(winner?.rule).map((o) =>
    item(
      o.name,
      o.secret ? CompletionItemKind.Constant : CompletionItemKind.Field,
      from ? `${o.secret ? "secret output of " : "output of "}${from}` : undefined,
    ),
  );
}

/** Every resource type a rule of the project or a built-in default of the first build's target serves. */
function resourceTypes(analysis: Analysis): { type: string; from: string }[] {
  const out = new Map<string, string>();
  const add = (table: RulesTable | undefined, from: (file: string) => string) => {
    for (const rule of table?.rules ?? [])
      for (const type of rule.match.type) if (!out.has(type)) out.set(type, from(rule.origin.file));
  };
  add(analysis.table, (file) => file);
  add(builtinRules(analysis.firstBuild.target).table, () => "built-in");
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([type, from]) => ({ type, from }));
}

function blank(text: string, p: PlaceholderAtCursor): string {
  const end = p.end >= 0 ? p.end + 1 : p.refStart + p.ref.length;
  // A plain word keeps the value a string (an empty one would turn `KEY: ${...}` into null); offsets stay the same.
  return text.slice(0, p.start) + "x".padEnd(end - p.start) + text.slice(end);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
