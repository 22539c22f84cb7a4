import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { ExitCode, IoError } from "../../node/io.js";
import type { CommandContext } from "../main.js";
import type { InitArgs } from "../options.js";
import { absolute } from "../read-inputs.js";
import { formatOf, printJson, reportDiagnostics } from "../report.js";
import { STARTER_RULES, STARTER_SCORE, starterProject } from "./init-templates.js";

/** Runs `scorec init`: creates the missing starter files; an existing file is left untouched and reported. */
export function initCommand(args: InitArgs, { io }: CommandContext): number {
  const wanted: { path: string; text: string }[] = [{ path: args.file, text: STARTER_SCORE }];
  if (typeof args.rules === "string") wanted.push({ path: args.rules, text: STARTER_RULES });
  if (args.project)
    wanted.push({
      path: "scorec.yaml",
      text: starterProject(args.file, typeof args.rules === "string" ? args.rules : undefined),
    });
  const files: { path: string; status: "written" | "exists" }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of wanted) {
    try {
      files.push({ path: f.path, status: io.createFile(absolute(io, f.path), f.text) ? "written" : "exists" });
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      diagnostics.push(error("CLI_IO", e.message, { file: f.path }));
      break;
    }
  }
  const code = reportDiagnostics(io, args, diagnostics, new Map());
  if (formatOf(args) === "json") return printJson(io, "init", code, { files }, diagnostics);
  io.stderr(
    files
      .map((f) => (f.status === "written" ? `wrote ${f.path}\n` : `${f.path} already exists; left unchanged\n`))
      .join(""),
  );
  return code === ExitCode.OK ? code : ExitCode.INVALID;
}
