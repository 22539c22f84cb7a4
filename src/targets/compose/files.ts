import { base64ToBytes } from "../../shared/base64.js";
import { sha256Hex } from "../../shared/digest.js";
import { error, warning, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedFile } from "../../model/resolved.js";
import { composeText, escapeDollars } from "./dollar-escape.js";
import { containerLocation, type ContainerSite } from "./site.js";

/** The Compose side of a container's files: top-level configs and the service's `configs` entries. */
export interface FileConfigs {
  configs: Record<string, Record<string, unknown>>;
  mounts: Record<string, unknown>[];
  diagnostics: Diagnostic[];
}

/**
 * Turns Score files into Compose configs with inline `content`, so the compose file is self-contained (score-compose
 * writes each file under `.score-compose/mounts/` instead). Each config is named after the service and the whole
 * target path, so two files with the same base name never collide. `$` is doubled because Compose interpolates
 * config content; `mode` becomes the config's mode (Compose's default is 0444).
 */
export function fileConfigs(
  service: string,
  files: Readonly<Record<string, ResolvedFile>>,
  site: ContainerSite,
): FileConfigs {
  const out: FileConfigs = { configs: {}, mounts: [], diagnostics: [] };
  for (const target of Object.keys(files).sort()) {
    const file = files[target]!;
    const content = file.kind === "text" ? composeText(file.content) : binaryAsText(file.base64);
    if (content === undefined || !isYamlPrintable(content)) {
      out.diagnostics.push(
        error(
          "TARGET_UNSUPPORTED",
          `containers.${site.container}.files[${target}]: the content is not text that a Compose file can hold`,
          containerLocation(site, "files", target),
          "Compose configs carry UTF-8 text only; ship binary files in the image or through a volume",
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

/** Decoded binary content when it is valid UTF-8, with `$` doubled; undefined otherwise. */
function binaryAsText(base64: string): string | undefined {
  const bytes = base64ToBytes(base64);
  if (bytes === undefined) return undefined;
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
