import type { Hover } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { splitRef } from "../placeholders/lexer.js";
import type { Analysis } from "./analysis.js";
import type { Build } from "./project.js";
import { explainResource, winnerOf } from "./resources.js";
import { placeholderAt, scoreOutline, type ResourceDecl } from "./yaml-context.js";

const SECRET = "<secret>";

/**
 * Hover in a Score file. On a resource: its uid and, per build, the winning rule (id, file:line) and the outputs it
 * gives there. On a placeholder: the value it resolves to in the first build. Secret values are never shown.
 */
export function hover(doc: TextDocument, path: string, offset: number, analysis: Analysis): Hover | null {
  const text = doc.getText();
  const outline = scoreOutline(text);
  const p = placeholderAt(text, offset);
  if (p && p.end >= 0) {
    const value = placeholderValue(analysis, path, outline.workload, p.ref);
    return {
      contents: { kind: "markdown", value: `\`\${${p.ref}}\` in **${analysis.firstBuild.environment}**: ${value}` },
      range: { start: doc.positionAt(p.start), end: doc.positionAt(p.end + 1) },
    };
  }
  const decl = outline.resources.find((r) => offset >= r.keyStart && offset <= r.keyEnd);
  if (!decl || outline.workload === undefined) return null;
  return {
    contents: { kind: "markdown", value: resourceHover(analysis, path, outline.workload, decl) },
    range: { start: doc.positionAt(decl.keyStart), end: doc.positionAt(decl.keyEnd) },
  };
}

function resourceHover(analysis: Analysis, path: string, workload: string, decl: ResourceDecl): string {
  const lines: string[] = [];
  for (const build of analysis.builds) {
    const explained = explainResource(analysis, build, workload, decl.name, analysis.ownSource(path));
    if (lines.length === 0) lines.push(`**${explained?.uid ?? `resource ${decl.name}`}**`);
    lines.push(
      "",
      `**${build.environment}** (${build.target}): ${ruleLine(analysis, build, path, workload, decl.name, explained)}`,
    );
  }
  return lines.join("\n");
}

function ruleLine(
  analysis: Analysis,
  build: Build,
  path: string,
  workload: string,
  name: string,
  explained: ReturnType<typeof explainResource>,
): string {
  if (!explained) return "not explained: fix the errors of the project first";
  if (explained.outcome === "ambiguous") return "ambiguous: several rules match equally (see the diagnostics)";
  if (explained.outcome === "no-match") return "no rule matches";
  const winner = winnerOf(analysis, build, explained);
  if (!winner) return "no rule matches";
  const head = `rule \`${winner.id}\` ${winner.builtin ? `(built-in, ${winner.location})` : `at ${winner.location}`}`;
  const resource = analysis
    .appFor(build, path)
    ?.resources.find((r) => r.declaredBy.some((d) => d.workload === workload && d.name === name));
  if (!resource) return `${head}; outputs not evaluated while the file has errors`;
  const outputs = [
    ...Object.entries(resource.outputs).map(([k, v]) => `\`${k}\`: \`${display(v)}\``),
    ...Object.keys(resource.secrets).map((k) => `\`${k}\`: ${SECRET}`),
  ];
  return outputs.length > 0 ? `${head}\n- ${outputs.join("\n- ")}` : head;
}

/** What `${ref}` resolves to in the workload, in the first build; secrets masked. */
function placeholderValue(analysis: Analysis, path: string, workload: string | undefined, ref: string): string {
  const app = analysis.appFor(analysis.firstBuild, path);
  const w = app?.workloads.find((x) => x.name === workload);
  if (!app || !w) return "not resolved while the file has errors";
  const parts = splitRef(ref);
  if (parts[0] === "metadata") {
    const v = walk(w.spec.metadata, parts.slice(1));
    return v === undefined ? "no such metadata" : `\`${display(v)}\``;
  }
  if (parts[0] === "resources" && parts.length >= 3) {
    const uid = w.resourceUids[parts[1]!];
    const r = app.resources.find((x) => x.uid === uid);
    if (!r) return "no such resource";
    if (Object.hasOwn(r.secrets, parts[2]!)) return `${SECRET} (output \`${parts[2]}\` of \`${r.rule.id}\`)`;
    const v = walk(r.outputs, parts.slice(2));
    return v === undefined
      ? `no output \`${parts[2]}\` in \`${r.rule.id}\``
      : `\`${display(v)}\` (from \`${r.rule.id}\`)`;
  }
  return "not a reference scorec resolves";
}

function walk(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const p of path) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

function display(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}
