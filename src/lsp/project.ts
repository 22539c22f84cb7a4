/**
 * Which files form the project of a document, and which builds (environment, target) it is checked for. This is the
 * one place that decides it: when the project file (`scorec.yaml`, DESIGN.md §8) lands, its discovery replaces
 * {@link discoverProject} and its `builds` replace {@link defaultBuilds}; nothing else in src/lsp needs to change.
 *
 * Without a project file, a document's project is its folder:
 * - Score files: every `*.yaml`/`*.yml` of the folder whose text declares `apiVersion: score.dev/...`, plus the
 *   document itself when its name says Score (`score.yaml`, `*.score.yaml`, `score-*.yaml`, ...) even while the
 *   text is still being typed;
 * - rules tables: every `rules*.yaml`/`rules*.yml` of the folder, on top of the built-in default rules;
 * - builds: the environments the rules declare, `local` first when declared, then in the order they are declared
 *   (several files: by path), each for the `compose` target (the CLI's default); `local` alone when none is declared;
 * - app id: the folder's name, as `scorec compile` derives it.
 */
import { basename, dirname, join } from "node:path";
import { defaultAppId } from "../node/inputs.js";
import type { TargetName } from "../model/resolved.js";
import type { EnvironmentDecl, RulesTable } from "../rules/types.js";

/** One environment and target the project is compiled for; the first one drives diagnostics. */
export interface Build {
  environment: string;
  target: TargetName;
}

/** The files of a project, all absolute paths. */
export interface Project {
  /** The folder paths are shown relative to, as if `scorec` ran there. */
  root: string;
  app: string;
  scoreFiles: string[];
  rulesFiles: string[];
  /** Explicit builds (a project file); absent: {@link defaultBuilds} of the rules table. */
  builds?: Build[];
}

/** What discovery needs from the file system (open documents count as files). */
export interface ProjectFiles {
  /** YAML file names of a folder (open documents included), sorted. */
  yamlFilesIn(folder: string): string[];
  /** The current text of a file (the open document's when open), or undefined when unreadable. */
  text(path: string): string | undefined;
}

const RULES_NAME = /^rules[^/]*\.ya?ml$/i;
const SCORE_NAME = /^(?:[^/]*[.-])?score(?:[.-][^/]*)?\.ya?ml$/i;
const SCORE_API = /^apiVersion:[ \t]*["']?score\.dev\//m;

/** True for the name of a rules table of a folder project. */
export function isRulesFile(path: string): boolean {
  return RULES_NAME.test(basename(path));
}

/** True when a file is a Score file: by its text, or by its name while its text is still being written. */
export function isScoreFile(path: string, text: string | undefined): boolean {
  if (isRulesFile(path)) return false;
  return SCORE_NAME.test(basename(path)) || (text !== undefined && SCORE_API.test(text));
}

/**
 * The project of a file's folder, or undefined when the folder holds no Score file and no rules table. Any file of
 * the folder leads to it (a change to compose.yaml beside score.yaml must not make score.yaml's diagnostics vanish).
 */
export function discoverProject(path: string, files: ProjectFiles): Project | undefined {
  const root = dirname(path);
  const scoreFiles: string[] = [];
  const rulesFiles: string[] = [];
  for (const name of files.yamlFilesIn(root)) {
    const file = join(root, name);
    if (isRulesFile(file)) rulesFiles.push(file);
    else if (isScoreFile(file, files.text(file))) scoreFiles.push(file);
  }
  if (scoreFiles.length === 0 && rulesFiles.length === 0) return undefined;
  return { root, app: defaultAppId(root, scoreFiles.length > 0 ? scoreFiles : [path]), scoreFiles, rulesFiles };
}

/** The builds of a folder project: its declared environments (`local` first), each for compose. */
export function defaultBuilds(table: RulesTable | undefined): Build[] {
  const declared = Object.values(table?.environments ?? {}).sort(declarationOrder);
  const ids = declared.map((e) => e.id);
  const ordered = ids.includes("local")
    ? ["local", ...ids.filter((id) => id !== "local")]
    : ids.length > 0
      ? ids
      : ["local"];
  return ordered.map((environment) => ({ environment, target: "compose" }));
}

function declarationOrder(a: EnvironmentDecl, b: EnvironmentDecl): number {
  const fa = a.location?.file ?? "";
  const fb = b.location?.file ?? "";
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (a.location?.range?.start.offset ?? 0) - (b.location?.range?.start.offset ?? 0);
}
