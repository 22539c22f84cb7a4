import { posix } from "node:path";
import picomatch from "picomatch";
import { IoError, type CliIO } from "../../src/node/io.js";

/** An in-memory CliIO: files in a map, stdout/stderr captured. Paths are POSIX, relative to `cwd`. */
export interface MemoryIO extends CliIO {
  files: Map<string, Uint8Array>;
  /** The mode each file was last written with, when the writer gave one. */
  modes: Map<string, number>;
  out: string[];
  err: string[];
  stdoutText(): string;
  stderrText(): string;
  fileText(path: string): string | undefined;
}

/** Creates a MemoryIO holding the given files (text or bytes), keyed by path relative to `cwd` (default /work) or absolute. */
export function memoryIO(
  initial: Record<string, string | Uint8Array> = {},
  options: { env?: Record<string, string>; tty?: boolean; cwd?: string } = {},
): MemoryIO {
  const cwd = options.cwd ?? "/work";
  const abs = (p: string) => (posix.isAbsolute(p) ? posix.normalize(p) : posix.join(cwd, p));
  const files = new Map<string, Uint8Array>();
  for (const [p, v] of Object.entries(initial))
    files.set(abs(p), typeof v === "string" ? new TextEncoder().encode(v) : v);
  const modes = new Map<string, number>();
  const out: string[] = [];
  const err: string[] = [];
  const read = (p: string): Uint8Array => {
    const f = files.get(abs(p));
    if (!f) throw new IoError(`${p}: cannot read: no such file or directory`, p);
    return f;
  };
  return {
    cwd,
    env: options.env ?? {},
    stderrIsTTY: options.tty ?? false,
    files,
    modes,
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: read,
    glob(root, pattern) {
      const base = abs(root);
      const matches = picomatch(pattern);
      return [...files.keys()]
        .filter((k) => k.startsWith(base + "/"))
        .map((k) => k.slice(base.length + 1))
        .filter((rel) => matches(rel))
        .sort();
    },
    readFileWithin(root, p) {
      const full = posix.isAbsolute(p) ? p : posix.join(abs(root), p);
      const rel = posix.relative(abs(root), posix.normalize(full));
      if (rel.startsWith("..") || posix.isAbsolute(rel))
        throw new IoError(
          `${p}: resolves outside ${root}; file sources must stay within the Score file's folder`,
          p,
          true,
        );
      return read(full);
    },
    readFileIfExists: (p) => files.get(abs(p)),
    flush: async () => {},
    pathKind: (p) =>
      files.has(abs(p))
        ? "file"
        : [...files.keys()].some((k) => k.startsWith(abs(p).replace(/\/$/, "") + "/"))
          ? "directory"
          : "missing",
    listFiles(dir) {
      const prefix = abs(dir).replace(/\/$/, "") + "/";
      return [...files.keys()]
        .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes("/"))
        .map((k) => k.slice(prefix.length))
        .sort();
    },
    writeFiles(list) {
      for (const f of list) {
        files.set(abs(f.path), typeof f.text === "string" ? new TextEncoder().encode(f.text) : f.text);
        if (f.mode !== undefined) modes.set(abs(f.path), f.mode);
        else modes.delete(abs(f.path));
      }
    },
    removeFiles(list) {
      for (const p of list) files.delete(abs(p));
    },
    // Folders exist here only as prefixes of files: one without files is gone already.
    removeEmptyFolder() {},
    createFile(p, text) {
      if (files.has(abs(p))) return false;
      files.set(abs(p), new TextEncoder().encode(text));
      return true;
    },
    stdoutText: () => out.join(""),
    stderrText: () => err.join(""),
    fileText: (p) => {
      const f = files.get(abs(p));
      return f ? new TextDecoder().decode(f) : undefined;
    },
  };
}
