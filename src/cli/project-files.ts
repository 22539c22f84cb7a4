import { basename, dirname, isAbsolute, join, posix, relative } from "node:path";
import type { CompileProjectInput } from "../api/project/compile-project.js";
import { loadProject, type Project, type ProjectBuild } from "../api/project/load-project.js";
import type { Diagnostic, Location } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/source.js";
import { defaultAppId, fileReader } from "../node/inputs.js";
import type { CliIO } from "../node/io.js";
import { PROJECT_FILE, type ProjectArgs } from "./options.js";
import { absolute, readOverrides, readSource } from "./read-inputs.js";

/** The name `scorec build`, `diff` and `outputs` look for, from the working folder upward. */

/** A project read from disk: the library's input, with every path as the user sees it. */
export interface ReadProject {
  project?: Project;
  input?: CompileProjectInput;
  diagnostics: Diagnostic[];
  /** Texts by displayed path, for code frames. */
  texts: Map<string, string>;
  /** The project file as displayed, and its folder ("." when it is the working folder). */
  file: string;
  folder: string;
  /** Absolute paths of every input file (never removed as a left-over, never overwritten). */
  inputs: Set<string>;
}

/** The project file: `-p FILE`, else the nearest scorec.yaml from the working folder upward; undefined when there is none. */
export function findProject(io: CliIO, given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  for (let dir = io.cwd; ; dir = dirname(dir)) {
    const candidate = join(dir, PROJECT_FILE);
    if (io.pathKind(candidate) === "file") return shown(io, candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** A path as the user sees it: relative to the working folder. */
export function shown(io: CliIO, path: string): string {
  return isAbsolute(path) ? relative(io.cwd, path) || "." : path;
}

/**
 * Reads the project file and every file it names: the Score files its globs match (relative to its folder), its rules
 * tables and patches, plus the command line's overrides and seed. A file that cannot be read is reported at the
 * project file's entry that names it (the message keeps the file's own name).
 */
export function readProject(
  io: CliIO,
  args: ProjectArgs,
  file: string,
  rulesOverride?: readonly string[],
): ReadProject {
  const texts = new Map<string, string>();
  const folder = dirname(file);
  const inputs = new Set<string>([absolute(io, file)]);
  const result: ReadProject = { diagnostics: [], texts, file, folder, inputs };
  const read = readSource(io, file);
  if ("diagnostic" in read) return { ...result, diagnostics: [read.diagnostic] };
  texts.set(file, read.source.text);
  const loaded = loadProject(read.source);
  const diagnostics = [...loaded.diagnostics];
  const project = loaded.project;
  if (!project) return { ...result, diagnostics };
  const inFolder = (p: string) => (folder === "." ? posix.normalize(p) : join(folder, p));
  const readAt = (path: string, at: Location | undefined): SourceFile | undefined => {
    const r = readSource(io, path);
    if ("diagnostic" in r) {
      diagnostics.push(at ? { ...r.diagnostic, ...at } : r.diagnostic);
      return undefined;
    }
    texts.set(path, r.source.text);
    inputs.add(absolute(io, path));
    return r.source;
  };
  const workloads = project.workloads.map((w) =>
    io.glob(absolute(io, folder), w.pattern).flatMap((rel) => readAt(inFolder(rel), w.location) ?? []),
  );
  const rules = rulesOverride
    ? rulesOverride.flatMap((p) => readAt(p, undefined) ?? [])
    : project.rules.flatMap((r) => readAt(inFolder(r.path), r.location) ?? []);
  const patches: Record<string, SourceFile> = {};
  for (const b of project.builds) {
    for (const p of b.patches) {
      if (Object.hasOwn(patches, p)) continue;
      const source = readAt(inFolder(p), b.location);
      if (source) patches[p] = source;
    }
  }
  const overrides = readOverrides(args, io);
  diagnostics.push(...overrides.diagnostics);
  if (typeof args.overridesFile === "string") inputs.add(absolute(io, args.overridesFile));
  const seed = typeof args.seed === "string" ? args.seed : io.env.SCOREC_SEED;
  const input: CompileProjectInput = {
    project,
    defaultApp: defaultAppId(io.cwd, [file]),
    workloads,
    rules,
    patches,
    noDefaultRules: args.defaultRules === false,
    readFile: fileReader(io),
    ...(overrides.value ? { overrides: overrides.value } : {}),
    ...(seed ? { seed } : {}),
    ...(args.env && args.env.length > 0 ? { environments: args.env.map(String) } : {}),
  };
  return { ...result, project, input, diagnostics };
}

/** A build's output as the user sees it (under the project's folder), keeping the trailing "/" of a folder. */
export function outputPath(folder: string, written: string): string {
  const joined = folder === "." ? posix.normalize(written) : join(folder, written);
  return written.endsWith("/") && !joined.endsWith("/") ? joined + "/" : joined;
}

/** `env · target → output`: how reports name a build. */
export function buildName(b: ProjectBuild): string {
  return `${b.env} · ${b.target} → ${b.output}`;
}

/** The -e values that no build of the project has, as a usage message; undefined when every one is known. */
export function unknownEnvironments(project: Project, wanted: readonly string[] | undefined): string | undefined {
  const known = [...new Set(project.builds.map((b) => b.env))];
  const unknown = (wanted ?? []).filter((e) => !known.includes(e));
  return unknown.length === 0
    ? undefined
    : `-e ${unknown.join(", ")}: the project has no build for ${unknown.length === 1 ? "this environment" : "these environments"}; its builds' environments: ${known.join(", ")}`;
}

/** The project file of a base checkout: the same path relative to the working folder, or DIR's own when that climbs out. */
export function baseProjectFile(io: CliIO, headFile: string, baseDir: string): string {
  const rel = relative(io.cwd, absolute(io, headFile));
  return join(baseDir, rel.startsWith("..") ? basename(headFile) : rel);
}
