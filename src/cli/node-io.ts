import { closeSync, fstatSync, fsyncSync, lstatSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeSync, existsSync, mkdirSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep, basename, join } from "node:path";
import { DEFAULT_LOAD_LIMITS } from "../load/source.js";
import { IoError, type CliIO } from "./io.js";

/** The real, Node.js backed {@link CliIO}: the only module of scorec that touches the disk or the process. */
export function nodeIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    // Read only when diagnostics are formatted, and only a character device can be a terminal: asking process.stdout
    // sets up its stream (see writerTo), which a pipe or a file (hooks, CI) does not need.
    get stdoutIsTTY() {
      return isCharacterDevice(1) && Boolean(process.stdout.isTTY);
    },
    stdout: writerTo(1, () => process.stdout),
    stderr: writerTo(2, () => process.stderr),
    readFile,
    readFileWithin,
    readFileIfExists(path) {
      if (!existsSync(path)) return undefined;
      return readFile(path);
    },
    exists: (path) => existsSync(path),
    writeFilesAtomic,
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
 * Writes to a standard stream's file descriptor directly. process.stdout/stderr load Node's stream and socket modules
 * on first use, a noticeable part of a cold start whose only output is one line or one file; the CLI writes
 * synchronously anyway. When the descriptor would block (a non-blocking pipe), the rest goes through Node's stream,
 * and so does every later write, to keep the order. A reader that went away (EPIPE) gets nothing more.
 */
export function writerTo(fd: 1 | 2, stream: () => Pick<NodeJS.WriteStream, "write">, write: (fd: number, bytes: Uint8Array, offset: number) => number = writeSync): (text: string) => void {
  let viaStream = false;
  let closed = false;
  return (text) => {
    if (closed) return;
    if (viaStream) {
      stream().write(text);
      return;
    }
    const bytes = Buffer.from(text, "utf8");
    let written = 0;
    try {
      while (written < bytes.length) written += write(fd, bytes, written);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "EPIPE") {
        closed = true;
        return;
      }
      if (code !== "EAGAIN") throw asIoError(e, fd === 1 ? "standard output" : "standard error", "write");
      viaStream = true;
      stream().write(bytes.subarray(written));
    }
  };
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
    throw new IoError(`${path}: resolves outside ${root}; file sources must stay within the Score file's folder`, path, true);
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
  if (!st.isFile()) throw new IoError(`${path}: is not a regular file (a FIFO, socket or device); file sources must be regular files`, path, true);
  if (st.size > limit) throw new IoError(`${path}: is ${st.size} bytes; file sources are limited to ${limit} bytes`, path);
  const bytes = readFile(real, limit);
  if (bytes.length > limit) throw new IoError(`${path}: is larger than ${limit} bytes; file sources are limited to ${limit} bytes`, path);
  return bytes;
}

function writeFilesAtomic(files: readonly { path: string; text: string }[]): void {
  for (const f of files) checkTarget(f.path);
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const temp = join(dirname(f.path), `.${basename(f.path)}.scorec-${process.pid}.tmp`);
      const fd = openSync(temp, "wx", 0o644);
      temps.push({ temp, path: f.path });
      try {
        writeSync(fd, f.text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const t of temps) renameSync(t.temp, t.path);
  } catch (e) {
    for (const t of temps) rmSync(t.temp, { force: true });
    throw asIoError(e, temps.at(-1)?.path ?? files[0]?.path ?? "", "write");
  }
}

function checkTarget(path: string): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return; // does not exist yet
  }
  if (st.isSymbolicLink()) throw new IoError(`${path}: is a symlink; scorec refuses to write through symlinks`, path, true);
  if (st.isDirectory()) throw new IoError(`${path}: is a directory; give a file path`, path, true);
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
              : (e as Error).message;
  return new IoError(`${path}: cannot ${verb}: ${reason}`, path);
}
