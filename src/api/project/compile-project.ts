import { error, hasErrors, sortDiagnostics, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { LoadLimits, SourceFile } from "../../load/source.js";
import type { BinaryOutputFile, OutputFile, ResolvedApp, TargetName } from "../../model/resolved.js";
import { filesFolderFor } from "../../targets/compose/files-folder.js";
import { builtinRules } from "../../rules/defaults/index.js";
import { loadRules, where } from "../../rules/load.js";
import { environmentUniverse, type RulesTable } from "../../rules/types.js";
import { closest } from "../../shared/closest.js";
import { loadWorkloads, type LoadedWorkload } from "../../validate/load-workloads.js";
import type { CompileInput, Emitter, FileReader } from "../compile-input.js";
import { inlineFileSources } from "../inline-file-sources.js";
import { applyOverridesToDocument, type OverridesInput } from "../overrides-step.js";
import { EMITTERS } from "../emitters/index.js";
import { compilePrepared } from "../pipeline.js";
import type { Project, ProjectBuild } from "./load-project.js";

/** Everything {@link compileProject} needs, in memory: the loaded project and the files it names, already read. */
export interface CompileProjectInput {
  project: Project;
  /** Application id when the project file sets none; default "app". The CLI passes the project folder's name. */
  defaultApp?: string;
  /** The Score files each `workloads` glob matched, in the order of `project.workloads` (a file may appear under several). */
  workloads: readonly (readonly SourceFile[])[];
  /** The rules files, in the order of `project.rules`. */
  rules: readonly SourceFile[];
  /** Patch files by the path the project file writes in `builds[].patches`. */
  patches?: Readonly<Record<string, SourceFile>>;
  /** Compile only the builds of these environments (every build when absent). */
  environments?: readonly string[];
  noDefaultRules?: boolean;
  /** Seed for derived secrets, as for compile. */
  seed?: string;
  /** Overrides applied to every Score file (after which `images` fills containers whose image is "."). */
  overrides?: OverridesInput;
  readFile?: FileReader;
  limits?: Partial<LoadLimits>;
}

/** A resource of one build: its winning rule (with where it is written) and its outputs. */
export interface BuildResource {
  uid: string;
  type: string;
  class: string;
  id: string;
  /** `workload.resource` for every Score declaration of it; empty for a resource only a rule requires. */
  names: string[];
  rule: { id: string; builtin: boolean };
  outputs: Record<string, unknown>;
  /** Secret outputs: the values stay in memory for comparisons and are never shown. */
  secrets: Record<string, unknown>;
}

/** One build's outcome. `files` is empty when any of its diagnostics is an error. */
export interface BuildResult {
  build: ProjectBuild;
  /** The files as the target names them (relative to the build's output folder, or beside its output file). */
  files: OutputFile[];
  /** Compose: the binary files beside the compose file (see CompileResult.binaryFiles); absent when there is none. */
  binaryFiles?: BinaryOutputFile[];
  diagnostics: Diagnostic[];
  /** Every secret value of this build (what `maskSecrets` hides). */
  secrets: string[];
  app?: ResolvedApp;
  resources: BuildResource[];
  /**
   * `file:line:col` of a rule of this build's tables (user rules, or the built-in defaults with `builtin`). Computed on
   * demand: locating a built-in rule means parsing the defaults' YAML text, which a build that shows no rule never pays.
   */
  ruleLocation(rule: { id: string; builtin: boolean }): string;
}

/** The outcome of {@link compileProject}: project-level problems, then one result per compiled build. */
export interface CompileProjectResult {
  /** Problems of the project as a whole (Score files, rules, globs, environments); no build is compiled when one is an error. */
  diagnostics: Diagnostic[];
  builds: BuildResult[];
}

/**
 * Compiles every build of a project. The Score files are parsed and validated once and the rules tables loaded once,
 * then shared by every build; each build resolves and emits its own environment and target. Pure, like compile.
 *
 * @example
 * ```ts
 * import { compileProject, loadProject } from "scorec";
 * const { project } = loadProject({ path: "scorec.yaml", text: projectYaml });
 * const result = compileProject({ project: project!, workloads: [[{ path: "api/score.yaml", text: scoreYaml }]], rules: [] });
 * for (const b of result.builds) console.log(b.build.env, b.files.map((f) => f.path));
 * ```
 */
export function compileProject(input: CompileProjectInput): CompileProjectResult {
  return compileProjectWith(input, emitterFor);
}

/** {@link compileProject} with the emitters given (the CLI loads only the targets the builds use). */
export function compileProjectWith(
  input: CompileProjectInput,
  emitter: (target: TargetName) => Emitter,
): CompileProjectResult {
  const { project } = input;
  const diagnostics: Diagnostic[] = [];
  project.workloads.forEach((w, i) => {
    if ((input.workloads[i] ?? []).length === 0)
      diagnostics.push(
        error(
          "PROJECT_NO_MATCH",
          `workloads glob "${w.pattern}" matches no file`,
          w.location,
          "globs are relative to the project file's folder; fix the pattern or remove it",
        ),
      );
  });
  const sources = uniqueByPath(input.workloads.flat());
  const loaded = loadWorkloads(sources, {
    ...(input.limits ? { limits: input.limits } : {}),
    transform: (value) => applyOverridesToDocument(value, overridesFor(value, input)),
  });
  diagnostics.push(...loaded.diagnostics);
  const inlined = inlineFileSources(loaded.workloads, input.readFile);
  diagnostics.push(...inlined.diagnostics);
  diagnostics.push(...checkImageNames(project, inlined.workloads));
  const rules =
    input.rules.length > 0 ? loadRules(input.rules, input.limits ? { limits: input.limits } : {}) : undefined;
  if (rules) diagnostics.push(...rules.diagnostics);
  if (!hasErrors(diagnostics)) diagnostics.push(...checkEnvironments(project, rules?.table));
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics), builds: [] };

  const app = project.app ?? input.defaultApp ?? "app";
  const wanted = input.environments ? new Set(input.environments) : undefined;
  const builds: BuildResult[] = [];
  for (const build of project.builds) {
    if (wanted && !wanted.has(build.env)) continue;
    builds.push(compileBuild(build, app, inlined.workloads, rules?.table, input, emitter(build.target)));
  }
  return { diagnostics: sortDiagnostics(diagnostics), builds };
}

function compileBuild(
  build: ProjectBuild,
  app: string,
  workloads: LoadedWorkload[],
  rules: RulesTable | undefined,
  input: CompileProjectInput,
  emit: Emitter,
): BuildResult {
  const defaults = input.noDefaultRules ? undefined : builtinRules(build.target);
  const compileInput: CompileInput = {
    sources: [],
    target: build.target,
    environment: build.env,
    app,
    patches: build.patches.map((p) => input.patches?.[p]).filter((p): p is SourceFile => p !== undefined),
    ...(build.output.endsWith("/") && build.target === "kubernetes" ? { split: true } : {}),
    // The secrets file is always the library's last file; its path is only a name (the caller places it).
    ...(build.secretsOutput !== undefined ? { secretsOutput: build.secretsOutput } : {}),
    ...(build.namespace !== undefined ? { namespace: build.namespace } : {}),
    ...(build.target === "compose"
      ? { filesFolder: filesFolderFor(build.output.endsWith("/") ? "compose.yaml" : build.output) }
      : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.limits ? { limits: input.limits } : {}),
  };
  const prepared = {
    workloads,
    ...(rules ? { rules } : {}),
    ...(defaults?.table ? { defaults: defaults.table } : {}),
    environment: build.env,
    app,
    target: build.target,
  };
  const result = compilePrepared(prepared, compileInput, emit, defaults?.diagnostics ?? []);
  return {
    build,
    files: result.files,
    ...(result.binaryFiles ? { binaryFiles: result.binaryFiles } : {}),
    diagnostics: result.diagnostics,
    secrets: result.secrets,
    ...(result.app ? { app: result.app } : {}),
    resources: result.app ? buildResources(result.app) : [],
    ruleLocation: ruleLocator(rules, defaults?.table),
  };
}

function buildResources(app: ResolvedApp): BuildResource[] {
  return [...app.resources]
    .sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0))
    .map((r) => ({
      uid: r.uid,
      type: r.type,
      class: r.class,
      id: r.id,
      names: r.declaredBy.map((d) => `${d.workload}.${d.name}`),
      rule: { id: r.rule.id, builtin: r.rule.builtin },
      outputs: r.outputs,
      secrets: r.secrets,
    }));
}

function ruleLocator(rules: RulesTable | undefined, defaults: RulesTable | undefined): BuildResult["ruleLocation"] {
  return ({ id, builtin }) => {
    const rule = (builtin ? defaults : rules)?.rules.find((r) => r.id === id);
    return rule ? where(rule.origin.locate([], "value")) : "an unknown place";
  };
}

// The command line's overrides, with the project's image for this workload (by metadata.name) for its "." images.
function overridesFor(value: unknown, input: CompileProjectInput): OverridesInput {
  const name = (value as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  const image =
    typeof name === "string" && Object.hasOwn(input.project.images, name)
      ? input.project.images[name]!.image
      : undefined;
  return { ...input.overrides, ...(image !== undefined ? { image } : {}) };
}

function checkImageNames(project: Project, workloads: readonly LoadedWorkload[]): Diagnostic[] {
  const names = workloads.map((w) => w.name);
  return Object.entries(project.images)
    .filter(([name]) => !names.includes(name))
    .map(([name, { location }]) => {
      const near = closest(name, names);
      return error(
        "PROJECT_UNKNOWN_WORKLOAD",
        `images names workload "${name}", which no Score file of the project declares`,
        location,
        `${near ? `did you mean "${near}"? ` : ""}workloads: ${names.join(", ")}`,
      );
    });
}

function checkEnvironments(project: Project, rules: RulesTable | undefined): Diagnostic[] {
  const declared = Object.keys(environmentUniverse(rules));
  return project.builds
    .filter((b) => !declared.includes(b.env))
    .map((b) => {
      const near = closest(b.env, declared);
      return error(
        "PROJECT_UNKNOWN_ENVIRONMENT",
        `build environment "${b.env}" is not declared by the project's rules tables`,
        b.envLocation,
        `${near ? `did you mean "${near}"? ` : ""}declared environments: ${declared.join(", ")}`,
      );
    });
}

function uniqueByPath(sources: readonly SourceFile[]): SourceFile[] {
  const seen = new Map<string, SourceFile>();
  for (const s of sources) if (!seen.has(s.path)) seen.set(s.path, s);
  return [...seen.values()];
}

function emitterFor(target: TargetName): Emitter {
  return EMITTERS[target];
}
