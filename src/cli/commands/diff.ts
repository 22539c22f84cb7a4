import { diffProjects } from "../../api/project/diff-project.js";
import { blockwisePatch } from "../blockwise-patch.js";
import { diffMarkdown, diffText } from "../../api/project/diff-report.js";
import { sortDiagnostics, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { ExitCode } from "../../node/io.js";
import type { CommandContext } from "../main.js";
import { maskReportText } from "../mask.js";
import { baseProjectFile, findProject, unknownEnvironments } from "../project-files.js";
import { printJson, reportDiagnostics, usageError } from "../report.js";
import { stringList, type ProjectArgs } from "../options.js";
import { notFound } from "./build.js";
import { compileProjectFiles } from "./project-compile.js";

type DiffArgs = ProjectArgs & {
  base?: string | undefined;
  baseRules?: string[] | undefined;
  baseSeed?: string | undefined;
};

/** Runs `scorec diff`: 0 when no build changes, 3 when one does, 1 when either side does not compile. */
export async function diffCommand(args: DiffArgs, { io }: CommandContext): Promise<number> {
  // diff's --format adds markdown to the global choices.
  const format = String(args.format) as "text" | "markdown" | "json" | "github";
  const json = format === "json";
  const baseRules = stringList(args.baseRules);
  if ((args.base === undefined) === (baseRules.length === 0))
    return usageError(
      io,
      json,
      "name what to compare against: --base DIR (another checkout) or --base-rules FILE... (other rules files), one of the two",
    );
  const file = findProject(io, args.project);
  if (file === undefined) return notFound(io, args, json, "diff");
  const head = await compileProjectFiles(io, args, file);
  if (head.read.project) {
    const unknown = unknownEnvironments(head.read.project, args.env?.map(String));
    if (unknown) return usageError(io, json, unknown);
  }
  const baseArgs = typeof args.baseSeed === "string" ? { ...args, seed: args.baseSeed } : args;
  const base =
    args.base !== undefined
      ? await compileProjectFiles(io, baseArgs, baseProjectFile(io, file, args.base))
      : await compileProjectFiles(io, baseArgs, file, { rules: baseRules });
  const diagnostics = unique(sortDiagnostics([...base.diagnostics, ...head.diagnostics]));
  const texts = new Map([...base.read.texts, ...head.read.texts]);
  const shownFormat = { ...args, format: format === "markdown" ? "text" : format };
  if (diagnostics.some((d) => d.severity === "error") || !base.result || !head.result) {
    if (json) return printJson(io, "diff", ExitCode.INVALID, {}, diagnostics);
    reportDiagnostics(io, shownFormat, diagnostics, texts);
    return ExitCode.INVALID;
  }
  const d = diffProjects(base.result.builds, head.result.builds, { patch: blockwisePatch });
  // The library masked each side's secrets; this catches a value neither side knows (as compile --check does).
  for (const b of d.builds) b.diff = maskReportText(b.diff);
  const code = d.changed ? ExitCode.DRIFT : ExitCode.OK;
  if (json)
    return printJson(
      io,
      "diff",
      code,
      { project: file, base: args.base ?? null, baseRules: args.base === undefined ? baseRules : null, ...d },
      diagnostics,
    );
  io.stdout(format === "markdown" ? diffMarkdown(d) : diffText(d));
  reportDiagnostics(io, shownFormat, diagnostics, texts);
  return code;
}

// Both sides usually report the same warnings (a development seed, say): once is enough.
function unique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.file, d.range, d.message]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
