import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { ExitCode, IoError } from "../../node/io.js";
import type { CommandContext } from "../main.js";
import { maskReportText } from "../mask.js";
import {
  checkDiff,
  placeFiles,
  planOutputs,
  regenerateCommand,
  writePlan,
  type OutputPlan,
  type PlacedFile,
} from "../output-files.js";
import { absolute } from "../read-inputs.js";
import { findProject, outputPath, shown, unknownEnvironments } from "../project-files.js";
import { formatOf, printJson, reportDiagnostics, usageError } from "../report.js";
import { maskedComparison, refuseSecretsOverMain, splitSecretsFile } from "../secrets-output.js";
import { DONE, drift, driftDiagnostics, refuseInputs, withBinary, withoutInputs, type OutputEntry } from "./compile.js";
import { placeBinaryFiles } from "../binary-files.js";
import { filesFolderFor } from "../../targets/compose/files-folder.js";
import { compileProjectFiles } from "./project-compile.js";
import { PROJECT_FILE, type ProjectArgs } from "../options.js";

type BuildArgs = ProjectArgs & { check?: boolean };

/** One build's files, placed and compared with the disk. */
interface PlannedBuild {
  env: string;
  target: string;
  output: string;
  placed: PlacedFile[];
  secrets: PlacedFile[];
  plan: OutputPlan;
  secretsPlan?: OutputPlan;
  secretValues: string[];
}

/**
 * Runs `scorec build`: every build of the project (or those of `-e`), all planned before any is written, so that a
 * problem in one build writes nothing at all. 0 written/current, 1 errors, 3 drift under --check.
 */
export async function buildCommand(args: BuildArgs, { io, argv }: CommandContext): Promise<number> {
  const json = formatOf(args) === "json";
  const file = findProject(io, args.project);
  if (file === undefined) return notFound(io, args, json, "build");
  const compiled = await compileProjectFiles(io, args, file);
  const { read, result } = compiled;
  const diagnostics = [...compiled.diagnostics];
  if (read.project) {
    const unknown = unknownEnvironments(read.project, args.env?.map(String));
    if (unknown) return usageError(io, json, unknown);
  }
  let code: number = diagnostics.some((d) => d.severity === "error") || !result ? ExitCode.INVALID : ExitCode.OK;
  const builds: { env: string; target: string; output: string; outputs: OutputEntry[] }[] = [];
  let check: Record<string, unknown> | undefined;
  let diff = "";
  if (code === ExitCode.OK && result) {
    try {
      const planned: PlannedBuild[] = result.builds.map((b) => {
        const output = outputPath(read.folder, b.build.output);
        const isDir = output.endsWith("/");
        const secretsOutput =
          b.build.secretsOutput === undefined ? undefined : outputPath(read.folder, b.build.secretsOutput);
        const split = splitSecretsFile(io, b.files, secretsOutput);
        const placed = placeFiles(io, split.main, output, isDir);
        // The same folder name as the library used for the bind mounts (compile-project.ts).
        const binary =
          b.build.target === "compose"
            ? placeBinaryFiles(io, b.binaryFiles ?? [], output, isDir, filesFolderFor(isDir ? "compose.yaml" : output))
            : undefined;
        const all = [...placed, ...(binary?.manifest ? [binary.manifest] : []), ...(binary?.files ?? [])];
        refuseSecretsOverMain(placed, split.secrets);
        if (!args.check) refuseInputs([...all, ...split.secrets], read.inputs);
        const plan = withoutInputs(
          withBinary(
            planOutputs(io, placed, isDir ? output : undefined, args.check === true),
            binary,
            io,
            args.check === true,
          ),
          read.inputs,
        );
        return {
          env: b.build.env,
          target: b.build.target,
          output,
          placed: all,
          secrets: split.secrets,
          plan,
          secretValues: b.secrets,
          ...(args.check ? {} : { secretsPlan: planOutputs(io, split.secrets, undefined, false) }),
        };
      });
      if (args.check) {
        const found = { missing: [] as string[], stale: [] as string[], leftOver: [] as string[] };
        for (const p of planned) {
          const d = drift(p.plan);
          found.missing.push(...d.missing);
          found.stale.push(...d.stale);
          found.leftOver.push(...d.leftOver);
          builds.push({
            env: p.env,
            target: p.target,
            output: p.output,
            outputs: [
              ...p.plan.files.map(
                (f) => ({ path: f.display, status: f.state === "stream" ? "unchecked" : f.state }) as OutputEntry,
              ),
              ...p.plan.leftOver.map((f) => ({ path: f.display, status: "left-over" }) as OutputEntry),
            ],
          });
          diff += checkDiff(p.plan, maskedComparison(p.secretValues));
        }
        if (found.missing.length + found.stale.length + found.leftOver.length > 0) {
          const command = regenerateCommand(argv);
          diff = maskReportText(diff);
          check = { ...found, command, diff };
          diagnostics.push(...driftDiagnostics(found, command));
          code = ExitCode.DRIFT;
        } else diff = "";
      } else {
        for (const p of planned) {
          writePlan(io, p.placed, p.plan);
          writePlan(io, p.secrets, p.secretsPlan!);
          builds.push({
            env: p.env,
            target: p.target,
            output: p.output,
            outputs: [
              ...[...p.placed, ...p.secrets].map((f) => ({ path: f.display, status: "written" }) as OutputEntry),
              ...p.plan.leftOver.map((f) => ({ path: f.display, status: "removed" }) as OutputEntry),
            ],
          });
        }
      }
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      // Name the file as the user sees it, not by the absolute path the writer used.
      const named = shown(io, e.path);
      diagnostics.push(
        error(e.unsafe ? "CLI_OUTPUT_UNSAFE" : "CLI_IO", e.message.split(absolute(io, e.path)).join(named), {
          file: named,
        }),
      );
      code = ExitCode.INVALID;
      builds.length = 0;
    }
  }
  if (json) return printJson(io, "build", code, { project: file, builds, ...(check ? { check } : {}) }, diagnostics);
  if (diff) io.stdout(diff);
  const reported = reportDiagnostics(io, args, diagnostics, read.texts);
  if (code === ExitCode.OK && formatOf(args) === "text") {
    io.stderr(
      builds
        .map((b) => `${b.env} · ${b.target}:\n` + b.outputs.map((o) => `  ${DONE[o.status]} ${o.path}\n`).join(""))
        .join(""),
    );
  }
  return code === ExitCode.DRIFT ? code : Math.max(code, reported);
}

/** No project file: a located error is impossible, so it says where scorec looked. */
export function notFound(io: CommandContext["io"], args: ProjectArgs, json: boolean, command: string): number {
  const d: Diagnostic = error(
    "CLI_PROJECT_NOT_FOUND",
    `no ${PROJECT_FILE} in ${io.cwd} or any folder above it`,
    undefined,
    `create one (see the README's "Projects" section) or name it with -p FILE`,
  );
  if (json) return printJson(io, command, ExitCode.INVALID, {}, [d]);
  reportDiagnostics(io, args, [d], new Map());
  return ExitCode.INVALID;
}
