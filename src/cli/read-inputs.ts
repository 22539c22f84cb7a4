import { isAbsolute, resolve } from "node:path";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { decodeSource } from "../load/decode.js";
import { DEFAULT_LOAD_LIMITS } from "../load/source.js";
import type { SourceFile } from "../load/source.js";
import type { OverridesInput } from "../api/overrides-step.js";
import { IoError, type CliIO } from "../node/io.js";

/** Reads and decodes input files; unreadable or badly encoded files become diagnostics. Paths keep the user's spelling. */
export function readSources(io: CliIO, paths: readonly string[]): { sources: SourceFile[]; diagnostics: Diagnostic[] } {
  const sources: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    const read = readSource(io, path);
    if ("diagnostic" in read) diagnostics.push(read.diagnostic);
    else sources.push(read.source);
  }
  return { sources, diagnostics };
}

/** Reads and decodes one input file. */
export function readSource(io: CliIO, path: string): { source: SourceFile } | { diagnostic: Diagnostic } {
  try {
    const bytes = io.readFile(absolute(io, path), DEFAULT_LOAD_LIMITS.maxFileSize);
    const decoded = decodeSource(path, bytes);
    if (!decoded.ok) return { diagnostic: decoded.diagnostic };
    return { source: { path, text: decoded.text } };
  } catch (e) {
    if (e instanceof IoError)
      return { diagnostic: error("CLI_IO", e.message.replace(absolute(io, path), path), { file: path }) };
    throw e;
  }
}

/** Resolves a user-given path against the working directory. */
export function absolute(io: CliIO, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

/** The texts of the sources by path, for code frames. */
export function sourceTexts(...groups: readonly (readonly SourceFile[])[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const g of groups) for (const s of g) m.set(s.path, s.text);
  return m;
}

/** Reads the override options (--overrides-file, --override-property, --image) into an {@link OverridesInput}. */
export function readOverrides(
  args: {
    overridesFile?: string | undefined;
    overrideProperty?: string[] | undefined;
    image?: { image?: string; images: Record<string, string> } | undefined;
  },
  io: CliIO,
): { value?: OverridesInput; diagnostics: Diagnostic[] } {
  const value: OverridesInput = {};
  const diagnostics: Diagnostic[] = [];
  if (typeof args.overridesFile === "string") {
    const read = readSource(io, args.overridesFile);
    if ("diagnostic" in read) diagnostics.push(read.diagnostic);
    else value.file = read.source;
  }
  const props = args.overrideProperty;
  if (Array.isArray(props) && props.length > 0) value.properties = props.map(String);
  if (args.image?.image !== undefined) value.image = args.image.image;
  if (args.image && Object.keys(args.image.images).length > 0) value.images = args.image.images;
  return Object.keys(value).length > 0 ? { value, diagnostics } : { diagnostics };
}
