/**
 * The contract between the resolve stage and the targets: a Score application after every resource has been
 * matched to a rule, its outputs computed and every workload placeholder substituted. Targets (compose,
 * kubernetes, helm) read only this model; they never see the rules table or raw placeholders.
 */
import type { Location } from "../diagnostics/diagnostic.js";
import type { DataPath } from "../shared/json-pointer.js";
import type { Interpolated, SecretRef } from "../placeholders/types.js";
import type { Workload } from "../score/types.js";

/** The deployment targets scorec emits. */
export type TargetName = "compose" | "kubernetes" | "helm";

/** An environment of the rules table. */
export interface Environment {
  id: string;
  type: string;
  labels: Record<string, string>;
}

/** One application (a set of workloads compiled together) resolved for one environment and target. */
export interface ResolvedApp {
  appId: string;
  environment: Environment;
  target: TargetName;
  /** Sorted by workload name. */
  workloads: ResolvedWorkload[];
  /** In deterministic dependency order: every resource comes after the resources it depends on. */
  resources: ResolvedResource[];
}

/** A workload with placeholders substituted. */
export interface ResolvedWorkload {
  name: string;
  /** Path of the Score file it came from (as given by the caller). */
  file: string;
  /** The validated Score spec after overrides and --image; placeholders NOT substituted (see containers). */
  spec: Workload;
  /** Per container (sorted by name): substituted values. */
  containers: Record<string, ResolvedContainer>;
  /** Resource name in this workload → resource uid. */
  resourceUids: Record<string, string>;
  /** Points at a value of the Score file, so target diagnostics carry file:line:col; absent for hand-built apps. */
  locate?: (path: DataPath, mode?: "key" | "value") => Location;
}

/** The substituted parts of one container. Everything not listed here is taken verbatim from the spec. */
export interface ResolvedContainer {
  /** Variables after substitution (`$$` already un-escaped: texts are the final literal values). */
  variables: Record<string, Interpolated>;
  /** Files keyed by target path. */
  files: Record<string, ResolvedFile>;
  /** Volumes keyed by target path. */
  volumes: Record<string, ResolvedVolume>;
}

/** A file to mount: text (substituted unless noExpand) or binary (base64). */
export type ResolvedFile =
  { kind: "text"; content: Interpolated; mode?: string } | { kind: "binary"; base64: string; mode?: string };

/** A volume mount: from a resource (by uid) or a literal named volume. */
export interface ResolvedVolume {
  source: { kind: "resource"; uid: string } | { kind: "literal"; name: string };
  path?: string;
  readOnly: boolean;
}

/** A resource after resolution. */
export interface ResolvedResource {
  /** `type.class#id`, with id = `<workload>.<resource name>` for private resources. */
  uid: string;
  type: string;
  class: string;
  /** The Score `id`, or `<workload>.<resource name>` for private resources. */
  id: string;
  /** Whether the Score file gave an explicit id (a resource shared across workloads). */
  shared: boolean;
  /** Every (workload, resource name) that declares it, sorted. */
  declaredBy: { workload: string; name: string }[];
  /** The workload whose params/metadata are used (the first declaring workload by name). */
  sourceWorkload: string;
  params: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** Id of the rule that won, and whether it came from the built-in defaults. */
  rule: { id: string; builtin: boolean; description?: string };
  /** Plain outputs. */
  outputs: Record<string, unknown>;
  /** Secret outputs; anything interpolated from them is secret too. */
  secrets: Record<string, unknown>;
  /**
   * The secret outputs that reference a Secret living elsewhere (`secretRef`), by key: their value in `secrets` is
   * the Compose interpolation that reads it, never a secret value. Absent when there is none.
   */
  secretRefs?: Record<string, SecretRef[]>;
  /** What the resource adds to the target output, after expression evaluation. */
  artifacts: ResourceArtifacts;
  /**
   * JSON pointers (RFC 6901) into `artifacts` of every string that holds a secret value, e.g.
   * `/kubernetes/manifests/0/stringData/password`. Targets use them to prove secrets stay in secret places.
   */
  secretPaths: string[];
  /** Uids of the resources this one depends on (requires edges and params references), sorted. */
  dependsOn: string[];
  /**
   * Points at a place of the winning rule's `artifacts` (a path such as the segments of a `secretPaths` pointer), so
   * target diagnostics about artifacts carry file:line:col; absent for hand-built apps. Not enumerable.
   */
  locate?: (path: DataPath) => Location;
}

/** The artifacts a rule may attach for each target. */
export interface ResourceArtifacts {
  compose?: ComposeArtifacts;
  kubernetes?: { manifests: Record<string, unknown>[] };
  helm?: { values?: Record<string, unknown>; manifests?: Record<string, unknown>[] };
}

/** Compose top-level sections contributed by a resource; merged by name into the output project. */
export interface ComposeArtifacts {
  services?: Record<string, Record<string, unknown>>;
  volumes?: Record<string, Record<string, unknown> | null>;
  networks?: Record<string, Record<string, unknown> | null>;
  configs?: Record<string, Record<string, unknown>>;
  secrets?: Record<string, Record<string, unknown>>;
}

/** A file a target produces; the caller decides where and whether to write it. */
export interface OutputFile {
  /** Path relative to the output location chosen by the caller (e.g. "compose.yaml"). */
  path: string;
  text: string;
}

/**
 * A file a target produces as bytes: Compose bind-mounts binary Score files from a folder beside the compose file,
 * whose relative path `source` entries name. The caller writes it, with `mode`, next to the main file.
 */
export interface BinaryOutputFile {
  /** Path relative to the folder of the main file, POSIX (e.g. "compose.files/web-main-logo.png"). */
  path: string;
  bytes: Uint8Array;
  /** File permissions to write it with (e.g. 0o644): a bind mount shows the host file's mode in the container. */
  mode: number;
}
