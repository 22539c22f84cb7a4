import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { bytesToBase64 } from "../shared/base64.js";
import type { ContainerFile } from "../score/types.js";
import type { FileReader } from "./compile-input.js";
import type { LoadedWorkload } from "../validate/load-workloads.js";

/**
 * Replaces `files.*.source` by the file's content (UTF-8 text → `content`, anything else → `binaryContent`), as
 * score-go's loader.Normalize does, so later stages see only inline files. Sources must be relative paths that stay
 * inside the Score file's folder; reading is the caller's `readFile` (the library never touches the disk).
 */
export function inlineFileSources(
  workloads: readonly LoadedWorkload[],
  readFile: FileReader | undefined,
): { workloads: LoadedWorkload[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out = workloads.map((w) => {
    let changed = false;
    const containers = { ...w.spec.containers };
    for (const [cname, c] of Object.entries(w.spec.containers)) {
      if (!c.files) continue;
      const files: Record<string, ContainerFile> = {};
      for (const [target, f] of Object.entries(c.files)) {
        if (f.source === undefined) {
          files[target] = f;
          continue;
        }
        const at = w.locate(["containers", cname, "files", target, "source"]);
        const root = dirnameOf(w.file);
        const path = joinWithin(root, f.source);
        if (path === undefined && namesFolderItself(f.source)) {
          diagnostics.push(
            error(
              "TARGET_FILE_SOURCE",
              `containers.${cname}.files["${target}"].source "${f.source}" is a directory (the Score file's folder), expected a file`,
              at,
              "name a file, e.g. ./config/app.conf",
            ),
          );
          continue;
        }
        if (path === undefined) {
          diagnostics.push(
            error(
              "TARGET_FILE_SOURCE",
              `containers.${cname}.files["${target}"].source "${f.source}" must be a relative path within the Score file's folder`,
              at,
            ),
          );
          continue;
        }
        const bytes = readFile ? readFile(path, root) : { error: "no file reader was given to the compiler" };
        if (!(bytes instanceof Uint8Array)) {
          diagnostics.push(
            error("TARGET_FILE_SOURCE", `containers.${cname}.files["${target}"].source: ${bytes.error}`, at),
          );
          continue;
        }
        const { source: _source, ...rest } = f;
        void _source;
        const text = decodeUtf8(bytes);
        files[target] =
          text === undefined ? { ...rest, binaryContent: bytesToBase64(bytes) } : { ...rest, content: text };
        changed = true;
      }
      containers[cname] = { ...c, files };
    }
    return changed ? { ...w, spec: { ...w.spec, containers } } : w;
  });
  return { workloads: out, diagnostics };
}

function dirnameOf(path: string): string {
  const i = path.replace(/\\/g, "/").lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** Joins a relative source onto a folder (POSIX); undefined when the source is absolute or climbs out of it. */
export function joinWithin(dir: string, source: string): string | undefined {
  const s = source.replace(/\\/g, "/");
  if (s.startsWith("/") || /^[A-Za-z]:/.test(s)) return undefined;
  const parts: string[] = [];
  for (const seg of s.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  if (parts.length === 0) return undefined;
  return dir === "" ? parts.join("/") : `${dir}/${parts.join("/")}`;
}

/** `.`, `./`, `a/..`: a relative path that ends up at the Score file's folder itself. */
function namesFolderItself(source: string): boolean {
  const s = source.replace(/\\/g, "/");
  if (s.startsWith("/") || /^[A-Za-z]:/.test(s)) return false;
  let depth = 0;
  for (const seg of s.split("/")) {
    if (seg === "" || seg === ".") continue;
    depth += seg === ".." ? -1 : 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
