/**
 * Writes the public API report: every name exported from src/index.ts with its signature, sorted, so that each API
 * change shows up in review as a diff of golden/api/public-api.txt. `npm run api:report` regenerates it;
 * test/api-report.test.ts fails when it is stale.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildApiReport } from "./api-report-lib.js";

const root = fileURLToPath(new URL("..", import.meta.url));
mkdirSync(root + "golden/api", { recursive: true });
writeFileSync(root + "golden/api/public-api.txt", buildApiReport(root));
console.log("wrote golden/api/public-api.txt");
