import type { Argv } from "yargs";
import { checkRules } from "../../api/check-rules.js";
import { sortDiagnostics } from "../../diagnostics/diagnostic.js";
import type { CommandContext } from "../main.js";
import { stringList, type ArgsOf, type GlobalArgs } from "../options.js";
import { readSources, sourceTexts } from "../read-inputs.js";
import { formatOf, printJson, reportDiagnostics } from "../report.js";

/** `scorec rules check FILE...`'s options. */
export function rulesCheckBuilder<T>(y: Argv<T>) {
  return y
    .positional("files", { type: "string", array: true, demandOption: true, describe: "Rules files, checked together" })
    .option("default-rules", { type: "boolean", default: true, describe: "Let the built-in defaults resolve requirements no rule in the files handles" });
}

type RulesCheckArgs = GlobalArgs & ArgsOf<typeof rulesCheckBuilder<object>>;

/** Runs `scorec rules check`: exit 0 when the table is sound (warnings allowed), 1 on any error. */
export function rulesCheckCommand(args: RulesCheckArgs, { io }: CommandContext): number {
  const read = readSources(io, stringList(args.files));
  const result = read.diagnostics.some((d) => d.severity === "error") ? { diagnostics: [] } : checkRules(read.sources, { noDefaultRules: args.defaultRules === false });
  const diagnostics = sortDiagnostics([...read.diagnostics, ...result.diagnostics]);
  const summary = "summary" in result ? result.summary : undefined;
  const code = reportDiagnostics(io, args, diagnostics, sourceTexts(read.sources));
  if (formatOf(args) === "json") return printJson(io, "rules check", code, summary ? { summary } : {}, diagnostics);
  if (summary && formatOf(args) === "text") {
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    io.stderr(`checked ${summary.rules} rule(s) over ${summary.environments} environment(s) × 3 targets (${summary.points} points): ${errors === 0 ? "no problems" : `${errors} error(s)`}\n`);
  }
  return code;
}
