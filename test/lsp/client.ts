import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { ROOT } from "../helpers/corpus.js";

/**
 * A real LSP client for the tests: spawns `node bin/scorec.js lsp --stdio` (what an editor runs) and speaks to it
 * through vscode-languageserver-protocol's stream reader and writer. Diagnostics are collected per URI.
 */
export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: { uri: string; after: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  stderr = "";
  /** What the server registered dynamically (client/registerCapability), by method. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  exitCode: Promise<number | null>;

  constructor(command: readonly string[] = [process.execPath, join(ROOT, "bin/scorec.js"), "lsp", "--stdio"]) {
    this.child = spawn(command[0]!, command.slice(1), { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr!.on("data", (b: Buffer) => (this.stderr += b.toString("utf8")));
    this.exitCode = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && list.length > w.after) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.connection.onRequest(
      "client/registerCapability",
      (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
        this.registrations.push(...p.registrations);
        return null;
      },
    );
    this.connection.listen();
  }

  async initialize(
    rootPath: string,
    initializationOptions: Record<string, unknown> = { debounceMs: 0 },
    capabilities: Record<string, unknown> = {},
  ) {
    const result = await this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: uri(rootPath),
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification("initialized", {});
    return result as { capabilities: Record<string, unknown> };
  }

  /** How many diagnostics notifications a file has had so far. */
  count(fileUri: string): number {
    return this.diagnostics.get(fileUri)?.length ?? 0;
  }

  /** The next diagnostics notification of a file after the first `after` ones (default: those seen so far). */
  nextDiagnostics(fileUri: string, after = this.count(fileUri), timeoutMs = 15_000): Promise<PublishDiagnosticsParams> {
    const list = this.diagnostics.get(fileUri) ?? [];
    if (list.length > after) return Promise.resolve(list[after]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no diagnostics for ${fileUri} within ${timeoutMs} ms; server stderr:\n${this.stderr}`)),
        timeoutMs,
      );
      this.waiters.push({ uri: fileUri, after, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  async open(path: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const u = uri(path);
    const next = this.nextDiagnostics(u);
    await this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: u, languageId: "yaml", version, text },
    });
    return next;
  }

  async change(path: string, text: string, version: number): Promise<PublishDiagnosticsParams> {
    const u = uri(path);
    const next = this.nextDiagnostics(u);
    await this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: u, version },
      contentChanges: [{ text }],
    });
    return next;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  /** shutdown + exit, as an editor ends a session; resolves with the process's exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    const code = await this.exitCode;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.child.kill();
  }
}

export function uri(path: string): string {
  return pathToFileURL(path).href;
}
