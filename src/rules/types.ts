/**
 * The rules table after loading: environments, and rules whose criteria are normalised to lists. Every rule
 * remembers where it came from so that diagnostics point at `file:line:col`.
 */
import type { Location } from "../diagnostics/diagnostic.js";
import type { StringSpan } from "../load/yaml-document.js";
import type { DataPath } from "../shared/json-pointer.js";
import type { TargetName } from "../model/resolved.js";
import type { Policy, WorkloadPatch } from "./workload-rules.js";

/** The apiVersion a rules file declares. */
export const RULES_API_VERSION = "scorec.dev/v1alpha1";

/** Every target, in the order used for enumeration and messages. */
export const TARGETS: readonly TargetName[] = ["compose", "kubernetes", "helm"];

/** A declared environment. */
export interface EnvironmentDecl {
  id: string;
  type: string;
  labels: Record<string, string>;
  /** Where it is declared; absent for the implicit `local` environment. */
  location?: Location;
}

/**
 * The criteria of a rule, normalised: every given criterion is a non-empty list; `undefined` means the criterion
 * was omitted (matches everything), except `class`, where omitted means `["default"]` and `"*"` means any class.
 */
export interface RuleMatch {
  type: string[];
  class: string[] | "*";
  id?: string[];
  workload?: string[];
  app?: string[];
  env?: string[];
  envType?: string[];
  /** Environment labels that must all be equal (sorted by key); undefined = any labels. */
  labels?: Record<string, string>;
  target?: TargetName[];
}

/** A criterion name, in the order in which criteria are checked and reported. */
export type CriterionName = "type" | "class" | "id" | "workload" | "app" | "env" | "envType" | "labels" | "target";

/** The criteria in reporting order. */
export const CRITERIA: readonly CriterionName[] = ["type", "class", "id", "workload", "app", "env", "envType", "labels", "target"];

/**
 * The criteria a declared tie-break (`precedence`) may list. Type and class are left out: a rule for another type
 * never competes, and `class: "*"` is a deliberate catch-all, not a narrower or wider value list.
 */
export type PrecedenceCriterion = "id" | "workload" | "env" | "app" | "envType" | "labels" | "target";

/** Every criterion `precedence` accepts (the schema's enum says the same). */
export const PRECEDENCE_CRITERIA: readonly PrecedenceCriterion[] = ["id", "workload", "env", "app", "envType", "labels", "target"];

/** Another resource a rule needs (`requires.ALIAS`). */
export interface Requirement {
  type: string;
  /** Defaults to `default`. */
  class: string;
  /** A fixed id shares the resource; undefined = private to the requiring resource. */
  id?: string;
}

/** Where a rule is written, and how to point at parts of it. */
export interface RuleOrigin {
  file: string;
  /** Index in the file's `rules` list. */
  index: number;
  /** Locates a path relative to the rule (e.g. `["match", "env"]`); `span` narrows it to characters of a string. */
  locate(path: DataPath, mode?: "key" | "value", span?: StringSpan): Location;
}

/** One rule of the table. Templates (outputs, secrets, artifacts) are kept as written; expressions are evaluated at resolve time. */
export interface Rule {
  id: string;
  description?: string;
  match: RuleMatch;
  requires: Record<string, Requirement>;
  outputs: Record<string, unknown>;
  secrets: Record<string, unknown>;
  /** Private helper values: expressions of this rule read them as `vars.KEY`; workloads never see them. */
  vars: Record<string, unknown>;
  artifacts: Partial<Record<TargetName, unknown>>;
  /** The rule this one extends (already applied: outputs, secrets, vars and artifacts are the merged result). */
  extends?: string;
  origin: RuleOrigin;
}

/** A loaded (and, when several files were given, merged) rules table. */
export interface RulesTable {
  /** Declared environments by id (sorted by id). */
  environments: Record<string, EnvironmentDecl>;
  /** Rules sorted by id. */
  rules: Rule[];
  /** Policies sorted by id (docs/policies.md); absent = none. */
  policies?: Policy[];
  /** Workload patches sorted by id (docs/policies.md); absent = none. */
  patches?: WorkloadPatch[];
  /**
   * The declared tie-break order (earliest = strongest), when a file declares one. Without it, containment alone
   * decides and incomparable candidates are an ambiguity.
   */
  precedence?: Precedence;
}

/** A declared tie-break order and where it is written. */
export interface Precedence {
  order: PrecedenceCriterion[];
  location?: Location;
}

/** The id and type of the environment that exists when no table declares `local`. */
export const IMPLICIT_LOCAL: EnvironmentDecl = { id: "local", type: "development", labels: {} };

/** The environments a table makes available: the declared ones plus the implicit `local` unless declared. */
export function environmentUniverse(table: RulesTable | undefined): Record<string, EnvironmentDecl> {
  const declared = table?.environments ?? {};
  if (declared.local) return declared;
  const all: Record<string, EnvironmentDecl> = { ...declared, local: IMPLICIT_LOCAL };
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
