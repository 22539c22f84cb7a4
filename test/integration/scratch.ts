/** Scratch directories and files that the servers' unprivileged user can use, removed after the tests. */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The unprivileged user (nobody) that servers run as when the tests run as root. */
export const NOBODY = 65534;
export const asRoot = process.getuid?.() === 0;

const scratchDirs: string[] = [];

/** A fresh directory that the server user can write. */
export function scratch(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `scorec-it-${name}-`));
  chmodSync(dir, 0o755);
  if (asRoot) chownSync(dir, NOBODY, NOBODY);
  scratchDirs.push(dir);
  return dir;
}

/** A sub-directory (or file's parent) of a scratch directory, owned by the server user. */
export function mkdirFor(path: string, mode = 0o755): string {
  mkdirSync(path, { recursive: true, mode });
  chmodSync(path, mode);
  if (asRoot) chownSync(path, NOBODY, NOBODY);
  return path;
}

/** Writes a file that the server user can read (and, with `mode`, only it). */
export function writeFor(path: string, text: string, mode = 0o644): string {
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  if (asRoot) chownSync(path, NOBODY, NOBODY);
  return path;
}

/** Removes every scratch directory (after the servers have stopped). */
export function cleanScratch(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
