import yargs from "yargs";
import type { Argv } from "yargs";
import { VERSION } from "../version.js";
import { COMPILE_COMMAND, compileBuilder, compileCommand } from "./commands/compile.js";
import type { CommandContext } from "./main.js";
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
import { withUsageHint } from "./usage-hints.js";

/** Every command of scorec, by the name a report gives it. */
export type CommandName =
  "compile" | "graph" | "init" | "validate" | "explain" | "lsp" | "build" | "diff" | "outputs" | "rules check";

/** Runs a command's handler and keeps its exit code; never throws (a bug becomes INTERNAL_ERROR). */
export type CommandHandle = (name: CommandName, command: () => Promise<number> | number) => Promise<void>;

/**
 * scorec's command line as yargs parses it: every command, its options and its help. `parseAsync` runs the command
 * through `handle`, or rejects with the usage message (with a "did you mean" where a name is close). Every handler
 * but compile's loads when it runs: a compile initializes only its own target's modules (bench: lazy target
 * loading), and no other command's code (validate, explain, init, graph, the language server, projects). `compile`
 * is a parameter for the test that holds the fast path (fast-compile-args.ts) equal to yargs.
 */
export function commandLine(ctx: CommandContext, handle: CommandHandle, compile = compileCommand): Argv {
  const parser: Argv = globalOptions(base())
    .command(
      COMPILE_COMMAND,
      "Compile Score files into Compose, Kubernetes manifests or Helm values",
      (c) => compileBuilder(c),
      (a) => handle("compile", () => compile(a, ctx)),
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
      throw new Error(msg ? withUsageHint(msg, optionNames) : err?.message || "invalid command line");
    });
  skipHelpCache(parser);
  return parser;
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

// yargs renders the whole help text after running any command's handler (command.js calls cacheHelpMessage), in case
// the program later calls showHelp(), which scorec never does; that rendering loads yargs' layout modules, which the
// bundle keeps lazy: a cold `compile` pays 140-170 ms more without this (docs/performance.md). yargs has no option for
// it; without these internals (another yargs version), nothing changes but the speed.
function skipHelpCache(y: Argv): void {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = (y as unknown as Internals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
}
