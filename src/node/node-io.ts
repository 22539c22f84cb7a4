import { globSync } from "tinyglobby";
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
  existsSync,
  mkdirSync,
  type Stats,
} from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep, basename, join } from "node:path";
import { DEFAULT_LOAD_LIMITS } from "../load/source.js";
import { IoError, type CliIO, type PathKind } from "./io.js";

/** The real, Node.js backed {@link CliIO}: the only module of scorec that touches the disk or the process. */
export function nodeIO(): CliIO {
  const out = descriptorWriter(1, () => process.stdout, "standard output");
  const err = descriptorWriter(2, () => process.stderr, "standard error");
  return {
    cwd: process.cwd(),
    env: process.env,
    // Only a character device can be a terminal: asking process.stderr sets up the stream descriptorWriter avoids
    // (node:tty's isatty loads the same modules), which a pipe or a file (hooks, CI) does not need.
    get stderrIsTTY() {
      return isCharacterDevice(2) && Boolean(process.stderr.isTTY);
    },
    stdout: out.write,
    stderr: err.write,
    async flush() {
      await err.flush();
      await out.flush();
    },
    readFile,
    readFileWithin,
    readFileIfExists(path) {
      if (!existsSync(path)) return undefined;
      return readFile(path);
    },
    pathKind,
    listFiles,
    glob,
    writeFiles,
    removeFiles,
    removeEmptyFolder,
    createFile,
  };
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

/**
 * Writes a standard stream straight to its descriptor: process.stdout and process.stderr would load Node's stream
 * modules (and, for a pipe, a socket) for a compile's one file or one line, a tenth of a cold start; the CLI writes
 * synchronously anyway. From the first write the descriptor would block (a non-blocking pipe), that write's rest and
 * every later one go through Node's stream ({@link streamWriter}), in order. A reader that went away (EPIPE) gets
 * nothing more, quietly; any other failure is thrown by flush() as an IoError naming the stream.
 */
export function descriptorWriter(
  fd: 1 | 2,
  stream: () => TextSink,
  name: string,
  write: (fd: number, bytes: Uint8Array, offset: number) => number = writeSync,
): { write: (text: string) => void; flush: () => Promise<void> } {
  let viaStream: ReturnType<typeof streamWriter> | undefined;
  let gone = false;
  let failure: unknown;
  return {
    write(text) {
      if (gone || failure !== undefined) return;
      if (viaStream) return viaStream.write(text);
      const bytes = Buffer.from(text, "utf8");
      let written = 0;
      try {
        while (written < bytes.length) written += write(fd, bytes, written);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "EPIPE") gone = true;
        else if (code !== "EAGAIN") failure = e;
        else {
          viaStream = streamWriter(stream, name);
          viaStream.write(bytes.subarray(written));
        }
      }
    },
    async flush() {
      if (viaStream) await viaStream.flush();
      if (failure !== undefined) throw asIoError(failure, name, "write");
    },
  };
}

/** What streamWriter needs of a stream (process.stdout is one). */
export interface TextSink {
  write(text: string | Uint8Array, cb?: (err?: Error | null) => void): unknown;
  on(event: "error", listener: (e: Error) => void): unknown;
}

/**
 * Writes text to a standard stream through Node's stream, noting its failures instead of letting an unhandled
 * 'error' event end the process with a stack trace. A reader that went away (EPIPE) gets nothing more, quietly; any
 * other failure is thrown by flush() as an IoError naming the stream. The stream is set up on the first write only.
 */
export function streamWriter(
  stream: () => TextSink,
  name: string,
): { write: (text: string | Uint8Array) => void; flush: () => Promise<void> } {
  let target: TextSink | undefined;
  let gone = false;
  let failure: unknown;
  const open = () => {
    if (target) return target;
    target = stream();
    target.on("error", (e) => {
      if ((e as { code?: string }).code === "EPIPE") gone = true;
      else failure ??= e;
    });
    return target;
  };
  return {
    write(text) {
      if (!gone && failure === undefined) open().write(text);
    },
    async flush() {
      if (!target) return;
      const t = target;
      // The callback of an empty write runs once every earlier write has been handed over (or has failed).
      if (!gone && failure === undefined) await new Promise<void>((done) => t.write("", () => done()));
      await new Promise<void>((done) => setImmediate(done)); // a failed write reports through an 'error' event, a tick later
      if (failure !== undefined && !gone) throw asIoError(failure, name, "write");
    },
  };
}

function pathKind(path: string): PathKind {
  let st: Stats | undefined;
  try {
    st = statSync(path, { throwIfNoEntry: false });
  } catch {
    return "missing"; // unreadable: the read or write that follows reports why
  }
  if (!st) return "missing";
  return st.isFile() ? "file" : st.isDirectory() ? "directory" : "special";
}

// tinyglobby (fdir + picomatch): Node 20 has no fs.globSync, and globbing is not something to write by hand.
function glob(root: string, pattern: string): string[] {
  return globSync(pattern, { cwd: root, onlyFiles: true, expandDirectories: false }).sort();
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw asIoError(e, dir, "read");
  }
}

function removeFiles(paths: readonly string[]): void {
  for (const path of paths) {
    try {
      if (!lstatSync(path).isFile())
        throw new IoError(`${path}: is no longer a regular file; scorec removes only files it generated`, path, true);
      rmSync(path);
    } catch (e) {
      throw asIoError(e, path, "write");
    }
  }
}

function removeEmptyFolder(path: string): void {
  try {
    rmdirSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOTEMPTY" || code === "EEXIST" || code === "ENOENT") return;
    throw asIoError(e, path, "write");
  }
}

function createFile(path: string, text: string): boolean {
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, "wx", 0o644); // "wx" fails if anything exists there, so nothing is ever overwritten
  } catch (e) {
    if ((e as { code?: string }).code === "EEXIST") return false;
    throw asIoError(e, path, "write");
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readFile(path: string, maxBytes = Number.POSITIVE_INFINITY): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    if (fstatSync(fd).isDirectory()) throw new IoError(`${path}: is a directory, expected a file`, path);
    return readAtMost(fd, maxBytes + 1);
  } catch (e) {
    throw asIoError(e, path, "read");
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// Reads until the end or `limit` bytes, whichever comes first: a stream such as /dev/zero never ends.
function readAtMost(fd: number, limit: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 16, limit - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

function readFileWithin(root: string, path: string): Uint8Array {
  const full = isAbsolute(path) ? path : resolve(root, path);
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(full);
  } catch (e) {
    throw asIoError(e, path, "read");
  }
  const rel = relative(realRoot, real);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel) || rel.split(sep).includes("..")) {
    throw new IoError(
      `${path}: resolves outside ${root}; file sources must stay within the Score file's folder`,
      path,
      true,
    );
  }
  const limit = DEFAULT_LOAD_LIMITS.maxFileSize;
  let st;
  try {
    st = statSync(real);
  } catch (e) {
    throw asIoError(e, path, "read");
  }
  if (st.isDirectory()) throw new IoError(`${path}: is a directory, expected a file`, path);
  // A FIFO or a device would block or never end; a file source is content to embed, so only regular files qualify.
  if (!st.isFile())
    throw new IoError(
      `${path}: is not a regular file (a FIFO, socket or device); file sources must be regular files`,
      path,
      true,
    );
  if (st.size > limit)
    throw new IoError(`${path}: is ${st.size} bytes; file sources are limited to ${limit} bytes`, path);
  const bytes = readFile(real, limit);
  if (bytes.length > limit)
    throw new IoError(`${path}: is larger than ${limit} bytes; file sources are limited to ${limit} bytes`, path);
  return bytes;
}

function writeFiles(files: readonly { path: string; text: string | Uint8Array; mode?: number }[]): void {
  // Every target is judged before anything is written, so a refused one leaves every other output as it was.
  const planned = files.map((f) => ({ ...f, inPlace: writeMode(f.path) === "in-place" }));
  const temps: { temp: string; path: string }[] = [];
  let current = files[0]?.path ?? "";
  try {
    for (const f of planned) {
      if (f.inPlace) continue;
      current = f.path;
      mkdirSync(dirname(f.path), { recursive: true });
      const temp = join(dirname(f.path), `.${basename(f.path)}.scorec-${process.pid}.tmp`);
      const fd = openSync(temp, "wx", 0o644);
      temps.push({ temp, path: f.path });
      try {
        writeAll(fd, f.text);
        if (f.mode !== undefined) fchmodSync(fd, f.mode); // the umask applies to openSync's mode, not to chmod
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    // A device or a FIFO is a stream: it cannot be replaced, only written (before the renames, so that a failure
    // here still leaves every regular file as it was).
    for (const f of planned) {
      if (!f.inPlace) continue;
      current = f.path;
      writeInPlace(f.path, f.text);
    }
    for (const t of temps) {
      current = t.path;
      renameSync(t.temp, t.path);
    }
  } catch (e) {
    for (const t of temps) rmSync(t.temp, { force: true });
    throw asIoError(e, current, "write");
  }
}

function writeInPlace(path: string, text: string | Uint8Array): void {
  const fd = openSync(path, "w");
  try {
    writeAll(fd, text);
  } finally {
    closeSync(fd);
  }
}

// writeSync may write less than asked (a pipe, a device): loop until every byte is out.
function writeAll(fd: number, text: string | Uint8Array): void {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written);
}

// How a path may be written: replaced through a rename (nothing there, or a regular file) or written in place (a
// character device or a FIFO, also behind a symlink such as /dev/stdout). Everything else is refused.
function writeMode(path: string): "replace" | "in-place" {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return "replace";
    throw asIoError(e, path, "write");
  }
  if (st.isFile()) return "replace";
  if (st.isSymbolicLink()) {
    const target = statSync(path, { throwIfNoEntry: false });
    if (target && (target.isCharacterDevice() || target.isFIFO())) return "in-place";
    throw new IoError(
      `${path}: is a symlink; scorec refuses to write through symlinks (except to a device or a FIFO, such as /dev/stdout)`,
      path,
      true,
    );
  }
  if (st.isCharacterDevice() || st.isFIFO()) return "in-place";
  const what = st.isDirectory()
    ? "a directory; give a file path"
    : st.isSocket()
      ? "a socket"
      : st.isBlockDevice()
        ? "a block device"
        : "not a regular file";
  throw new IoError(
    `${path}: is ${what}${st.isDirectory() ? "" : "; scorec writes regular files, character devices (such as /dev/null) and FIFOs only"}`,
    path,
    true,
  );
}

function asIoError(e: unknown, path: string, verb: "read" | "write"): IoError {
  if (e instanceof IoError) return e;
  const code = (e as { code?: string }).code;
  const reason =
    code === "ENOENT"
      ? "no such file or directory"
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EISDIR"
          ? "is a directory"
          : code === "ELOOP"
            ? "too many symlinks"
            : code === "ENOSPC"
              ? "no space left on device"
              : code === "ENOTDIR"
                ? "a folder on the path is a file"
                : code === "ENXIO"
                  ? "no such device or address"
                  : (e as Error).message;
  return new IoError(`${path}: cannot ${verb}: ${reason}`, path);
}
