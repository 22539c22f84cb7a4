import { basename, dirname, resolve, sep } from "node:path";
import type { FileReader } from "../api/compile-input.js";
import type { CliIO } from "./io.js";
import { IoError } from "./io.js";

/**
 * The default app id: the name of the deepest folder that holds every Score file (their common ancestor, as an
 * absolute path), lower-cased and reduced to [a-z0-9_-] like a Compose project name; "app" when that is the root.
 * Taken from the inputs alone, never from where the command runs, so the same files give the same app id from any
 * working directory: `services/a/score.yaml services/b/score.yaml` is app "services".
 */
export function defaultAppId(cwd: string, scoreFiles: readonly string[]): string {
  const folder = commonFolder(scoreFiles.map((f) => dirname(resolve(cwd, f))));
  const name = basename(folder)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
  return name || "app";
}

// The longest leading run of path segments that every folder shares.
function commonFolder(folders: readonly string[]): string {
  const [first, ...rest] = folders.map((f) => f.split(sep));
  if (!first) return "";
  let n = first.length;
  for (const parts of rest) {
    let i = 0;
    while (i < n && i < parts.length && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join(sep) || sep;
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
