/**
 * Runs the server until the client sends `exit` (the LSP library then ends the process with 0, or 1 without a prior
 * `shutdown`, as the protocol says). Imported on demand so that other commands never load vscode-languageserver.
 */
export async function lspCommand(): Promise<number> {
  const { startServer } = await import("../../lsp/server.js");
  return startServer();
}
