import { ExitCode, IoError, type CliIO } from "../node/io.js";
import type { CommandHandle } from "./command-line.js";
import { compileCommand, type CompileCommandArgs } from "./commands/compile.js";
import { dashFileProblem } from "./dash-file.js";
import { fastCompileArgs } from "./fast-compile-args.js";
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
  let output = "";
  const ctx: CommandContext = { io, argv };
  // Handlers never throw: a bug becomes INTERNAL_ERROR here, so a rejected parse only ever means a usage error.
  const handle: CommandHandle = async (name, command) => {
    try {
      code = await command();
    } catch (e) {
      code = internalError(io, json, name, e);
    }
  };
  const fast = fastCompileArgs(argv);
  if (fast) {
    await handle("compile", () => compileCommand(fast as CompileCommandArgs, ctx));
    return code!;
  }
  // Only here: the fast path takes no command line with a lone "-" among the files.
  const dash = dashFileProblem(argv);
  if (dash !== undefined) return usageError(io, json, dash);
  try {
    const { commandLine } = await import("./command-line.js");
    await commandLine(ctx, handle).parseAsync([...argv], {}, (_err: unknown, _argv: unknown, out: string) => {
      output = out;
    });
  } catch (e) {
    return usageError(io, json, (e as Error).message);
  }
  if (code !== undefined) return code;
  if (output) {
    // --help or --version
    if (json) return printJson(io, "", ExitCode.OK, { text: output.endsWith("\n") ? output : output + "\n" }, []);
    io.stdout(output.endsWith("\n") ? output : output + "\n");
    return ExitCode.OK;
  }
  return usageError(io, json, "missing command; try scorec --help");
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
