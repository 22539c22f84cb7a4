/**
 * A minimal VS Code client for scorec's language server: it starts `scorec lsp --stdio` (the workspace's own scorec
 * when it has one, so the editor uses the version the project pins) for YAML files, and leaves everything else to
 * the server. Not built or published from the scorec repository; see editors/vscode/README.md.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { workspace, type ExtensionContext } from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const config = workspace.getConfiguration("scorec");
  const command = scorecCommand(config.get<string>("path", "scorec"));
  // No `transport` on purpose: with TransportKind.stdio the client appends a second `--stdio` itself.
  const server: ServerOptions = { command, args: ["lsp", "--stdio"] };
  const options: LanguageClientOptions = {
    // The server decides per file: Score files (by name or apiVersion) and rules*.yaml; other YAML gets nothing.
    documentSelector: [{ scheme: "file", language: "yaml" }],
    synchronize: { fileEvents: workspace.createFileSystemWatcher("**/*.{yaml,yml}") },
    initializationOptions: { debounceMs: config.get<number>("debounceMs", 150) },
  };
  client = new LanguageClient("scorec", "scorec", server, options);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function scorecCommand(configured: string): string {
  if (configured !== "scorec") return configured;
  for (const folder of workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, "node_modules", ".bin", process.platform === "win32" ? "scorec.cmd" : "scorec");
    if (existsSync(local)) return local;
  }
  return "scorec";
}
