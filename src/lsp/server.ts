/**
 * `scorec lsp --stdio`: a Language Server Protocol server for Score files and rules tables. An adapter like the
 * CLI: it reads the disk (src/lsp/workspace.ts), asks the pure library, and speaks LSP over standard input and
 * output through vscode-languageserver. Which files form a project is decided in src/lsp/project.ts alone.
 */
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { VERSION } from "../version.js";
import { Analysis } from "./analysis.js";
import { complete } from "./completion.js";
import { definition } from "./definition.js";
import { hover } from "./hover.js";
import { discoverProject, isScoreFile, type Project } from "./project.js";
import { lspDiagnostic, snapshot } from "./to-lsp.js";
import { pathOf, Workspace } from "./workspace.js";

/** Settings a client may pass as `initializationOptions`. */
export interface ServerOptions {
  /** Milliseconds between the last change and the check of its project (default 150); 0 checks on every change. */
  debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 150;

/** Serves LSP on the given streams until the client sends `exit` (or closes the input); never resolves. */
export function startServer(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const connection = createConnection(input, output);
  new ScorecServer(connection).listen();
  return new Promise<number>(() => {});
}

class ScorecServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly workspace = new Workspace();
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per project folder: the analysis of its current texts, dropped whenever one of them changes. */
  private readonly analyses = new Map<string, Analysis>();
  /** Per project folder: the URIs that were given diagnostics, so that fixed files get theirs cleared. */
  private readonly published = new Map<string, Set<string>>();

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    let watchFiles = false;
    c.onInitialize((params): InitializeResult => {
      const options = (params.initializationOptions ?? {}) as ServerOptions;
      watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
      if (typeof options.debounceMs === "number" && options.debounceMs >= 0) this.debounceMs = options.debounceMs;
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Full,
          completionProvider: { triggerCharacters: ["{", "."] },
          hoverProvider: true,
          definitionProvider: true,
        },
        serverInfo: { name: "scorec", version: VERSION },
      };
    });
    // Files changed on disk (a checkout, another editor) are seen at once where the client can watch them for us.
    c.onInitialized(() => {
      if (watchFiles)
        c.client
          .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.{yaml,yml}" }] })
          .catch(() => undefined);
    });
    // TextDocuments reports an opened document as changed too: the open is checked at once, the change is skipped.
    const opened = new Map<string, number>();
    this.documents.onDidOpen((e) => {
      opened.set(e.document.uri, e.document.version);
      this.changed(e.document, 0);
    });
    this.documents.onDidChangeContent((e) => {
      if (opened.get(e.document.uri) === e.document.version) return void opened.delete(e.document.uri);
      this.changed(e.document, this.debounceMs);
    });
    this.documents.onDidClose((e) => {
      this.workspace.close(e.document.uri);
      const path = pathOf(e.document.uri);
      if (path) this.invalidate(path, 0);
    });
    c.onDidChangeWatchedFiles((e) => {
      for (const change of e.changes) {
        const path = pathOf(change.uri);
        if (!path) continue;
        this.workspace.forget(path);
        this.invalidate(path, this.debounceMs);
      }
    });
    c.onCompletion(
      (p) =>
        this.guard(null, () =>
          this.at(p.textDocument.uri, p.position, (doc, path, offset, a) => complete(doc, path, offset, a)),
        ) ?? [],
    );
    c.onHover(
      (p) =>
        this.guard(null, () =>
          this.at(p.textDocument.uri, p.position, (doc, path, offset, a) => hover(doc, path, offset, a)),
        ) ?? null,
    );
    c.onDefinition(
      (p) =>
        this.guard(null, () =>
          this.at(p.textDocument.uri, p.position, (doc, path, offset, a) =>
            definition(doc, path, offset, a, this.workspace),
          ),
        ) ?? null,
    );
    this.documents.listen(c);
    c.listen();
  }

  private changed(doc: TextDocument, delay: number): void {
    this.workspace.setOpen(doc);
    const path = pathOf(doc.uri);
    if (path) this.invalidate(path, delay);
  }

  /** Drops the analysis of the file's folder and checks it again after `delay` ms. */
  private invalidate(path: string, delay: number): void {
    const root = path.slice(0, path.lastIndexOf("/")) || "/";
    this.analyses.delete(root);
    clearTimeout(this.timers.get(root));
    const run = () => {
      this.timers.delete(root);
      this.guard(undefined, () => this.check(path));
    };
    if (delay === 0) run();
    else this.timers.set(root, setTimeout(run, delay));
  }

  /** Publishes the diagnostics of every file of the project of `path`, and clears those of files now clean. */
  private check(path: string): void {
    const project = discoverProject(path, this.workspace);
    const root = path.slice(0, path.lastIndexOf("/")) || "/";
    const before = this.published.get(root) ?? new Set<string>();
    const now = new Set<string>();
    if (project) {
      const analysis = this.analysis(project);
      const byFile = new Map<string, ReturnType<typeof lspDiagnostic>[]>();
      const texts = new Map([...analysis.scoreSources, ...analysis.rulesSources].map((s) => [s.path, s.text]));
      for (const d of analysis.diagnostics) {
        // A problem without a file (none is expected once a build is chosen) is shown at the top of every Score file.
        const files = d.file !== undefined ? [d.file] : analysis.scoreSources.map((s) => s.path);
        for (const file of files) {
          const abs = analysis.abs(file);
          const uri = this.workspace.uriFor(abs);
          const doc = this.workspace.document(abs) ?? snapshot(uri, texts.get(file) ?? this.workspace.text(abs) ?? "");
          const list = byFile.get(uri) ?? byFile.set(uri, []).get(uri)!;
          list.push(lspDiagnostic(doc, d));
        }
      }
      for (const [uri, diagnostics] of byFile) {
        this.publish(uri, diagnostics);
        now.add(uri);
      }
    }
    for (const uri of before) if (!now.has(uri)) this.publish(uri, []);
    // A file that never had any still gets an (empty) answer when it is opened, so a client knows it was checked.
    const own = this.workspace.uriFor(path);
    if (!now.has(own) && !before.has(own) && this.workspace.document(path)) this.publish(own, []);
    this.published.set(root, now);
  }

  // A client that went away rejects the notification; the server then ends with the closed input, not with an
  // unhandled rejection.
  private publish(uri: string, diagnostics: ReturnType<typeof lspDiagnostic>[]): void {
    this.connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  }

  private analysis(project: Project): Analysis {
    let a = this.analyses.get(project.root);
    if (!a) {
      a = new Analysis(project, this.workspace);
      this.analyses.set(project.root, a);
    }
    return a;
  }

  /** Runs a feature at a position of an open Score file. */
  private at<T>(
    uri: string,
    position: { line: number; character: number },
    feature: (doc: TextDocument, path: string, offset: number, analysis: Analysis) => T,
  ): T | null {
    const doc = this.documents.get(uri);
    const path = pathOf(uri);
    if (!doc || !path || !isScoreFile(path, doc.getText())) return null;
    this.workspace.setOpen(doc);
    const project = discoverProject(path, this.workspace);
    if (!project) return null;
    return feature(doc, path, doc.offsetAt(position), this.analysis(project));
  }

  /** A bug in a feature must not take the editor's server down: it is logged and the request gets no answer. */
  private guard<T>(fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      this.connection.console.error(`scorec: internal error: ${(e as Error).stack ?? String(e)}`);
      return fallback;
    }
  }
}
