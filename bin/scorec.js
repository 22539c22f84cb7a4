#!/usr/bin/env node
"use strict";
// Thin launcher for the compiled CLI (npm run build, which `npm ci` runs through "prepare"). It runs the bundle made
// by scripts/bundle-cli.ts (one file plus V8's code cache for it: a much faster start) unless the bundle is missing
// or older than the modules it was made from, e.g. after a bare `tsc`; then it runs the modules themselves.
// CommonJS (bin/package.json) because an ES module entry costs Node its ESM loader at start-up, ~10 ms.
const { readFileSync, statSync } = require("node:fs");
const Module = require("node:module");
const { dirname, join } = require("node:path");
const { pathToFileURL } = require("node:url");
const vm = require("node:vm");

const bundle = join(__dirname, "../dist/cli/bundle/scorec.cjs");
const modules = join(__dirname, "../dist/cli/bin.js");
const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;

if (mtime(bundle) >= 0 && mtime(bundle) >= mtime(modules)) {
  // Loaded the way scripts/bundle-cli.ts loads it when it records the cache (same wrapper, same file name).
  let cachedData;
  try {
    cachedData = readFileSync(`${bundle}.cache`);
  } catch {
    cachedData = undefined; // no cache: V8 compiles the bundle as usual
  }
  // The bundle is ASCII (esbuild escapes the rest; scripts/bundle-cli.ts checks): latin1 skips UTF-8 decoding.
  const script = new vm.Script(Module.wrap(readFileSync(bundle, "latin1")), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const cjs = { exports: {} };
  script.runInThisContext()(cjs.exports, Module.createRequire(bundle), cjs, bundle, dirname(bundle));
  // The only place that sets the process exit code (as in src/cli/bin.ts).
  cjs.exports.run(process.argv.slice(2), cjs.exports.nodeIO()).then((code) => {
    process.exitCode = code;
  });
} else {
  import(pathToFileURL(modules).href);
}
