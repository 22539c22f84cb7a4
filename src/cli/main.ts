import yargs, { type Argv } from "yargs";
import { ExitCode, IoError, type CliIO } from "../node/io.js";
import { VERSION } from "../version.js";
import { withUsageHint } from "./usage-hints.js";
import { compileCommand, compileBuilder } from "./commands/compile.js";
import {
  buildBuilder,
  diffBuilder,
  explainBuilder,
  globalOptions,
  graphBuilder,
  initBuilder,
  LSP_DESCRIPTION,
  lspBuilder,
  outputsBuilder,
  rulesCheckBuilder,
  validateBuilder,
} from "./options.js";
import { internalError, printJson, usageError } from "./report.js";

/** What a command handler gets besides its parsed arguments. */
export interface CommandContext {
  io: CliIO;
  /** The command line as given (without `node` and the script), e.g. to print the command that regenerates files. */
  argv: readonly string[];
}

/**
 * Runs the scorec command line with the given arguments (without `node` and the script) against an I/O
 * implementation, and returns the exit code. Never exits the process and never throws for bad input. With
 * `--format json`, standard output receives exactly one JSON document, whatever happens.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const json = asksForJson(argv);
  const code = await dispatch(argv, io, json);
  try {
    await io.flush();
    return code;
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    io.stderr(`error CLI_IO: ${e.message}\n`);
    await io.flush().catch(() => undefined);
    return ExitCode.INVALID;
  }
}

async function dispatch(argv: readonly string[], io: CliIO, json: boolean): Promise<number> {
  let code: number | undefined;
  let failure: string | undefined;
  let output = "";
  const ctx: CommandContext = { io, argv };
  // Handlers never throw: a bug becomes INTERNAL_ERROR here, so yargs' fail() only ever sees command-line problems.
  const handle = async (name: string, command: () => Promise<number> | number): Promise<void> => {
    try {
      code = await command();
    } catch (e) {
      code = internalError(io, json, name, e);
    }
  };
  try {
    // Every handler but compile's loads when it runs: a compile initializes only its own target's modules (bench: lazy
    // target loading), and no other command's code (validate, explain, init, graph, the language server, projects).
    const parser = globalOptions(base())
      .command(
        "compile [files..]",
        "Compile Score files into Compose, Kubernetes manifests or Helm values",
        (c) => compileBuilder(c),
        (a) => handle("compile", () => compileCommand(a, ctx)),
      )
      .command(
        "graph [files..]",
        "Print the resolved graph (workloads → resources → winning rules → dependencies) as Mermaid or Graphviz DOT",
        (c) => graphBuilder(c),
        (a) => handle("graph", async () => (await import("./commands/graph.js")).graphCommand(a, ctx)),
      )
      .command(
        "init",
        "Write a starter score.yaml (and with --rules a starter rules table); never overwrites a file",
        (c) => initBuilder(c),
        (a) => handle("init", async () => (await import("./commands/init.js")).initCommand(a, ctx)),
      )
      .command(
        "validate [files..]",
        "Check Score files against the schema and the semantic rules; writes nothing",
        (c) => validateBuilder(c),
        (a) => handle("validate", async () => (await import("./commands/validate.js")).validateCommand(a, ctx)),
      )
      .command(
        "explain [files..]",
        "For every resource: the rule that wins in an environment and target, and why each other rule loses",
        (c) => explainBuilder(c),
        (a) => handle("explain", async () => (await import("./commands/explain.js")).explainCommand(a, ctx)),
      )
      .command(
        "lsp",
        LSP_DESCRIPTION,
        (c) => lspBuilder(c),
        () => handle("lsp", async () => (await import("./commands/lsp.js")).lspCommand()),
      )
      .command(
        "build",
        "Compile every build of the project (scorec.yaml) into its output; --check lists every stale file",
        (c) => buildBuilder(c),
        (a) => handle("build", async () => (await import("./commands/build.js")).buildCommand(a, ctx)),
      )
      .command(
        "diff",
        "What a change does to every build of the project: rules, outputs, workloads and files that change",
        (c) => diffBuilder(c),
        (a) => handle("diff", async () => (await import("./commands/diff.js")).diffCommand(a, ctx)),
      )
      .command(
        "outputs",
        "Every resource of the project per environment: its winning rule and outputs (secrets masked)",
        (c) => outputsBuilder(c),
        (a) => handle("outputs", async () => (await import("./commands/outputs.js")).outputsCommand(a, ctx)),
      )
      .command("rules", "Work with rules tables", (r) =>
        r
          .command(
            "check <files..>",
            "Check rules files statically against every declared environment and target; writes nothing",
            (c) => rulesCheckBuilder(c),
            (a) =>
              handle("rules check", async () => (await import("./commands/rules-check.js")).rulesCheckCommand(a, ctx)),
          )
          .demandCommand(1, "missing rules command; try scorec rules check FILE..."),
      )
      .fail((msg, err) => {
        // Throwing stops yargs here: without it, yargs would go on to run the command's handler.
        // The options of the command being parsed (getOptions is yargs API its type declarations leave out).
        const optionNames = Object.keys(
          (parser as unknown as { getOptions(): { key?: Record<string, unknown> } }).getOptions().key ?? {},
        ).filter((k) => k.length > 1);
        failure = msg ? withUsageHint(msg, optionNames) : err?.message || "invalid command line";
        throw new Error(failure);
      });
    skipHelpCache(parser);
    await parser.parseAsync([...argv], {}, (_err: unknown, _argv: unknown, out: string) => {
      output = out;
    });
  } catch (e) {
    failure ??= (e as Error).message;
  }
  if (failure !== undefined) return usageError(io, json, failure);
  if (code !== undefined) return code;
  if (output) {
    // --help or --version
    if (json) return printJson(io, "", ExitCode.OK, { text: output.endsWith("\n") ? output : output + "\n" }, []);
    io.stdout(output.endsWith("\n") ? output : output + "\n");
    return ExitCode.OK;
  }
  return usageError(io, json, "missing command; try scorec --help");
}

function base(): Argv {
  return yargs()
    .scriptName("scorec")
    .usage(
      "$0 <command> [options]\n\nCompile Score workload specs (score.dev/v1b1) into Docker Compose, Kubernetes manifests or Helm values.",
    )
    .version(VERSION)
    .help()
    .alias("h", "help")
    .strict()
    .strictOptions()
    .strictCommands()
    .exitProcess(false)
    .wrap(100)
    .parserConfiguration({
      "dot-notation": false,
      "duplicate-arguments-array": true,
      "greedy-arrays": false,
      "unknown-options-as-args": false,
    })
    .demandCommand(1, "missing command; try scorec --help")
    .recommendCommands();
}

// A usage error is found before --format is parsed (or instead of it), and must still be one JSON document when
// the user asked for JSON: the raw arguments decide. Arguments after "--" are file names.
function asksForJson(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") return false;
    if (a === "--format=json" || (a === "--format" && argv[i + 1] === "json")) return true;
  }
  return false;
}

// yargs renders the whole help text after running any command's handler (command.js calls cacheHelpMessage), in case
// the program later calls showHelp(), which scorec never does; that rendering loads yargs' layout modules, which the
// bundle keeps lazy: a cold `compile` pays 140-170 ms more without this (docs/performance.md). yargs has no option for
// it; without these internals (another yargs version), nothing changes but the speed.
function skipHelpCache(y: Argv): void {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = (y as unknown as Internals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
}
