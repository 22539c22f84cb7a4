import { buildOutputs, type BuildOutputs } from "../../api/project/project-outputs.js";
import { ExitCode } from "../../node/io.js";
import type { CommandContext } from "../main.js";
import { findProject, unknownEnvironments } from "../project-files.js";
import { formatOf, printJson, reportDiagnostics, usageError } from "../report.js";
import { notFound } from "./build.js";
import { compileProjectFiles } from "./project-compile.js";
import { type ProjectArgs } from "../options.js";

/** Runs `scorec outputs`: every resource of every build with its winning rule and outputs, secrets as `<secret>`. */
export async function outputsCommand(args: ProjectArgs, { io }: CommandContext): Promise<number> {
  const json = formatOf(args) === "json";
  const file = findProject(io, args.project);
  if (file === undefined) return notFound(io, args, json, "outputs");
  const { read, result, diagnostics } = await compileProjectFiles(io, args, file, { emit: false });
  if (read.project) {
    const unknown = unknownEnvironments(read.project, args.env?.map(String));
    if (unknown) return usageError(io, json, unknown);
  }
  const failed = diagnostics.some((d) => d.severity === "error") || !result;
  const builds = failed ? [] : result.builds.map(buildOutputs);
  const code = failed ? ExitCode.INVALID : ExitCode.OK;
  if (json) return printJson(io, "outputs", code, { project: file, builds }, diagnostics);
  io.stdout(builds.map(outputsText).join("\n"));
  return Math.max(code, reportDiagnostics(io, args, diagnostics, read.texts));
}

function outputsText(b: BuildOutputs): string {
  let out = `${b.env} · ${b.target} → ${b.output}\n`;
  for (const r of b.resources) {
    out += `  ${r.uid}${r.names.length > 0 ? ` (${r.names.join(", ")})` : ""}\n`;
    out += `    rule: ${r.rule.builtin ? "default rule " : ""}${r.rule.id} (${r.rule.location})\n`;
    for (const [k, v] of Object.entries(r.outputs))
      out += `    ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}\n`;
  }
  return out;
}
