import { base64ToBytes } from "../../shared/base64.js";
import { sha256Hex } from "../../shared/digest.js";
import { error, warning, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { BinaryOutputFile, ResolvedFile } from "../../model/resolved.js";
import { composeText, escapeDollars } from "./dollar-escape.js";
import { containerLocation, type ContainerSite } from "./site.js";

/** The Compose side of a container's files: top-level configs, the service's `configs` entries and bind mounts. */
export interface FileConfigs {
  configs: Record<string, Record<string, unknown>>;
  mounts: Record<string, unknown>[];
  /** Read-only bind mounts of the binary files, for the service's `volumes`. */
  binds: Record<string, unknown>[];
  /** The binary files the bind mounts read, under the files folder. */
  binaryFiles: BinaryOutputFile[];
  diagnostics: Diagnostic[];
}

/** The folder beside `compose.yaml` that binary files go to when the caller names none. */
export const DEFAULT_FILES_FOLDER = "compose.files";

/** A bind-mounted file without a Score `mode` is written `0644`: readable by the container's user, whoever it is. */
const DEFAULT_BINARY_MODE = 0o644;

/**
 * Turns Score files into Compose configs with inline `content`, so the compose file holds every text file
 * (score-compose writes each file under `.score-compose/mounts/` instead). Each config is named after the service and
 * the whole target path, so two files with the same base name never collide. `$` is doubled because Compose
 * interpolates config content; `mode` becomes the config's mode (Compose's default is 0444). Content that a YAML file
 * cannot hold (not UTF-8, or control characters) becomes a file in `folder` (relative to the compose file),
 * bind-mounted read-only at the target, when it is literal: binary content is never placeholder-expanded, and text
 * with a secret or a Compose reference stays an error, so no secret the compile produced reaches that folder.
 */
export function fileConfigs(
  service: string,
  files: Readonly<Record<string, ResolvedFile>>,
  site: ContainerSite,
  folder: string = DEFAULT_FILES_FOLDER,
): FileConfigs {
  const out: FileConfigs = { configs: {}, mounts: [], binds: [], binaryFiles: [], diagnostics: [] };
  for (const target of Object.keys(files).sort()) {
    const file = files[target]!;
    const bytes = file.kind === "binary" ? base64ToBytes(file.base64) : undefined;
    if (file.kind === "binary" && bytes === undefined) {
      out.diagnostics.push(
        error(
          "TARGET_UNSUPPORTED",
          `containers.${site.container}.files[${target}]: binaryContent is not base64`,
          containerLocation(site, "files", target),
          "encode the file with base64 (RFC 4648), or use source: with the file's path",
        ),
      );
      continue;
    }
    const content = file.kind === "text" ? composeText(file.content) : utf8Text(bytes!);
    if (content === undefined || !isYamlPrintable(content)) {
      const raw = bytes ?? literalBytes(file);
      if (raw !== undefined) {
        // Binary content: a file beside the compose file, named like the config it would have been.
        const name = configName(service, target);
        out.binaryFiles.push({
          path: `${folder}/${name}`,
          bytes: raw,
          mode: file.mode === undefined ? DEFAULT_BINARY_MODE : parseInt(file.mode, 8),
        });
        out.binds.push({
          type: "bind",
          source: escapeDollars(`./${folder}/${name}`),
          target: escapeDollars(target),
          read_only: true,
        });
        continue;
      }
      out.diagnostics.push(
        error(
          "TARGET_UNSUPPORTED",
          `containers.${site.container}.files[${target}]: the content is not text that a Compose file can hold, and it holds a secret or a Compose \${...} reference, so it cannot be bind-mounted either`,
          containerLocation(site, "files", target),
          "a bind-mounted file is neither interpolated by Compose nor kept out of the output folder; move the control characters or the placeholder into another file",
        ),
      );
      continue;
    }
    if (content === "") {
      // docker compose skips configs whose content is empty, so the file would not exist in the container.
      out.diagnostics.push(
        warning(
          "TARGET_UNSUPPORTED",
          `containers.${site.container}.files[${target}]: Compose creates no file for empty content`,
          containerLocation(site, "files", target),
        ),
      );
    }
    const name = configName(service, target);
    out.configs[name] = { content };
    out.mounts.push({
      source: name,
      target: escapeDollars(target),
      ...(file.mode !== undefined ? { mode: fileMode(file.mode) } : {}),
    });
  }
  return out;
}

/** `<service>-<target path with / as _>`, plus a hash of the path when the path has characters a name cannot. */
export function configName(service: string, target: string): string {
  // Only absolute paths made of [A-Za-z0-9.-] segments map one to one onto `_`-joined names.
  const safe = /^(\/[A-Za-z0-9.-]+)+$/.test(target);
  const readable = target.replace(/[^A-Za-z0-9.-]+/g, "_").replace(/^_+|_+$/g, "");
  const base = `${service}-${readable === "" ? "file" : readable}`;
  return safe ? base : `${base}-${sha256Hex(target).slice(0, 8)}`;
}

/**
 * The UTF-8 bytes of text content that is plain literal text (no secret, no Compose `${...}` reference), so that
 * writing it to a bind-mounted file puts no secret on disk and loses no interpolation; undefined otherwise.
 */
function literalBytes(file: ResolvedFile): Uint8Array | undefined {
  if (file.kind !== "text" || file.content.segments.some((s) => s.secret || s.verbatim === true || s.ref))
    return undefined;
  return new TextEncoder().encode(file.content.segments.map((s) => s.text).join(""));
}

/** Decoded binary content when it is valid UTF-8, with `$` doubled; undefined otherwise. */
function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return escapeDollars(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/** Score modes are `0755` or `755`; Compose reads a quoted mode as octal, so it is written as a 4-digit string. */
function fileMode(mode: string): string {
  return mode.padStart(4, "0");
}

// YAML allows only printable characters in a stream; control characters below 0x20 are written as escapes by the
// serializer, but DEL, C1 controls and non-characters cannot appear at all.
const NOT_PRINTABLE =
  /[\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isYamlPrintable(text: string): boolean {
  return !NOT_PRINTABLE.test(text);
}
