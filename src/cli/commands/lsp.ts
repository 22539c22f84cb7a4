import type { Argv } from "yargs";

/** What `scorec --help` says about the command. */
export const LSP_DESCRIPTION =
  "Run the language server for editors (diagnostics, completion, hover, go to definition) over standard input and output";

/**
 * The options of `scorec lsp`: only the stdio transport exists, and editors pass `--stdio` by convention. Some
 * clients add `--clientProcessId=PID` (vscode-languageserver then ends the server when that process is gone).
 */
export function lspBuilder(y: Argv): Argv {
  return y
    .option("stdio", {
      type: "boolean",
      demandOption: "give --stdio: the server speaks LSP over standard input and output",
      describe: "Speak LSP over standard input and output",
    })
    .option("clientProcessId", {
      type: "number",
      hidden: true,
      describe: "Process id of the editor; the server exits when it is gone",
    });
}

/**
 * Runs the server until the client sends `exit` (the LSP library then ends the process with 0, or 1 without a prior
 * `shutdown`, as the protocol says). Imported on demand so that other commands never load vscode-languageserver.
 */
export async function lspCommand(): Promise<number> {
  const { startServer } = await import("../../lsp/server.js");
  return startServer();
}
