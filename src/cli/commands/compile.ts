import type { Argv } from "yargs";
import type { CompileInput } from "../../api/compile-input.js";
import { compileWith } from "../../api/pipeline.js";
import { error, sortDiagnostics, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { diagnosticToJson } from "../../diagnostics/format.js";
import type { TargetName } from "../../model/resolved.js";
import { ExitCode, IoError, type CliIO } from "../io.js";
import { loadEmitter } from "../load-emitter.js";
import type { ParsedArgs } from "../main.js";
import { absolute, readSources, sourceTexts } from "../read-inputs.js";
import { formatOf, reportDiagnostics } from "../report.js";
import { overrideOptions, readOverrides, scoreFiles } from "../shared-options.js";
import { maskedComparison, refuseSecretsOverMain, secretsOutputOf, shownDiagnostics, splitSecretsFile } from "../secrets-output.js";
import { checkFiles, placeFiles, writeFiles } from "../write-outputs.js";
import { defaultAppId, fileReader, stringList } from "./compile-support.js";

const DEFAULT_OUTPUT: Record<TargetName, string> = { compose: "compose.yaml", kubernetes: "manifests.yaml", helm: "values.yaml" };

/** Registers `scorec compile [files...]`. */
export function registerCompile(y: Argv): Argv {
  return y.command("compile [files..]", "Compile Score files into Compose, Kubernetes manifests or Helm values", (c) =>
    compileOptions(c)
      .option("output", { alias: "o", type: "string", requiresArg: true, describe: 'File or folder to write; "-" for stdout (default: compose.yaml, manifests.yaml or values.yaml)' })
      .option("check", { type: "boolean", default: false, describe: "Write nothing; exit 3 and print a diff when files on disk are stale" })
      .option("secrets-output", { type: "string", requiresArg: true, describe: "Write every derived secret to this file instead of the main artifact (kubernetes: the Secret objects; helm: a second values file)" }),
  );
}

/** The options every command that resolves resources shares (compile, graph). */
export function compileOptions<T>(c: Argv<T>): Argv<T> {
  return overrideOptions(c.positional("files", { type: "string", array: true, describe: "Score files (default: ./score.yaml)" }))
    .option("target", { alias: "t", choices: ["compose", "kubernetes", "helm"] as const, default: "compose", requiresArg: true, describe: "What to emit" })
    .option("rules", { alias: "r", type: "string", array: true, requiresArg: true, describe: "Rules table file (repeatable)" })
    .option("default-rules", { type: "boolean", default: true, describe: "Use the built-in default rules as the lower tier (--no-default-rules to drop them)" })
    .option("env", { alias: "e", type: "string", default: "local", requiresArg: true, describe: "Environment id" })
    .option("app", { type: "string", requiresArg: true, describe: "Application id (default: the name of the Score files' folder)" })
    .option("patch", { type: "string", array: true, requiresArg: true, describe: "RFC 6902 JSON Patch file applied to the output (repeatable)" })
    .option("namespace", { type: "string", requiresArg: true, describe: "Kubernetes/Helm namespace" })
    .option("seed", { type: "string", requiresArg: true, describe: "Seed for derived secrets (default: $SCOREC_SEED)" })
    .option("publish", { alias: "p", type: "string", array: true, requiresArg: true, describe: "Compose: publish HOST:WORKLOAD:PORT (repeatable)" }) as unknown as Argv<T>;
}

/** Reads every input the command line names and builds the CompileInput; read problems become diagnostics. */
export function readCompileInput(args: ParsedArgs, io: CliIO): { input: CompileInput; diagnostics: Diagnostic[]; texts: Map<string, string> } {
  const target = String(args.target ?? "compose") as TargetName;
  const files = scoreFiles(args);
  const read = readSources(io, files);
  const rules = readSources(io, stringList(args.rules));
  const patches = readSources(io, stringList(args.patch));
  const overrides = readOverrides(args, io);
  const seed = typeof args.seed === "string" ? args.seed : io.env.SCOREC_SEED;
  const input: CompileInput = {
    sources: read.sources,
    target,
    rules: rules.sources,
    noDefaultRules: args["default-rules"] === false,
    environment: String(args.env ?? "local"),
    app: typeof args.app === "string" ? args.app : defaultAppId(io.cwd, files),
    patches: patches.sources,
    readFile: fileReader(io),
    ...(overrides.value ? { overrides: overrides.value } : {}),
    ...(seed ? { seed } : {}),
    ...(typeof args.namespace === "string" ? { namespace: args.namespace } : {}),
    ...(stringList(args.publish).length ? { publish: stringList(args.publish) } : {}),
  };
  const diagnostics = [...read.diagnostics, ...rules.diagnostics, ...patches.diagnostics, ...overrides.diagnostics];
  return { input, diagnostics, texts: sourceTexts(read.sources, rules.sources, patches.sources) };
}

/** Runs `scorec compile`: 0 written/current, 1 errors, 3 stale under --check. */
export async function compileCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  const { input, diagnostics: early, texts } = readCompileInput(args, io);
  const target = input.target ?? "compose";
  const output = typeof args.output === "string" ? args.output : DEFAULT_OUTPUT[target];
  const isDir = output.endsWith("/") || (output !== "-" && io.exists(absolute(io, output)) && isFolder(io, output));
  if (isDir) input.split = target === "kubernetes";
  const secretsOutput = secretsOutputOf(args);
  if (secretsOutput !== undefined) input.secretsOutput = secretsOutput;

  const result = early.some((d) => d.severity === "error") ? { files: [], diagnostics: [], secrets: [] } : compileWith(input, await loadEmitter(target));
  const diagnostics: Diagnostic[] = shownDiagnostics(sortDiagnostics([...early, ...result.diagnostics]), result.secrets);
  const failed = diagnostics.some((d) => d.severity === "error");
  let code: number = failed ? ExitCode.INVALID : ExitCode.OK;
  const report: { path: string; status: string }[] = [];
  if (!failed) {
    const split = splitSecretsFile(io, result.files, secretsOutput);
    // --check compares what is committed; the secrets file is by design not committed, so it is never compared.
    const mainPlaced = placeFiles(io, split.main, output, isDir);
    const placed = [...mainPlaced, ...(args.check === true ? [] : split.secrets)];
    try {
      refuseSecretsOverMain(mainPlaced, split.secrets);
      if (args.check === true) {
        const check = checkFiles(io, placed, maskedComparison(result.secrets));
        for (const p of placed) report.push({ path: p.display, status: check.stale.includes(p.display) ? "stale" : "current" });
        if (check.stale.length > 0) {
          if (formatOf(args) !== "json") io.stdout(check.diff);
          diagnostics.push(...check.stale.map((p) => error("CLI_CHECK_DRIFT", `${p} is out of date; run scorec compile to regenerate it`, { file: p })));
          code = ExitCode.DRIFT;
        }
      } else {
        refuseInputs(io, placed, [...texts.keys(), ...stringList(args["overrides-file"])]);
        writeFiles(io, placed);
        for (const p of placed) report.push({ path: p.display, status: p.path === "-" ? "stdout" : "written" });
      }
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      diagnostics.push(error(e.unsafe ? "CLI_OUTPUT_UNSAFE" : "CLI_IO", e.message, { file: e.path }));
      code = ExitCode.INVALID;
    }
  }
  if (formatOf(args) === "json") {
    io.stdout(JSON.stringify({ ok: code === ExitCode.OK, exitCode: code, outputs: report, diagnostics: diagnostics.map(diagnosticToJson) }, null, 2) + "\n");
    return code;
  }
  const reported = reportDiagnostics(io, args, diagnostics, texts);
  if (code === ExitCode.OK && formatOf(args) === "text" && output !== "-") io.stderr(report.map((r) => `${r.status === "current" ? "up to date" : "wrote"} ${r.path}\n`).join(""));
  return code === ExitCode.DRIFT ? code : Math.max(code, reported);
}

// `-o score.yaml` (or a rules or patch file) would replace an input with generated output.
function refuseInputs(io: CliIO, placed: readonly { display: string; path: string }[], inputs: readonly string[]): void {
  const given = new Set(inputs.map((p) => absolute(io, p)));
  const clash = placed.find((p) => p.path !== "-" && given.has(p.path));
  if (clash) throw new IoError(`${clash.display}: is an input of this compile; scorec does not overwrite its own inputs`, clash.display, true);
}

function isFolder(io: CliIO, path: string): boolean {
  try {
    io.readFile(absolute(io, path));
    return false;
  } catch (e) {
    return e instanceof IoError && /is a directory/.test(e.message);
  }
}
