/**
 * Precompiles the JSON schemas in spec/ into standalone validator modules (ajv "standalone" code), so the
 * compiler never compiles a schema at start-up. Run `npm run build:validators` after changing a schema;
 * test/unit/validate/generated-validators.test.ts fails when a generated module is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateValidatorModule, VALIDATORS } from "./validator-codegen.js";

const root = fileURLToPath(new URL("..", import.meta.url));
for (const v of VALIDATORS) {
  const schema = JSON.parse(readFileSync(root + v.schema, "utf8")) as object;
  writeFileSync(root + v.output, generateValidatorModule(schema, v.schema));
  console.log(`wrote ${v.output}`);
}
