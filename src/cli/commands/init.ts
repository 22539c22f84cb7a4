import type { Argv } from "yargs";
import { ExitCode, IoError, type CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { absolute } from "../read-inputs.js";
import { STARTER_RULES, STARTER_SCORE } from "./init-templates.js";

/** Registers `scorec init`. */
export function registerInit(y: Argv): Argv {
  return y.command("init", "Write a starter score.yaml (and with --rules a starter rules table); never overwrites a file", (c) =>
    c
      .option("file", { alias: "f", type: "string", default: "score.yaml", requiresArg: true, describe: "Score file to create" })
      .option("rules", { type: "string", requiresArg: true, describe: "Also create a starter rules table at this path (e.g. rules.yaml)" }),
  );
}

/** Runs `scorec init`: creates the missing starter files; an existing file is left untouched and reported. */
export function initCommand(args: ParsedArgs, io: CliIO): number {
  const wanted: { path: string; text: string }[] = [{ path: String(args.file ?? "score.yaml"), text: STARTER_SCORE }];
  if (typeof args.rules === "string") wanted.push({ path: args.rules, text: STARTER_RULES });
  for (const f of wanted) {
    try {
      io.stderr(io.createFile(absolute(io, f.path), f.text) ? `wrote ${f.path}\n` : `${f.path} already exists; left unchanged\n`);
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      io.stderr(`error CLI_IO: ${e.message}\n`);
      return ExitCode.INVALID;
    }
  }
  return ExitCode.OK;
}
