import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { decodeSource } from "../load/decode.js";
import type { ProjectFiles } from "./project.js";

// A check of a 100-file project stat-ed every file twice, about 4 ms of a 25 ms budget; while someone types, files on
// disk are looked at again at most this often (file watchers, when the client has them, invalidate at once).
const DISK_TTL_MS = 1000;

/**
 * The files the server sees: open documents as the editor holds them, every other file as it is on disk (read again
 * only when its modification time or size changes). The only module of src/lsp that reads the disk.
 */
export class Workspace implements ProjectFiles {
  private readonly open = new Map<string, TextDocument>();
  private readonly disk = new Map<string, { mtimeMs: number; size: number; text: string | undefined; seen: number }>();
  private readonly folders = new Map<string, { names: string[]; seen: number }>();

  /** Forgets what is known about a file on disk (a file watcher saw it change). */
  forget(path: string): void {
    this.disk.delete(path);
    this.folders.delete(path.slice(0, path.lastIndexOf("/")) || "/");
  }

  /** Called on open and on every change of a document. */
  setOpen(doc: TextDocument): void {
    const path = pathOf(doc.uri);
    if (path !== undefined) this.open.set(path, doc);
  }

  /** Called on close: the file is read from disk again from now on. */
  close(uri: string): void {
    const path = pathOf(uri);
    if (path !== undefined) this.open.delete(path);
  }

  /** The URI to publish a file's diagnostics under: the open document's own, else the file's. */
  uriFor(path: string): string {
    return this.open.get(path)?.uri ?? uriOf(path);
  }

  /** The open document of a path, if any. */
  document(path: string): TextDocument | undefined {
    return this.open.get(path);
  }

  text(path: string): string | undefined {
    const doc = this.open.get(path);
    if (doc) return doc.getText();
    const now = performance.now();
    const known = this.disk.get(path);
    if (known && now - known.seen < DISK_TTL_MS) return known.text;
    let st;
    try {
      st = statSync(path);
    } catch {
      this.disk.delete(path);
      return undefined;
    }
    if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) {
      known.seen = now;
      return known.text;
    }
    let text: string | undefined;
    try {
      const decoded = st.isFile() ? decodeSource(path, readFileSync(path)) : undefined;
      text = decoded?.ok ? decoded.text : undefined;
    } catch {
      text = undefined;
    }
    this.disk.set(path, { mtimeMs: st.mtimeMs, size: st.size, text, seen: now });
    return text;
  }

  yamlFilesIn(folder: string): string[] {
    const names = new Set(this.diskNames(folder));
    for (const path of this.open.keys())
      if (join(folder, basenameOf(path)) === path && /\.ya?ml$/i.test(path)) names.add(basenameOf(path));
    return [...names].sort();
  }

  private diskNames(folder: string): string[] {
    const now = performance.now();
    const known = this.folders.get(folder);
    if (known && now - known.seen < DISK_TTL_MS) return known.names;
    const names = listYaml(folder);
    this.folders.set(folder, { names, seen: now });
    return names;
  }
}

function listYaml(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
      .map((e) => e.name);
  } catch {
    return []; // a folder that went away: only the open documents are there
  }
}

function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The file path of a `file:` URI; undefined for other schemes (untitled documents have no project). */
export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The `file:` URI of a path. */
export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}
