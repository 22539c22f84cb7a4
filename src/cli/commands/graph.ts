import { sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { renderGraph } from "../../graph/render-graph.js";
import { ExitCode } from "../../node/io.js";
import type { CommandContext } from "../main.js";
import type { GraphArgs } from "../options.js";
import { formatOf, printJson, reportDiagnostics } from "../report.js";
import { shownDiagnostics } from "../secrets-output.js";
import { compileFromArgs } from "./compile.js";

const GRAPH_ONLY_SEED = "scorec-graph-only";

/** Runs `scorec graph`: resolves like compile (writing nothing) and prints the diagram on stdout. */
export async function graphCommand(args: GraphArgs, { io }: CommandContext): Promise<number> {
  // A graph shows no secret value, so it needs no seed: without one, values are derived with a throwaway seed that
  // never leaves this process, and the development-seed warning (about secrets in an output) does not apply.
  const { result, early, texts } = await compileFromArgs(args, io, { seed: GRAPH_ONLY_SEED });
  const diagnostics = shownDiagnostics(sortDiagnostics([...early, ...result.diagnostics]), result.secrets).filter(
    (d) => d.code !== "RULES_DEFAULT_SEED",
  );
  let code = reportDiagnostics(io, args, diagnostics, texts);
  const graph = code === ExitCode.OK && result.app ? renderGraph(result.app, args.syntax) : undefined;
  if (graph === undefined) code = ExitCode.INVALID;
  if (formatOf(args) === "json")
    return printJson(io, "graph", code, graph === undefined ? {} : { syntax: args.syntax, text: graph }, diagnostics);
  if (graph !== undefined) io.stdout(graph);
  return code;
}
