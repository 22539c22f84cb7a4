import type { Argv } from "yargs";
import { checkRules } from "../../api/check-rules.js";
import { sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { diagnosticToJson } from "../../diagnostics/format.js";
import { ExitCode, type CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { readSources, sourceTexts } from "../read-inputs.js";
import { formatOf, reportDiagnostics, usageError } from "../report.js";
import { stringList } from "./compile-support.js";

/** Registers `scorec rules check FILE...`. */
export function registerRules(y: Argv): Argv {
  return y.command("rules <command>", "Work with rules tables", (c) =>
    c
      .command("check <files..>", "Check rules files statically against every declared environment and target; writes nothing", (cc) =>
        cc
          .positional("files", { type: "string", array: true, describe: "Rules files, checked together" })
          .option("default-rules", { type: "boolean", default: true, describe: "Let the built-in defaults resolve requirements no rule in the files handles" }),
      )
      .demandCommand(1, "missing rules command; try scorec rules check FILE..."),
  );
}

/** Runs `scorec rules check`: exit 0 when the table is sound (warnings allowed), 1 on any error. */
export function rulesCommand(args: ParsedArgs, io: CliIO): number {
  if (String(args._[1] ?? "") !== "check") return usageError(io, `unknown rules command "${String(args._[1] ?? "")}"; try scorec rules check FILE...`);
  const read = readSources(io, stringList(args.files));
  const result = read.diagnostics.some((d) => d.severity === "error") ? { diagnostics: [] } : checkRules(read.sources, { noDefaultRules: args["default-rules"] === false });
  const diagnostics = sortDiagnostics([...read.diagnostics, ...result.diagnostics]);
  const summary = "summary" in result ? result.summary : undefined;
  if (formatOf(args) === "json") {
    const ok = !diagnostics.some((d) => d.severity === "error");
    io.stdout(JSON.stringify({ ok, ...(summary ? { summary } : {}), diagnostics: diagnostics.map(diagnosticToJson) }, null, 2) + "\n");
    return ok ? ExitCode.OK : ExitCode.INVALID;
  }
  const code = reportDiagnostics(io, args, diagnostics, sourceTexts(read.sources));
  if (summary && formatOf(args) === "text") {
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    io.stderr(`checked ${summary.rules} rule(s) over ${summary.environments} environment(s) × 3 targets (${summary.points} points): ${errors === 0 ? "no problems" : `${errors} error(s)`}\n`);
  }
  return code;
}
