import { formatDiagnostics, diagnosticToJson, type DiagnosticFormat } from "../diagnostics/format.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { ExitCode, type CliIO } from "../node/io.js";

/** The options every report reads. */
export interface FormatArgs {
  format?: string | undefined;
  color?: boolean | undefined;
}

/** The diagnostics format chosen on the command line. */
export function formatOf(args: FormatArgs): DiagnosticFormat {
  const f = args.format;
  return f === "json" || f === "github" ? f : "text";
}

/** Whether text diagnostics get colours: --color/--no-color wins, else stderr a terminal without NO_COLOR. */
export function useColor(args: FormatArgs, io: CliIO): boolean {
  if (typeof args.color === "boolean") return args.color;
  return io.stderrIsTTY && !io.env.NO_COLOR;
}

/**
 * Prints diagnostics in text or github format to stderr (json is printed by the command as part of its one
 * JSON document) and returns INVALID when any is an error, else OK.
 */
export function reportDiagnostics(
  io: CliIO,
  args: FormatArgs,
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
): number {
  const format = formatOf(args);
  if (format !== "json" && diagnostics.length > 0) {
    const tty = io.stderrIsTTY;
    io.stderr(formatDiagnostics(diagnostics, { format, ...(tty ? { sources } : {}), color: useColor(args, io) }));
  }
  return hasErrors(diagnostics) ? ExitCode.INVALID : ExitCode.OK;
}

/**
 * Prints the one JSON document of a `--format json` run (docs/cli-json.md): `ok`, `exitCode`, the command's own fields,
 * then `diagnostics`. Every path of every command ends here exactly once when --format is json.
 */
export function printJson(
  io: CliIO,
  command: string,
  exitCode: number,
  fields: Record<string, unknown>,
  diagnostics: readonly Diagnostic[],
): number {
  io.stdout(
    JSON.stringify(
      { ok: exitCode === ExitCode.OK, exitCode, command, ...fields, diagnostics: diagnostics.map(diagnosticToJson) },
      null,
      2,
    ) + "\n",
  );
  return exitCode;
}

/** Prints a usage error (text, or the JSON document) and returns the usage exit code. */
export function usageError(io: CliIO, json: boolean, message: string): number {
  if (json) return printJson(io, "", ExitCode.USAGE, {}, [{ code: "CLI_USAGE", severity: "error", message }]);
  io.stderr(`error CLI_USAGE: ${message}\nRun "scorec --help" for usage.\n`);
  return ExitCode.USAGE;
}

/** Reports a bug in scorec itself (an exception no command expected), never with a stack trace. */
export function internalError(io: CliIO, json: boolean, command: string, e: unknown): number {
  const message = `${(e as Error)?.message ?? String(e)}; scorec hit a bug, please report it with the input that caused it`;
  if (json)
    return printJson(io, command, ExitCode.INVALID, {}, [{ code: "INTERNAL_ERROR", severity: "error", message }]);
  io.stderr(`error INTERNAL_ERROR: ${message}\n`);
  return ExitCode.INVALID;
}
