import type { ErrorObject } from "ajv";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceDocument } from "../load/yaml-document.js";
import { validate as validateRulesSchema } from "../validate/generated/rules-schema.js";
import { schemaDiagnostics } from "../validate/schema-errors.js";
import { closestName } from "../shared/suggest.js";
import { fromPointer } from "../shared/json-pointer.js";
import { CRITERIA } from "./types.js";

/** A precompiled validator as ajv's standalone code exports it. */
interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The keys a mapping allows, by where it sits (a pattern over the JSON pointer). */
const ALLOWED_KEYS: readonly { at: RegExp; what: string; keys: readonly string[] }[] = [
  { at: /^\/rules\/\d+\/match$/, what: "match", keys: CRITERIA },
  { at: /^\/rules\/\d+$/, what: "a rule", keys: ["id", "description", "match", "extends", "requires", "vars", "outputs", "secrets", "artifacts"] },
  { at: /^\/environments\/[^/]+$/, what: "an environment", keys: ["type", "labels"] },
];

/** Names people write for a criterion, beyond spelling mistakes. */
const ALIASES: Readonly<Record<string, string>> = { environment: "env", environments: "env", environmentType: "envType", env_type: "envType", envtype: "envType", targets: "target", label: "labels", workloads: "workload", classes: "class", types: "type", apps: "app", ids: "id", resource: "type" };

/** An unknown key where the allowed ones are known: the message lists them and suggests the one meant. */
function unknownKeyDiagnostic(e: ErrorObject, doc: SourceDocument): Diagnostic | undefined {
  if (e.keyword !== "additionalProperties") return undefined;
  const place = ALLOWED_KEYS.find((p) => p.at.test(e.instancePath));
  if (!place) return undefined;
  const key = String((e.params as { additionalProperty?: unknown }).additionalProperty);
  const path = [...fromPointer(e.instancePath).map((p) => (/^\d+$/.test(p) ? Number(p) : p)), key];
  const meant = (Object.hasOwn(ALIASES, key) && place.keys.includes(ALIASES[key]!) ? ALIASES[key] : undefined) ?? closestName(key, place.keys);
  return error("RULES_SCHEMA", `"${key}" is not allowed in ${place.what}${meant ? `; did you mean "${meant}"?` : ""}`, doc.locate(path, "key"), `${place.what} allows ${place.keys.join(", ")}`);
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
  const unknownKeys = kept.flatMap((e) => unknownKeyDiagnostic(e, doc) ?? []);
  const rest = kept.filter((e) => unknownKeyDiagnostic(e, doc) === undefined);
  const located = [...unknownKeys, ...schemaDiagnostics(rest, (path, mode) => doc.locate(path, mode), "rules table")];
  return located.map((d) => error("RULES_SCHEMA", d.message, { ...(d.file ? { file: d.file } : {}), ...(d.range ? { range: d.range } : {}), ...(d.pointer !== undefined ? { pointer: d.pointer } : {}) }, d.hint));
}
