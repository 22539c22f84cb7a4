import { parseArgs } from "node:util";
import type { Argv } from "yargs";
import { compileBuilder } from "./commands/compile.js";
import { declarationOf } from "./fast-compile-args.js";
import { explainBuilder, graphBuilder, validateBuilder } from "./options.js";

// The commands whose positionals are Score files.
const SCORE_FILE_COMMANDS: Readonly<Record<string, (y: Argv) => unknown>> = {
  compile: compileBuilder,
  validate: validateBuilder,
  explain: explainBuilder,
  graph: graphBuilder,
};

/**
 * The usage error for a lone `-` among a command's Score files (`scorec compile - < score.yaml`): yargs drops it, so
 * the command would go on with ./score.yaml, or the other files named, without a word. Standard input is not a source
 * of Score files. A `-` that is an option's value (`-o -`) or comes after `--` (a file named "-") is not one.
 */
export function dashFileProblem(argv: readonly string[]): string | undefined {
  const builder = SCORE_FILE_COMMANDS[argv[0] ?? ""];
  if (!builder || !argv.includes("-")) return undefined;
  const declaration = declarationOf(builder);
  if (!declaration) return undefined;
  // Not strict: an unknown option is yargs' to report; it is read as a flag here, which is what every boolean is.
  const options: Record<string, { type: "string"; short?: string }> = {};
  for (const [name, spec] of declaration.options)
    if (spec.type !== "boolean") options[name] = { type: "string", ...(spec.alias ? { short: spec.alias } : {}) };
  const { tokens } = parseArgs({ args: argv.slice(1), options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === "option-terminator") return undefined;
    if (token.kind === "positional" && token.value === "-")
      return `"-" is not a Score file: scorec ${argv[0]} reads Score files by name, not from standard input; name the file (e.g. score.yaml, or ./- for a file called "-")`;
  }
  return undefined;
}
