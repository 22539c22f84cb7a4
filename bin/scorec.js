#!/usr/bin/env node
// Thin launcher for the compiled CLI (npm run build, which `npm ci` runs through "prepare"). It runs the bundle made
// by scripts/bundle-cli.ts (one file plus V8's code cache for it: a much faster start) unless the bundle is missing
// or older than the modules it was made from, e.g. after a bare `tsc`; then it runs the modules themselves.
import { readFileSync, statSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const bundle = fileURLToPath(new URL("../dist/cli/bundle/scorec.cjs", import.meta.url));
const modules = new URL("../dist/cli/bin.js", import.meta.url);
const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;

if (mtime(bundle) >= 0 && mtime(bundle) >= mtime(modules)) {
  // Loaded the way scripts/bundle-cli.ts loads it when it records the cache (same wrapper, same file name).
  let cachedData;
  try {
    cachedData = readFileSync(`${bundle}.cache`);
  } catch {
    cachedData = undefined; // no cache: V8 compiles the bundle as usual
  }
  const script = new vm.Script(Module.wrap(readFileSync(bundle, "utf8")), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const cjs = { exports: {} };
  script.runInThisContext()(cjs.exports, createRequire(bundle), cjs, bundle, dirname(bundle));
  // The only place that sets the process exit code (as in src/cli/bin.ts).
  process.exitCode = await cjs.exports.run(process.argv.slice(2), cjs.exports.nodeIO());
} else {
  await import(modules.href);
}
