import { formatDiagnostics, type DiagnosticFormat } from "../diagnostics/format.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { ExitCode, type CliIO } from "./io.js";
import type { ParsedArgs } from "./main.js";

/** Prints a usage error and returns the usage exit code. */
export function usageError(io: CliIO, message: string): number {
  io.stderr(`error CLI_USAGE: ${message}\nRun "scorec --help" for usage.\n`);
  return ExitCode.USAGE;
}

/** The diagnostics format chosen on the command line. */
export function formatOf(args: ParsedArgs): DiagnosticFormat {
  const f = args.format;
  return f === "json" || f === "github" ? f : "text";
}

/** Whether text diagnostics get colours: --color/--no-color wins, else a TTY without NO_COLOR. */
export function useColor(args: ParsedArgs, io: CliIO): boolean {
  if (typeof args.color === "boolean") return args.color;
  return io.stdoutIsTTY && !io.env.NO_COLOR;
}

/**
 * Prints diagnostics in text or github format to stderr (json is printed by the command as part of its one
 * JSON document) and returns INVALID when any is an error, else OK.
 */
export function reportDiagnostics(io: CliIO, args: ParsedArgs, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): number {
  const format = formatOf(args);
  if (format !== "json" && diagnostics.length > 0) {
    const tty = io.stdoutIsTTY;
    io.stderr(formatDiagnostics(diagnostics, { format, ...(tty ? { sources } : {}), color: useColor(args, io) }));
  }
  return hasErrors(diagnostics) ? ExitCode.INVALID : ExitCode.OK;
}
