import type { Argv } from "yargs";
import type { CompileInput, CompileResult } from "../../api/compile-input.js";
import { compileWith } from "../../api/pipeline.js";
import { error, sortDiagnostics, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { TargetName } from "../../model/resolved.js";
import { ExitCode, IoError, type CliIO } from "../../node/io.js";
import { loadEmitter } from "../load-emitter.js";
import type { CommandContext } from "../main.js";
import { maskReportText } from "../mask.js";
import { maskedComparison, refuseSecretsOverMain, shownDiagnostics, splitSecretsFile } from "../secrets-output.js";
import { compileOptions, scoreFiles, stringList, type ArgsOf, type CompileArgs, type GlobalArgs } from "../options.js";
import {
  checkDiff,
  placeFiles,
  planOutputs,
  regenerateCommand,
  writePlan,
  type OutputPlan,
  type PlacedFile,
} from "../output-files.js";
import { absolute, readOverrides, readSources, sourceTexts } from "../read-inputs.js";
import { placeBinaryFiles, planBinaryOutputs } from "../binary-files.js";
import { filesFolderFor } from "../../targets/compose/files-folder.js";
import { bytesToBase64 } from "../../shared/base64.js";
import { formatOf, printJson, reportDiagnostics, usageError } from "../report.js";
import { defaultAppId, fileReader } from "../../node/inputs.js";

const DEFAULT_OUTPUT: Record<TargetName, string> = {
  compose: "compose.yaml",
  kubernetes: "manifests.yaml",
  helm: "values.yaml",
};

/** How yargs declares the command; the fast path (fast-compile-args.ts) checks its positional against it. */
export const COMPILE_COMMAND = "compile [files..]";

/** `scorec compile [files...]`'s options: the shared compile options plus where the output goes. */
export function compileBuilder<T>(y: Argv<T>) {
  return compileOptions(y)
    .option("output", {
      alias: "o",
      type: "string",
      requiresArg: true,
      describe:
        'File, folder (DIR/, owned by scorec: see README) or "-" for stdout (default: compose.yaml, manifests.yaml or values.yaml)',
    })
    .option("check", {
      type: "boolean",
      default: false,
      describe: "Write nothing; exit 3 and report missing, stale and left-over files with a diff",
    })
    .option("secrets-output", {
      type: "string",
      requiresArg: true,
      describe:
        "Write every derived secret to this file instead of the main artifact (kubernetes: the Secret objects; helm: a second values file)",
    });
}

/** What the compile handler gets from yargs (or the fast path, fast-compile-args.ts). */
export type CompileCommandArgs = GlobalArgs & ArgsOf<typeof compileBuilder<object>>;

/** Reads every input the command line names and builds the CompileInput; read problems become diagnostics. */
export function readCompileInput(
  args: CompileArgs,
  io: CliIO,
): { input: CompileInput; diagnostics: Diagnostic[]; texts: Map<string, string> } {
  const files = scoreFiles(args);
  const read = readSources(io, files);
  const rules = readSources(io, stringList(args.rules));
  const patches = readSources(io, stringList(args.patch));
  const overrides = readOverrides(args, io);
  const seed = typeof args.seed === "string" ? args.seed : io.env.SCOREC_SEED;
  const publish = stringList(args.publish);
  const input: CompileInput = {
    sources: read.sources,
    target: args.target,
    rules: rules.sources,
    noDefaultRules: args.defaultRules === false,
    environment: args.env,
    app: typeof args.app === "string" ? args.app : defaultAppId(io.cwd, files),
    patches: patches.sources,
    readFile: fileReader(io),
    ...(overrides.value ? { overrides: overrides.value } : {}),
    ...(seed ? { seed } : {}),
    ...(typeof args.namespace === "string" ? { namespace: args.namespace } : {}),
    ...(publish.length ? { publish } : {}),
  };
  const diagnostics = [...read.diagnostics, ...rules.diagnostics, ...patches.diagnostics, ...overrides.diagnostics];
  return { input, diagnostics, texts: sourceTexts(read.sources, rules.sources, patches.sources) };
}

/** Compiles what the command line names, loading only the chosen target's code; nothing is compiled after a read error. */
export async function compileFromArgs(
  args: CompileArgs,
  io: CliIO,
  adjust: Partial<CompileInput> = {},
): Promise<{ result: CompileResult; early: Diagnostic[]; texts: Map<string, string> }> {
  const { input: read, diagnostics: early, texts } = readCompileInput(args, io);
  const input: CompileInput = { ...read, ...adjust, seed: read.seed ?? adjust.seed };
  if (input.seed === undefined) delete input.seed;
  const result = early.some((d) => d.severity === "error")
    ? { files: [], diagnostics: [], secrets: [] }
    : compileWith(input, await loadEmitter(args.target));
  return { result, early, texts };
}

/**
 * One output in the report: where it went and what happened to it. `text` only for files sent to stdout; a binary
 * file sent to stdout (with --format json) has `base64` and `mode` (octal, "0644") instead, and its path is relative
 * to the compose file's folder.
 */
export interface OutputEntry {
  path: string;
  status: "written" | "removed" | "stdout" | "current" | "stale" | "missing" | "left-over" | "unchecked";
  text?: string;
  base64?: string;
  mode?: string;
}

/** Runs `scorec compile`: 0 written/current, 1 errors, 3 missing/stale/left-over files under --check. */
export async function compileCommand(args: CompileCommandArgs, { io, argv }: CommandContext): Promise<number> {
  const output = typeof args.output === "string" ? args.output : DEFAULT_OUTPUT[args.target];
  if (args.check && output === "-")
    return usageError(
      io,
      formatOf(args) === "json",
      "--check compares the files on disk with what scorec generates; it cannot check -o - (name the file or folder to check)",
    );
  const isDir = output !== "-" && (output.endsWith("/") || io.pathKind(absolute(io, output)) === "directory");
  const secretsOutput = args.secretsOutput === undefined || args.secretsOutput === "" ? undefined : args.secretsOutput;
  const filesFolder = filesFolderFor(output === "-" || isDir ? DEFAULT_OUTPUT.compose : output);
  const { result, early, texts } = await compileFromArgs(args, io, {
    ...(isDir && args.target === "kubernetes" ? { split: true } : {}),
    ...(args.target === "compose" ? { filesFolder } : {}),
    ...(secretsOutput ? { secretsOutput } : {}),
  });
  const diagnostics: Diagnostic[] = shownDiagnostics(
    sortDiagnostics([...early, ...result.diagnostics]),
    result.secrets,
  );
  const json = formatOf(args) === "json";
  let code: number = diagnostics.some((d) => d.severity === "error") ? ExitCode.INVALID : ExitCode.OK;
  const outputs: OutputEntry[] = [];
  let check: Record<string, unknown> | undefined;
  let diff = "";
  const binaryFiles = result.binaryFiles ?? [];
  // A stream (-o -, /dev/stdout, a FIFO) has no folder beside it for the files; /dev/null.files is no place either.
  const stream = output === "-" || (!isDir && io.pathKind(absolute(io, output)) === "special");
  if (code === ExitCode.OK && stream && binaryFiles.length > 0 && !(json && output === "-")) {
    diagnostics.push(
      binaryToStream(
        output,
        binaryFiles.map((f) => f.path),
      ),
    );
    code = ExitCode.INVALID;
  }
  if (code === ExitCode.OK) {
    const split = splitSecretsFile(io, result.files, secretsOutput);
    const placed = placeFiles(io, split.main, output, isDir);
    const binary =
      stream || args.target !== "compose" ? undefined : placeBinaryFiles(io, binaryFiles, output, isDir, filesFolder);
    const binaryPlaced = binary ? [...(binary.manifest ? [binary.manifest] : []), ...binary.files] : [];
    const folder = isDir ? output : undefined;
    const inputs = new Set([...texts.keys(), ...stringList(args.overridesFile)].map((p) => absolute(io, p)));
    try {
      refuseSecretsOverMain(placed, split.secrets);
      // --check compares what is committed; the secrets file is by design not committed, so it is never compared.
      if (args.check) {
        const plan = withoutInputs(withBinary(planOutputs(io, placed, folder, true), binary, io, true), inputs);
        const found = drift(plan);
        for (const f of plan.files)
          outputs.push({ path: f.display, status: f.state === "stream" ? "unchecked" : f.state });
        for (const f of plan.leftOver) outputs.push({ path: f.display, status: "left-over" });
        if (found.missing.length + found.stale.length + found.leftOver.length > 0) {
          const command = regenerateCommand(argv);
          diff = maskReportText(checkDiff(plan, maskedComparison(result.secrets)));
          check = { ...found, command, diff };
          diagnostics.push(...driftDiagnostics(found, command));
          code = ExitCode.DRIFT;
        }
      } else {
        const plan = withoutInputs(withBinary(planOutputs(io, placed, folder, false), binary, io, false), inputs);
        const secretsPlan = planOutputs(io, split.secrets, undefined, false);
        refuseInputs([...placed, ...binaryPlaced, ...split.secrets], inputs);
        writePlan(io, json ? placed.filter((p) => p.path !== "-") : placed, plan);
        writePlan(io, split.secrets, secretsPlan);
        for (const p of [...placed, ...binaryPlaced, ...split.secrets])
          outputs.push(
            p.path === "-"
              ? { path: "-", status: "stdout", ...(json ? { text: p.text } : {}) }
              : { path: p.display, status: "written" },
          );
        // -o - --format json: the binary files travel in the report, for the caller to write beside the compose file.
        if (output === "-")
          for (const f of binaryFiles)
            outputs.push({ path: f.path, status: "stdout", base64: bytesToBase64(f.bytes), mode: octal(f.mode) });
        for (const f of plan.leftOver) outputs.push({ path: f.display, status: "removed" });
      }
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      // Name the file as the user did, not by the absolute path the writer used.
      const shown = [...placed, ...binaryPlaced, ...split.secrets].find((p) => p.path === e.path)?.display ?? e.path;
      diagnostics.push(
        error(e.unsafe ? "CLI_OUTPUT_UNSAFE" : "CLI_IO", e.message.split(e.path).join(shown), { file: shown }),
      );
      code = ExitCode.INVALID;
    }
  }
  if (json) return printJson(io, "compile", code, { outputs, ...(check ? { check } : {}) }, diagnostics);
  if (diff) io.stdout(diff);
  const reported = reportDiagnostics(io, args, diagnostics, texts);
  if (code === ExitCode.OK && formatOf(args) === "text" && output !== "-")
    io.stderr(outputs.map((o) => `${DONE[o.status]} ${o.path}\n`).join(""));
  return code === ExitCode.DRIFT ? code : Math.max(code, reported);
}

// What the text report says happened to each output.
export const DONE: Record<OutputEntry["status"], string> = {
  written: "wrote",
  removed: "removed",
  stdout: "wrote",
  current: "up to date",
  stale: "out of date",
  missing: "missing",
  "left-over": "left over",
  unchecked: "not compared (not a regular file)",
};

export function drift(plan: OutputPlan): { missing: string[]; stale: string[]; leftOver: string[] } {
  return {
    missing: plan.files.filter((f) => f.state === "missing").map((f) => f.display),
    stale: plan.files.filter((f) => f.state === "stale").map((f) => f.display),
    leftOver: plan.leftOver.map((f) => f.display),
  };
}

export function driftDiagnostics(found: ReturnType<typeof drift>, command: string): Diagnostic[] {
  const fix = `; regenerate with: ${command}`;
  return [
    ...found.missing.map((p) => error("CLI_CHECK_DRIFT", `${p} is missing${fix}`, { file: p })),
    ...found.stale.map((p) => error("CLI_CHECK_DRIFT", `${p} is out of date${fix}`, { file: p })),
    ...found.leftOver.map((p) =>
      error(
        "CLI_CHECK_DRIFT",
        `${p} is left over from an earlier compile (scorec no longer generates it; the compile removes it)${fix}`,
        { file: p },
      ),
    ),
  ];
}

// An input of this compile is never a left-over to remove, whatever its first line says.
export function withoutInputs(plan: OutputPlan, inputs: ReadonlySet<string>): OutputPlan {
  return { ...plan, leftOver: plan.leftOver.filter((f) => !inputs.has(f.path)) };
}

// `-o score.yaml` (or a rules or patch file) would replace an input with generated output.
export function refuseInputs(placed: readonly PlacedFile[], inputs: ReadonlySet<string>): void {
  const clash = placed.find((p) => p.path !== "-" && inputs.has(p.path));
  if (clash)
    throw new IoError(
      `${clash.display}: is an input of this compile; scorec does not overwrite its own inputs`,
      clash.display,
      true,
    );
}

/** A text plan with the binary files' plan added (their manifest and files, their left-overs). */
export function withBinary(
  plan: OutputPlan,
  binary: ReturnType<typeof placeBinaryFiles> | undefined,
  io: CliIO,
  compare: boolean,
): OutputPlan {
  if (!binary) return plan;
  const more = planBinaryOutputs(io, binary, compare);
  return { files: [...plan.files, ...more.files], leftOver: [...plan.leftOver, ...more.leftOver] };
}

// A stream carries one text; a bind mount needs a file beside the compose file.
function binaryToStream(output: string, paths: readonly string[]): Diagnostic {
  return error(
    "CLI_USAGE",
    `-o ${output}: the compose file bind-mounts ${paths.length === 1 ? "a binary file" : `${paths.length} binary files`} (${paths.join(", ")}), which ${output === "-" ? "standard output" : "a device or a FIFO"} cannot carry`,
    undefined,
    "write the compose file with -o FILE (the files go to a folder beside it), or use --format json, whose report carries them as base64",
  );
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, "0");
}
