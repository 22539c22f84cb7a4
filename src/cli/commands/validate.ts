import type { Argv } from "yargs";
import { validate } from "../../api/validate.js";
import { sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { ExitCode } from "../../node/io.js";
import type { CommandContext } from "../main.js";
import { scoreFiles, scoreOptions, type ScoreArgs } from "../options.js";
import { readOverrides, readSources, sourceTexts } from "../read-inputs.js";
import { formatOf, printJson, reportDiagnostics } from "../report.js";

/** `scorec validate [files...]`'s options. */
export function validateBuilder<T>(y: Argv<T>) {
  return scoreOptions(y);
}

/** Runs `scorec validate`: exit 0 when every file is valid, 1 otherwise. */
export function validateCommand(args: ScoreArgs, { io }: CommandContext): number {
  const read = readSources(io, scoreFiles(args));
  const overrides = readOverrides(args, io);
  const result = validate({ sources: read.sources, ...(overrides.value ? { overrides: overrides.value } : {}) });
  const diagnostics = sortDiagnostics([...read.diagnostics, ...overrides.diagnostics, ...result.diagnostics]);
  const code = reportDiagnostics(io, args, diagnostics, sourceTexts(read.sources));
  if (formatOf(args) === "json") return printJson(io, "validate", code, { workloads: result.workloads.map((w) => ({ name: w.name, file: w.file })) }, diagnostics);
  if (code === ExitCode.OK && formatOf(args) === "text") io.stderr(`${result.workloads.length} workload(s) valid: ${result.workloads.map((w) => w.name).join(", ")}\n`);
  return code;
}
