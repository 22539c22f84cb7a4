import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject } from "ajv";
import { parse } from "yaml";
import { checkComposeConsistency } from "../../../src/targets/compose/consistency.js";
import { ROOT } from "../../helpers/corpus.js";

const schema = JSON.parse(readFileSync(`${ROOT}test/schemas/compose/compose-spec.schema.json`, "utf8")) as object;
// strict: false because the upstream schema uses annotation keywords (deprecated, ...) that ajv's strict mode flags.
const validateSchema = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/**
 * Checks a compose file the way `docker compose config` would, without Docker: YAML 1.1 parsing (as Go's yaml
 * does), the Compose Specification schema (compose-go v2.13.0), then the loader's consistency rules (undefined
 * volumes/networks/configs/secrets/services, dependency cycles). Returns readable problems; empty means valid.
 */
export function composeProblems(text: string): string[] {
  let value: unknown;
  try {
    value = parse(text, { version: "1.1", uniqueKeys: true });
  } catch (e) {
    return [`not YAML: ${(e as Error).message}`];
  }
  if (!validateSchema(value)) return (validateSchema.errors ?? []).map(describe);
  return checkComposeConsistency(value as Record<string, unknown>).map((d) => `${d.code}: ${d.message}`);
}

function describe(e: ErrorObject): string {
  return `${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`;
}
