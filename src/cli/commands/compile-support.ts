import { basename, dirname, resolve } from "node:path";
import type { FileReader } from "../../api/compile-input.js";
import type { CliIO } from "../io.js";
import { IoError } from "../io.js";

/**
 * The default app id: the name of the folder holding the Score files (the working folder when they span several),
 * lower-cased and reduced to [a-z0-9_-] like a Compose project name. Taken from the inputs rather than from where the
 * command runs, so the same files give the same output from anywhere.
 */
export function defaultAppId(cwd: string, scoreFiles: readonly string[]): string {
  const folders = new Set(scoreFiles.map((f) => dirname(resolve(cwd, f))));
  const folder = folders.size === 1 ? [...folders][0]! : cwd;
  const name = basename(folder).toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[-_]+|[-_]+$/g, "");
  return name || "app";
}

/** Normalises a yargs array option into strings; a path given twice counts once (`-r a.yaml -r a.yaml`). */
export function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return [...new Set((Array.isArray(value) ? value : [value]).map(String))];
}

/**
 * The readFile hook for `files[].source`: the file is read only if, after resolving symlinks, it stays inside the
 * Score file's folder.
 */
export function fileReader(io: CliIO): FileReader {
  return (path, root) => {
    try {
      return io.readFileWithin(resolve(io.cwd, root), resolve(io.cwd, path));
    } catch (e) {
      if (e instanceof IoError) return { error: e.message };
      throw e;
    }
  };
}
