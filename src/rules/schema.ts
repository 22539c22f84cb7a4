import type { ErrorObject } from "ajv";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceDocument } from "../load/yaml-document.js";
import { validate as validateRulesSchema } from "../validate/generated/rules-schema.js";
import { schemaDiagnostics } from "../validate/schema-errors.js";

/** A precompiled validator as ajv's standalone code exports it. */
interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * Validates a rules document against spec/rules-v1alpha1.schema.json (precompiled, no ajv at run time).
 * Every problem becomes a RULES_SCHEMA error located at the offending YAML node.
 */
export function checkRulesSchema(doc: SourceDocument): Diagnostic[] {
  const v = validateRulesSchema as StandaloneValidator;
  if (v(doc.value)) return [];
  const errors = [...(v.errors ?? [])];
  // Criteria are oneOf a value or a list; ajv also reports each failed branch (through $ref, so schema-errors.ts
  // cannot fold them). One message per value is enough.
  const branched = new Set(errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath));
  const kept = errors.filter((e) => e.keyword === "oneOf" || ![...branched].some((p) => e.instancePath === p || e.instancePath.startsWith(p + "/")));
  const located = schemaDiagnostics(kept, (path, mode) => doc.locate(path, mode), "rules table");
  return located.map((d) => error("RULES_SCHEMA", d.message, { ...(d.file ? { file: d.file } : {}), ...(d.range ? { range: d.range } : {}), ...(d.pointer !== undefined ? { pointer: d.pointer } : {}) }, d.hint));
}
