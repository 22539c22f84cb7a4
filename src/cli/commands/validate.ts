import type { Argv } from "yargs";
import { validate } from "../../api/validate.js";
import { sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { diagnosticToJson } from "../../diagnostics/format.js";
import { ExitCode, type CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { readSources, sourceTexts } from "../read-inputs.js";
import { formatOf, reportDiagnostics } from "../report.js";
import { overrideOptions, readOverrides, scoreFiles } from "../shared-options.js";

/** Registers `scorec validate [files...]`. */
export function registerValidate(y: Argv): Argv {
  return y.command("validate [files..]", "Check Score files against the schema and the semantic rules; writes nothing", (c) =>
    overrideOptions(c.positional("files", { type: "string", array: true, describe: "Score files (default: ./score.yaml)" })),
  );
}

/** Runs `scorec validate`: exit 0 when every file is valid, 1 otherwise. */
export function validateCommand(args: ParsedArgs, io: CliIO): number {
  const files = scoreFiles(args);
  const read = readSources(io, files);
  const overrides = readOverrides(args, io);
  const result = validate({ sources: read.sources, ...(overrides.value ? { overrides: overrides.value } : {}) });
  const diagnostics = sortDiagnostics([...read.diagnostics, ...overrides.diagnostics, ...result.diagnostics]);
  const texts = sourceTexts(read.sources);
  if (formatOf(args) === "json") {
    const ok = !diagnostics.some((d) => d.severity === "error");
    io.stdout(JSON.stringify({ ok, workloads: result.workloads.map((w) => ({ name: w.name, file: w.file })), diagnostics: diagnostics.map(diagnosticToJson) }, null, 2) + "\n");
    return ok ? ExitCode.OK : ExitCode.INVALID;
  }
  const code = reportDiagnostics(io, args, diagnostics, texts);
  if (code === ExitCode.OK && formatOf(args) === "text") io.stderr(`${result.workloads.length} workload(s) valid: ${result.workloads.map((w) => w.name).join(", ")}\n`);
  return code;
}
