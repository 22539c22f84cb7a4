/**
 * Bundles the compiled CLI (dist/cli/bin.js, written by tsc) and its dependencies into dist/cli/bundle/ with esbuild:
 * one ES module for the command line plus one chunk per target, so a run still loads only the target it compiles.
 * Node then reads a handful of files instead of some three hundred modules, which takes about a third off a cold
 * `scorec compile` (docs/performance.md). bin/scorec.js runs the bundle when it is newer than dist/cli/bin.js and
 * falls back to the modules otherwise. Run by `npm run build` after tsc.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = `${root}dist/cli/bin.js`;
const outdir = `${root}dist/cli/bundle`;
const YARGS_LOCALES = "yargs-locales";

// Bundled dependencies that are CommonJS call require() for Node built-ins; in an ES module that needs a real one.
const REQUIRE_SHIM = "import { createRequire as __scorecCreateRequire } from 'node:module'; const require = __scorecCreateRequire(import.meta.url);";

// yargs finds its message translations relative to its own file; in the bundle they sit next to the output.
const yargsLocales: Plugin = {
  name: "yargs-locales",
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const original = "resolve(__dirname, '../../../locales')";
      if (!source.includes(original)) throw new Error(`${args.path}: the locales path changed; update scripts/bundle-cli.ts`);
      return { contents: source.replace(original, `fileURLToPath(new URL('./${YARGS_LOCALES}', import.meta.url))`), loader: "js" };
    });
  },
};

statSync(entry); // fails with a clear ENOENT when tsc has not run
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { scorec: entry },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "[name]-[hash]",
  banner: { js: REQUIRE_SHIM },
  plugins: [yargsLocales],
  logLevel: "warning",
});
const localesFrom = `${root}node_modules/yargs/locales`;
mkdirSync(`${outdir}/${YARGS_LOCALES}`, { recursive: true });
for (const file of readdirSync(localesFrom)) copyFileSync(`${localesFrom}/${file}`, `${outdir}/${YARGS_LOCALES}/${file}`);
