import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadLimits, SourceFile } from "../load/source.js";
import type { BinaryOutputFile, OutputFile, ResolvedApp, TargetName } from "../model/resolved.js";
import type { OverridesInput } from "./overrides-step.js";
import type { PatchPlan, WorkloadPatch } from "../rules/workload-rules.js";

/** Everything a compile needs, in memory. Only `sources` is required. */
export interface CompileInput {
  /** Score files, already read and decoded; several files are several workloads of one app. */
  sources: readonly SourceFile[];
  /** Output kind; default "compose". */
  target?: TargetName;
  /** Rules tables (YAML text); several tables combine. */
  rules?: readonly SourceFile[];
  /** Leave out the built-in default rules (the lower tier). */
  noDefaultRules?: boolean;
  /** Environment id; default "local". */
  environment?: string;
  /** Application id; default "app". The CLI passes the working folder's name, as score-compose does. */
  app?: string;
  /** score-compose compatible overrides and --image. */
  overrides?: OverridesInput;
  /**
   * Seed for derived secrets (`derive.password`). Without one, a development environment uses the public
   * development seed (with a RULES_DEFAULT_SEED warning when a derived secret reaches the output) and any other
   * environment fails with RULES_SEED_REQUIRED where a secret is derived. The library never reads SCOREC_SEED.
   */
  seed?: string;
  /**
   * Path (relative, like the main artifact's) of a second file that takes every secret value out of the main
   * artifact: Kubernetes: every Secret object; Helm: a second values file (`helm install -f values.yaml -f PATH`).
   * Compose has no secret store: there it is an error. The secrets file is always the last of `files`.
   */
  secretsOutput?: string;
  /** Kubernetes/Helm namespace. */
  namespace?: string;
  /** Compose `--publish HOST:REF:PORT` entries. */
  publish?: readonly string[];
  /**
   * Patch files: RFC 6902 operations addressed by manifest index (applied to the whole artifact), or a list of
   * `{ select, patch }` entries applied to each selected object of every workload (docs/policies.md).
   */
  patches?: readonly SourceFile[];
  /** Kubernetes: one file per manifest instead of one multi-document file. */
  split?: boolean;
  /**
   * Compose: the folder, relative to the compose file's folder, that binary files go to (`binaryFiles`) and are
   * bind-mounted from; default `compose.files`. The CLI names it after the output file (`-o prod.yaml` →
   * `prod.files`) with `filesFolderFor`. A single folder name (no `/`, not `.` or `..`).
   */
  filesFolder?: string;
  /**
   * Reads a file named by `containers.*.files.*.source`. `path` is the source joined onto the Score file's folder
   * (POSIX, never climbing out of it lexically); `root` is that folder, so the reader can refuse symlinks that lead
   * outside it. Return the bytes, or `{ error }` saying why not. Without it, file sources are an error: the library
   * itself never touches the disk.
   */
  readFile?: FileReader;
  /** Parser limits for hostile input. */
  limits?: Partial<LoadLimits>;
}

/** Reads a file source on behalf of the compiler; see {@link CompileInput.readFile}. */
export type FileReader = (path: string, root: string) => Uint8Array | { error: string };

/** The outcome of a compile. `files` is empty when any diagnostic is an error. */
export interface CompileResult {
  files: OutputFile[];
  /**
   * Files the target emits as bytes, to be written beside the main file at their `path` (Compose: binary Score files,
   * bind-mounted from `filesFolder`). Absent when there is none or any diagnostic is an error.
   */
  binaryFiles?: BinaryOutputFile[];
  diagnostics: Diagnostic[];
  /** The resolved application (for graphs, explain and tooling); absent when resolution failed. */
  app?: ResolvedApp;
  /**
   * Every secret value this compile produced (derived or written in the rules), sorted: what {@link maskSecrets}
   * hides in diffs and reports. Empty when there is none or resolution failed.
   */
  secrets: string[];
}

/** What the pipeline hands an emitter besides the input: the workload patches, planned (docs/policies.md). */
export interface EmitExtras {
  workloadPatches?: PatchPlan;
  /** Collects the patches that selected at least one object. */
  usedPatches?: Set<WorkloadPatch>;
}

/** Turns a resolved app into output files for one target. */
export type Emitter = (
  app: ResolvedApp,
  input: CompileInput,
  extras?: EmitExtras,
) => { files: OutputFile[]; binaryFiles?: BinaryOutputFile[]; diagnostics: Diagnostic[] };
