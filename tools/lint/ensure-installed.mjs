// Installs the linters (this folder's own package, pinned by its lock file) when they are missing or older than
// the lock: `npm ci` at the repository root does not reach here, and `npm run lint` should just work after it.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const installed = `${here}node_modules/.package-lock.json`;
const lock = `${here}package-lock.json`;
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.error("installing the linters (tools/lint) ...");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: here, stdio: "inherit" });
}
