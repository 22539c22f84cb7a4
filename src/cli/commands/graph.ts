import type { Argv } from "yargs";
import { compileWith } from "../../api/pipeline.js";
import { sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { renderGraph, type GraphSyntax } from "../../graph/render-graph.js";
import { ExitCode, type CliIO } from "../io.js";
import { loadEmitter } from "../load-emitter.js";
import type { ParsedArgs } from "../main.js";
import { reportDiagnostics } from "../report.js";
import { shownDiagnostics } from "../secrets-output.js";
import { compileOptions, readCompileInput } from "./compile.js";

/** Registers `scorec graph [files...]`. */
export function registerGraph(y: Argv): Argv {
  return y.command("graph [files..]", "Print the resolved graph (workloads → resources → winning rules → dependencies) as Mermaid or Graphviz DOT", (c) =>
    compileOptions(c).option("syntax", { choices: ["mermaid", "dot"] as const, default: "mermaid", requiresArg: true, describe: "Diagram language" }),
  );
}

const GRAPH_ONLY_SEED = "scorec-graph-only";

/** Runs `scorec graph`: resolves like compile (writing nothing) and prints the diagram on stdout. */
export async function graphCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  const { input, diagnostics: early, texts } = readCompileInput(args, io);
  // A graph shows no secret value, so it needs no seed: without one, values are derived with a throwaway seed that
  // never leaves this process, and the development-seed warning (about secrets in an output) does not apply.
  input.seed ??= GRAPH_ONLY_SEED;
  const result = early.some((d) => d.severity === "error") ? { files: [], diagnostics: [], secrets: [] } : compileWith(input, await loadEmitter(input.target ?? "compose"));
  const diagnostics = shownDiagnostics(sortDiagnostics([...early, ...result.diagnostics]), result.secrets).filter((d) => d.code !== "RULES_DEFAULT_SEED");
  const code = reportDiagnostics(io, args, diagnostics, texts);
  if (code !== ExitCode.OK || !("app" in result) || !result.app) return ExitCode.INVALID;
  io.stdout(renderGraph(result.app, (args.syntax === "dot" ? "dot" : "mermaid") as GraphSyntax));
  return ExitCode.OK;
}
