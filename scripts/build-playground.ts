/**
 * Builds the browser playground (DESIGN.md §10) into dist/playground/: index.html, a style sheet and two classic
 * scripts (the page, and Mermaid for the Graph tab, loaded on first use), all referenced by relative paths, so the
 * folder works from file:// and from any static host. Classic scripts (not type="module", no code splitting, no
 * workers) because Chromium refuses module scripts and workers on file:// pages. The library comes in through its
 * public entry point only (`scorec` is aliased to src/index.ts). Run by `npm run playground`.
 */
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const PLAYGROUND_DIR = `${root}dist/playground`;

/** Writes dist/playground/ afresh; returns the bundle's size in bytes per output file. */
async function buildPlayground(): Promise<Record<string, number>> {
  rmSync(PLAYGROUND_DIR, { recursive: true, force: true });
  mkdirSync(PLAYGROUND_DIR, { recursive: true });
  const result = await build({
    entryPoints: {
      playground: `${root}playground/src/main.ts`,
      "playground-graph": `${root}playground/src/graph-entry.ts`,
    },
    outdir: PLAYGROUND_DIR,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["chrome110", "firefox115", "safari16.4"],
    minify: true,
    legalComments: "linked",
    metafile: true,
    alias: { scorec: `${root}src/index.ts` },
    loader: { ".yaml": "text" },
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  copyFileSync(`${root}playground/index.html`, `${PLAYGROUND_DIR}/index.html`);
  return Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([file, out]) => [file.replace(/^.*\//, ""), out.bytes]),
  );
}

const sizes = await buildPlayground();
for (const [file, bytes] of Object.entries(sizes))
  console.log(`dist/playground/${file}  ${(bytes / 1024).toFixed(0)} KiB`);
