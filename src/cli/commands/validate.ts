import { validate } from "../../api/validate.js";
import { resolve } from "../../api/resolve.js";
import { sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { ExitCode } from "../../node/io.js";
import type { CommandContext } from "../main.js";
import { scoreFiles, stringList, type ResolveArgs } from "../options.js";
import { defaultAppId, fileReader } from "../../node/inputs.js";
import { readOverrides, readSources, sourceTexts } from "../read-inputs.js";
import { formatOf, printJson, reportDiagnostics } from "../report.js";

/**
 * Runs `scorec validate`: exit 0 when every file is valid, 1 otherwise. Every check that needs no rules table runs
 * always; with `-r` the resources are also resolved (no output), so an output no rule provides is found here.
 */
export function validateCommand(args: ResolveArgs, { io }: CommandContext): number {
  const files = scoreFiles(args);
  const read = readSources(io, files);
  const overrides = readOverrides(args, io);
  const result = validate({ sources: read.sources, ...(overrides.value ? { overrides: overrides.value } : {}) });
  const rulesFiles = stringList(args.rules);
  const rules = readSources(io, rulesFiles);
  const early = [...read.diagnostics, ...overrides.diagnostics, ...rules.diagnostics, ...result.diagnostics];
  // A fixed seed: validate writes nothing, so derived values never leave the process and no --seed is asked for.
  const resolved =
    rulesFiles.length > 0 && !early.some((d) => d.severity === "error")
      ? resolve({
          sources: read.sources,
          rules: rules.sources,
          noDefaultRules: args.defaultRules === false,
          environment: args.env,
          target: args.target,
          app: typeof args.app === "string" ? args.app : defaultAppId(io.cwd, files),
          readFile: fileReader(io),
          seed: "scorec-validate",
          ...(overrides.value ? { overrides: overrides.value } : {}),
        }).diagnostics
      : [];
  const diagnostics = sortDiagnostics([...early, ...resolved]);
  const code = reportDiagnostics(io, args, diagnostics, sourceTexts(read.sources, rules.sources));
  if (formatOf(args) === "json")
    return printJson(
      io,
      "validate",
      code,
      { workloads: result.workloads.map((w) => ({ name: w.name, file: w.file })) },
      diagnostics,
    );
  if (code === ExitCode.OK && formatOf(args) === "text")
    io.stderr(`${result.workloads.length} workload(s) valid: ${result.workloads.map((w) => w.name).join(", ")}\n`);
  return code;
}
