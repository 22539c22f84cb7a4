#!/usr/bin/env node
"use strict";
// Launcher: runs the CLI bundle (dist/cli/bundle/scorec.cjs, made by scripts/bundle-cli.ts in `npm run build`, which
// `npm ci`, `npm pack` and a git install run through "prepare"). The package ships the bundle, so every install takes
// this one path. It is compiled through node:vm with V8's code cache recorded at build time: 30 ms less CPU per start
// in the installed-package benchmark (docs/performance.md). CommonJS (bin/package.json): an ES module entry costs
// Node its ESM loader at start-up.
const { readFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname, join } = require("node:path");
const vm = require("node:vm");

const bundle = join(__dirname, "../dist/cli/bundle/scorec.cjs");
let source;
try {
  // The build leaves the bundle pure ASCII, so latin1 is its exact text and skips UTF-8 decoding: 2.5 MB read in 3.1
  // instead of 6.1 ms; 80 alternating cold compiles, 105.8 -> 102.2 ms wall median (docs/performance.md).
  source = readFileSync(bundle, "latin1");
} catch {
  process.stderr.write(
    `scorec: ${bundle} is missing; in a clone of scorec, run \`npm ci\` (or \`npm run build\`) first\n`,
  );
  process.exit(1);
}
let cachedData;
try {
  cachedData = readFileSync(`${bundle}.cache`);
} catch {
  cachedData = undefined; // no cache: V8 compiles the bundle as usual (it also ignores a cache made by another Node)
}
// The same wrapper and file name as scripts/bundle-cli.ts uses when it records the cache.
const script = new vm.Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
const cjs = { exports: {} };
script.runInThisContext()(cjs.exports, Module.createRequire(bundle), cjs, bundle, dirname(bundle));
// The only place that sets the process exit code.
cjs.exports.run(process.argv.slice(2), cjs.exports.nodeIO()).then((code) => {
  process.exitCode = code;
});
