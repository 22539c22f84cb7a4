#!/usr/bin/env node
// Thin launcher for the compiled CLI (npm run build, which `npm ci` runs through "prepare"). It runs the bundle
// (scripts/bundle-cli.ts: one file instead of hundreds of modules, a faster start) unless the bundle is missing or
// older than the modules it was made from, e.g. after a bare `tsc`; then it runs the modules themselves.
import { statSync } from "node:fs";

const bundle = new URL("../dist/cli/bundle/scorec.js", import.meta.url);
const modules = new URL("../dist/cli/bin.js", import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime(bundle);
await import((bundled >= 0 && bundled >= mtime(modules) ? bundle : modules).href);
