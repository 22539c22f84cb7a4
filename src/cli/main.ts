import yargs, { type Argv } from "yargs";
import { ExitCode, type CliIO } from "./io.js";
import { VERSION } from "../version.js";
import { validateCommand, registerValidate } from "./commands/validate.js";
import { explainCommand, registerExplain } from "./commands/explain.js";
import { rulesCommand, registerRules } from "./commands/rules-check.js";
import { compileCommand, registerCompile } from "./commands/compile.js";
import { graphCommand, registerGraph } from "./commands/graph.js";
import { initCommand, registerInit } from "./commands/init.js";
import { lspCommand, registerLsp } from "./commands/lsp.js";
import { usageError } from "./report.js";

/** A parsed command line: yargs' output with the command name first. */
export type ParsedArgs = Record<string, unknown> & { _: (string | number)[] };

type CommandRunner = (args: ParsedArgs, io: CliIO) => Promise<number> | number;

const COMMANDS: Record<string, CommandRunner> = {
  compile: compileCommand,
  graph: graphCommand,
  init: initCommand,
  validate: validateCommand,
  explain: explainCommand,
  rules: rulesCommand,
  lsp: lspCommand,
};

/**
 * Runs the scorec command line with the given arguments (without `node` and the script) against an I/O
 * implementation, and returns the exit code. Never exits the process and never throws for bad input.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let parsed: ParsedArgs | undefined;
  let output = "";
  let failure: string | undefined;
  try {
    const parser = buildParser().fail((msg, err) => {
      failure = msg || err?.message || "invalid command line";
    });
    parsed = (await parser.parseAsync([...argv], {}, (_err: unknown, _argv: unknown, out: string) => {
      output = out;
    })) as ParsedArgs;
  } catch (e) {
    failure ??= (e as Error).message;
  }
  if (failure !== undefined) return usageError(io, failure);
  if (output) {
    io.stdout(output.endsWith("\n") ? output : output + "\n");
    return ExitCode.OK; // --help or --version
  }
  const name = String(parsed?._[0] ?? "");
  const command = COMMANDS[name];
  if (!command || !parsed) return usageError(io, name ? `unknown command "${name}"` : "missing command; try scorec --help");
  try {
    return await command(parsed, io);
  } catch (e) {
    io.stderr(`error INTERNAL_ERROR: ${(e as Error).message}\nscorec hit a bug; please report it with the input that caused it.\n`);
    return ExitCode.INVALID;
  }
}

function buildParser(): Argv {
  let y: Argv = yargs()
    .scriptName("scorec")
    .usage("$0 <command> [options]\n\nCompile Score workload specs (score.dev/v1b1) into Docker Compose, Kubernetes manifests or Helm values.")
    .version(VERSION)
    .help()
    .alias("h", "help")
    .strict()
    .strictOptions()
    .exitProcess(false)
    .wrap(100)
    .parserConfiguration({ "dot-notation": false, "duplicate-arguments-array": true, "greedy-arrays": false, "unknown-options-as-args": false })
    .option("format", { choices: ["text", "json", "github"] as const, default: "text", requiresArg: true, describe: "Diagnostics format", global: true })
    .option("color", { type: "boolean", describe: "Colour diagnostics (default: when stdout is a terminal and NO_COLOR is unset)", global: true })
    .demandCommand(1, "missing command; try scorec --help")
    .recommendCommands() as unknown as Argv;
  y = registerCompile(y);
  y = registerGraph(y);
  y = registerInit(y);
  y = registerValidate(y);
  y = registerExplain(y);
  y = registerRules(y);
  y = registerLsp(y);
  skipHelpCache(y);
  return y;
}

// yargs renders the whole help text after every command in case the program later calls showHelp() or getHelp(),
// which scorec never does; on a cold start that rendering costs about a tenth of a typical compile. --help and usage
// errors do not use this cache. Without these yargs internals, nothing changes.
function skipHelpCache(y: Argv): void {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = (y as unknown as Internals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
}
