/**
 * The floor a whole-app compile is compared with, run as its own Node process like the CLI: read every Score file,
 * parse it with the `yaml` package, stringify the same output documents (handed over as JSON) and write the result.
 * Passed to `node --input-type=module -e` from the repository root, so `yaml` resolves from node_modules.
 */
export const SCALE_FLOOR_SCRIPT = `
import { readFileSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";
const [outputJson, outputFile, ...inputs] = process.argv.slice(1);
for (const file of inputs) parse(readFileSync(file, "utf8"));
const docs = JSON.parse(readFileSync(outputJson, "utf8"));
writeFileSync(outputFile, docs.map((d) => stringify(d)).join("---\\n"));
`;
