/**
 * Embeds the built-in default rules (every rules/defaults/*.yaml) into src/rules/defaults/generated.ts, so the
 * library ships them without reading files at run time. Run `npm run build:defaults` after editing a defaults file;
 * test/unit/rules/defaults.test.ts fails when the generated module is stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULTS_MODULE, generateDefaultsModule, readDefaultsFolder } from "./defaults-codegen.js";

const root = fileURLToPath(new URL("..", import.meta.url));
writeFileSync(root + DEFAULTS_MODULE, generateDefaultsModule(readDefaultsFolder(root)));
console.log(`wrote ${DEFAULTS_MODULE}`);
