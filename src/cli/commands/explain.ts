import type { Argv } from "yargs";
import { explain } from "../../api/explain.js";
import { sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { diagnosticToJson } from "../../diagnostics/format.js";
import type { TargetName } from "../../model/resolved.js";
import { explainJson, explainText } from "../../resolve/explain-text.js";
import { ExitCode, type CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { readSources, sourceTexts } from "../read-inputs.js";
import { formatOf, reportDiagnostics } from "../report.js";
import { overrideOptions, readOverrides, scoreFiles } from "../shared-options.js";
import { defaultAppId, fileReader, stringList } from "./compile-support.js";

/** Registers `scorec explain [files...]`. */
export function registerExplain(y: Argv): Argv {
  return y.command("explain [files..]", "For every resource: the rule that wins in an environment and target, and why each other rule loses", (c) =>
    overrideOptions(c.positional("files", { type: "string", array: true, describe: "Score files (default: ./score.yaml)" }))
      .option("rules", { alias: "r", type: "string", array: true, requiresArg: true, describe: "Rules table file (repeatable)" })
      .option("env", { alias: "e", type: "string", default: "local", requiresArg: true, describe: "Environment id" })
      .option("target", { alias: "t", choices: ["compose", "kubernetes", "helm"] as const, default: "compose", requiresArg: true, describe: "Target the rules are matched for" })
      .option("app", { type: "string", requiresArg: true, describe: "Application id (default: the name of the Score files' folder)" })
      .option("default-rules", { type: "boolean", default: true, describe: "Include the built-in default rules as the lower tier (--no-default-rules to drop them)" }),
  );
}

/** Runs `scorec explain`: prints the report (text or JSON); exit 1 when a resource is ambiguous or unmatched. */
export function explainCommand(args: ParsedArgs, io: CliIO): number {
  const read = readSources(io, scoreFiles(args));
  const rules = readSources(io, stringList(args.rules));
  const overrides = readOverrides(args, io);
  const early = [...read.diagnostics, ...rules.diagnostics, ...overrides.diagnostics];
  const result = early.some((d) => d.severity === "error")
    ? { diagnostics: [] }
    : explain({
        sources: read.sources,
        rules: rules.sources,
        noDefaultRules: args["default-rules"] === false,
        environment: String(args.env ?? "local"),
        target: String(args.target ?? "compose") as TargetName,
        app: typeof args.app === "string" ? args.app : defaultAppId(io.cwd, scoreFiles(args)),
        readFile: fileReader(io),
        ...(overrides.value ? { overrides: overrides.value } : {}),
      });
  const diagnostics = sortDiagnostics([...early, ...result.diagnostics]);
  const report = "report" in result ? result.report : undefined;
  if (formatOf(args) === "json") {
    const ok = !diagnostics.some((d) => d.severity === "error");
    io.stdout(JSON.stringify({ ok, ...(report ? explainJson(report) : {}), diagnostics: diagnostics.map(diagnosticToJson) }, null, 2) + "\n");
    return ok ? ExitCode.OK : ExitCode.INVALID;
  }
  if (report) io.stdout(explainText(report));
  return reportDiagnostics(io, args, diagnostics, sourceTexts(read.sources, rules.sources));
}
