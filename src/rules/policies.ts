/**
 * Policies of a rules table: a JSON Schema (2020-12) that every matching Score workload must satisfy, checked
 * before anything is written. Schemas are compiled once per rules load (ajv compiles to code, which is the slow
 * part) and never fetch anything: a `$ref` must stay inside the policy's own schema.
 */
import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";
import { fromPointer } from "../shared/json-pointer.js";
import { validate as validateMetaSchema } from "../validate/generated/json-schema-2020-12.js";
import { policyCompiler } from "./policy-compiler.js";
import { error, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import type { StringSpan } from "../load/yaml-document.js";
import type { DataPath } from "../shared/json-pointer.js";
import { toWorkloadMatch } from "./workload-match.js";
import type { Policy } from "./workload-rules.js";

/** A policy as the rules schema admits it. */
export interface RawPolicy {
  id: string;
  description?: string;
  match?: Record<string, string | string[]>;
  workload: unknown;
  message: string;
}

/** Reads the `policies` of one rules document (already schema-checked). */
export function toPolicy(raw: RawPolicy, index: number, file: string, locate: (path: DataPath, mode?: "key" | "value", span?: StringSpan) => Location): Policy {
  return {
    id: raw.id,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    match: toWorkloadMatch(raw.match),
    schema: raw.workload,
    message: raw.message,
    origin: { file, index, locate: (path, mode = "value", span) => locate(["policies", index, ...path], mode, span) },
  };
}

/**
 * Compiles every policy's schema (once per load; see {@link policyCompiler}).
 * A schema that is not valid JSON Schema, uses an unknown keyword or format, or refers outside itself is a
 * RULES_POLICY_SCHEMA error at the policy's `workload`.
 */
export function compilePolicies(policies: readonly Policy[]): Diagnostic[] {
  if (policies.length === 0) return [];
  const ajv = policyCompiler();
  const diagnostics: Diagnostic[] = [];
  for (const policy of policies) {
    const at = policy.origin.locate(["workload"]);
    const remote = remoteReference(policy.schema, ["workload"]);
    if (remote) {
      const naming = NAMING_KEYWORDS.includes(remote.keyword);
      const message =
        remote.keyword === "$schema"
          ? `policy "${policy.id}": $schema "${remote.ref}" is not JSON Schema 2020-12, the only dialect policies use`
          : naming
            ? `policy "${policy.id}": ${remote.keyword} is not supported in policies: a policy's schema is anonymous and self-contained`
            : `policy "${policy.id}": ${remote.keyword} "${remote.ref}" refers outside the policy, and scorec never fetches schemas (a compile uses no network)`;
      diagnostics.push(error("RULES_POLICY_SCHEMA", message, policy.origin.locate(remote.path), remote.keyword === "$schema" ? "leave $schema out" : naming ? "put shared parts under $defs and refer to them as #/$defs/NAME" : "write the schema inline, or use a local reference such as #/$defs/NAME"));
      continue;
    }
    const meta = metaSchemaProblem(policy.schema);
    if (meta) {
      diagnostics.push(error("RULES_POLICY_SCHEMA", `policy "${policy.id}": the workload schema is not a valid JSON Schema (2020-12): ${meta.message}`, policy.origin.locate(["workload", ...meta.path]), "fix the schema; https://json-schema.org/draft/2020-12 lists the keywords"));
      continue;
    }
    let compiled: ValidateFunction;
    try {
      compiled = ajv.compile(policy.schema as object);
    } catch (e) {
      forget(ajv, policy.schema);
      diagnostics.push(error("RULES_POLICY_SCHEMA", `policy "${policy.id}": the workload schema is not a valid JSON Schema (2020-12): ${firstLine(e)}`, at, "fix the schema; https://json-schema.org/draft/2020-12 lists the keywords"));
      continue;
    }
    // The compiled function stays valid; forgetting the schema keeps the shared instance free of this table's `$id`s.
    forget(ajv, policy.schema);
    policy.validate = (workload) => (compiled(workload) ? [] : [...(compiled.errors ?? [])]);
  }
  return diagnostics;
}

/** A precompiled validator as ajv's standalone code exports it. */
interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}

/**
 * The first place where the schema breaks the 2020-12 meta-schema (precompiled, see scripts/validator-codegen.ts), so
 * that the compiler need not compile the meta-schema in every process that loads a policy.
 */
function metaSchemaProblem(schema: unknown): { path: string[]; message: string } | undefined {
  const v = validateMetaSchema as StandaloneValidator;
  if (v(schema)) return undefined;
  const first = v.errors?.[0];
  const path = fromPointer(first?.instancePath ?? "");
  return { path, message: `${path.length > 0 ? path.join(".") : "the schema"} ${first?.message ?? "is not valid"}` };
}

function forget(ajv: Ajv2020, schema: unknown): void {
  if (schema !== null && typeof schema === "object") ajv.removeSchema(schema);
}

// Names a schema would register in the shared instance (and keep there): a policy is anonymous and self-contained.
const NAMING_KEYWORDS = ["$id", "$anchor", "$dynamicAnchor"];

const REFERENCE_KEYWORDS = ["$ref", "$dynamicRef", "$recursiveRef", "$schema"];

/**
 * The first reference that leaves the schema (anything but `#...`) or name that would outlive it (`$id`, anchors),
 * with its path. `$schema` may only name 2020-12.
 */
function remoteReference(schema: unknown, path: (string | number)[]): { keyword: string; ref: string; path: (string | number)[] } | undefined {
  if (Array.isArray(schema)) {
    for (let i = 0; i < schema.length; i++) {
      const found = remoteReference(schema[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (schema === null || typeof schema !== "object") return undefined;
  for (const [key, value] of Object.entries(schema)) {
    if (NAMING_KEYWORDS.includes(key)) return { keyword: key, ref: String(value), path: [...path, key] };
    if (REFERENCE_KEYWORDS.includes(key) && typeof value === "string") {
      const local = key === "$schema" ? value === "https://json-schema.org/draft/2020-12/schema" : value.startsWith("#");
      if (!local) return { keyword: key, ref: value, path: [...path, key] };
      continue;
    }
    const found = remoteReference(value, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
}
