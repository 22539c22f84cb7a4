/**
 * The shapes of the workload-level entries of a rules table (policies and patches) and the criteria they share.
 * Kept apart from types.ts so that the table type can name them without an import cycle.
 */
import type { Location } from "../diagnostics/diagnostic.js";
import type { StringSpan } from "../load/yaml-document.js";
import type { TargetName } from "../model/resolved.js";
import type { DataPath } from "../shared/json-pointer.js";

/** Normalised criteria: each given criterion is a sorted list; undefined matches everything. */
export interface WorkloadMatch {
  workload?: string[];
  app?: string[];
  env?: string[];
  envType?: string[];
  target?: TargetName[];
}

/** One workload being compiled: the point a policy or patch is matched against. */
export interface WorkloadPoint {
  workload: string;
  app: string;
  env: string;
  envType: string;
  target: TargetName;
}

/** Where a policy or patch is written, and how to point at parts of it. */
export interface EntryOrigin {
  file: string;
  /** Index in its list. */
  index: number;
  locate(path: DataPath, mode?: "key" | "value", span?: StringSpan): Location;
}

/** One policy of the table. */
export interface Policy {
  id: string;
  description?: string;
  match: WorkloadMatch;
  /** The schema as written. */
  schema: unknown;
  message: string;
  /** The compiled schema; absent only while loading (a policy whose schema does not compile fails the load). */
  validate?: (workload: unknown) => readonly PolicyError[];
  origin: EntryOrigin;
}

/** One schema error of a policy (ajv's error object, the fields scorec reads). */
export interface PolicyError {
  /** JSON pointer of the offending value in the workload. */
  instancePath: string;
  /** The schema keyword that failed (`pattern`, `required`, ...). */
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Which objects a patch applies to: `kind` and/or `name`, each exact or with `*` standing for any characters. */
export interface PatchSelector {
  kind?: string;
  name?: string;
}

/** One patch of the table (or of a `--patch` file in the selector form, which has no criteria). */
export interface WorkloadPatch {
  id: string;
  description?: string;
  match: WorkloadMatch;
  select: PatchSelector;
  /** The operations as written; checked when applied. */
  operations: unknown[];
  origin: EntryOrigin;
}


/** A patch in a workload's plan, with the ids of the patches it is not ordered against (neither is more specific). */
export interface PlannedPatch {
  patch: WorkloadPatch;
  unordered: ReadonlySet<string>;
}

/** The patches of each workload (by name), in the order they apply. */
export type PatchPlan = ReadonlyMap<string, readonly PlannedPatch[]>;
