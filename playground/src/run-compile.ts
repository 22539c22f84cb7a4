import {
  compile,
  explain,
  explainText,
  loadRules,
  maskDiagnostics,
  maskSecrets,
  renderGraph,
  type Diagnostic,
  type SourceFile,
  type TargetName,
} from "scorec";
import { scoreSources } from "./score-documents.js";

/** What the page shows: both editors' texts, the environment and the target (all of it lives in the URL). */
export interface PlaygroundState {
  score: string;
  rules: string;
  env: string;
  target: TargetName;
}

export const TARGETS: readonly TargetName[] = ["compose", "kubernetes", "helm"];

/** The path the rules editor's text is compiled under. */
export const RULES_PATH = "rules.yaml";

/** One compile as the panes show it. Texts are masked unless asked otherwise. */
export interface CompileView {
  /** The artifact text (several files are joined under a `# path` line each); undefined when errors left none. */
  output?: string;
  /** Every diagnostic of the compile, sorted, except the development-seed warning that the page's banner states. */
  diagnostics: Diagnostic[];
  /** Explain text, or undefined when the inputs do not load. */
  explain?: string;
  /** The Mermaid graph of the resolved app, when it resolved. */
  mermaid?: string;
  /** The environments the rules table declares plus `local`; undefined while the table does not load. */
  environments?: string[];
  /** How many distinct secret values the output holds (masked or not). */
  secretCount: number;
}

/**
 * Compiles the playground's state with the public library API: the artifact, the explain report and the graph for
 * one environment and target, with the built-in default rules under the rules editor's table.
 */
export function runCompile(state: PlaygroundState, options: { mask: boolean }): CompileView {
  const sources = scoreSources(state.score);
  const rules: SourceFile[] = state.rules.trim() === "" ? [] : [{ path: RULES_PATH, text: state.rules }];
  const request = { sources, rules, environment: state.env, target: state.target };
  const result = compile(request);
  const secrets = result.secrets;
  const mask = options.mask ? (text: string) => maskSecrets(text, secrets) : (text: string) => text;
  const diagnostics = result.diagnostics.filter((d) => d.code !== "RULES_DEFAULT_SEED");
  const view: CompileView = {
    diagnostics: options.mask ? maskDiagnostics(diagnostics, secrets) : diagnostics,
    secretCount: secrets.length,
  };
  if (result.files.length > 0) view.output = mask(joinFiles(result.files));
  const report = explain(request).report;
  if (report) view.explain = mask(explainText(report));
  if (result.app) view.mermaid = mask(renderGraph(result.app, "mermaid"));
  const table = rules.length === 0 ? { table: { environments: {} } } : loadRules(rules);
  if (table.table) view.environments = [...new Set([...Object.keys(table.table.environments), "local"])].sort();
  return view;
}

function joinFiles(files: readonly { path: string; text: string }[]): string {
  if (files.length === 1) return files[0]!.text;
  return files.map((f) => `# ${f.path}\n${f.text}`).join("\n");
}
