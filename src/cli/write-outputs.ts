import { createTwoFilesPatch } from "diff";
import { join } from "node:path";
import type { OutputFile } from "../model/resolved.js";
import { IoError, type CliIO } from "./io.js";
import { absolute } from "./read-inputs.js";

/** Where each generated file goes on disk (or "-" for stdout), as the user names it. */
export interface PlacedFile {
  /** Path as shown to the user (relative to the working directory when the user gave a relative path). */
  display: string;
  /** Absolute path, or "-" for stdout. */
  path: string;
  text: string;
}

/**
 * Maps the target's files onto the `-o` argument: "-" → stdout; a folder (ends with "/" or exists as one) → each
 * file inside it; a file path → the main file there and any extra files beside it.
 */
export function placeFiles(io: CliIO, files: readonly OutputFile[], output: string, isDir: boolean): PlacedFile[] {
  if (output === "-") return files.map((f) => ({ display: "-", path: "-", text: f.text }));
  if (isDir) return files.map((f) => ({ display: join(output, f.path), path: absolute(io, join(output, f.path)), text: f.text }));
  const slash = output.lastIndexOf("/");
  const folder = slash < 0 ? "" : output.slice(0, slash + 1);
  return files.map((f, i) => {
    const display = i === 0 ? output : folder + f.path;
    return { display, path: absolute(io, display), text: f.text };
  });
}

/** The result of comparing generated files with what is on disk. */
export interface CheckResult {
  stale: string[];
  diff: string;
}

/**
 * Compares each placed file with the disk; a missing file is stale. Returns a unified diff of every stale file,
 * of the texts as `mask` shows them (secrets masked) when it is given.
 */
export function checkFiles(io: CliIO, placed: readonly PlacedFile[], mask?: (current: string, generated: string) => { current: string; generated: string }): CheckResult {
  const stale: string[] = [];
  let diff = "";
  for (const f of placed) {
    if (f.path === "-") continue;
    let current: string | undefined;
    const bytes = io.readFileIfExists(f.path);
    if (bytes !== undefined) current = new TextDecoder().decode(bytes);
    if (current === f.text) continue;
    stale.push(f.display);
    const shown = mask ? mask(current ?? "", f.text) : { current: current ?? "", generated: f.text };
    diff += createTwoFilesPatch(`a/${f.display}`, `b/${f.display}`, shown.current, shown.generated, current === undefined ? "(missing)" : "", "", { context: 3 });
  }
  return { stale, diff };
}

/** Writes placed files: stdout ones are printed, the rest written all-or-nothing through io.writeFilesAtomic. */
export function writeFiles(io: CliIO, placed: readonly PlacedFile[]): void {
  for (const f of placed) if (f.path === "-") io.stdout(f.text);
  const onDisk = placed.filter((f) => f.path !== "-").map((f) => ({ path: f.path, text: f.text }));
  if (onDisk.length > 0) io.writeFilesAtomic(onDisk);
}

export { IoError };
