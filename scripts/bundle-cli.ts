/**
 * Bundles the compiled CLI (dist/, written by tsc) and its dependencies into one CommonJS file with esbuild, then
 * records V8's code cache for it by compiling the example workload for every target. bin/scorec.js runs that file
 * through node:vm with the cache, so a cold `scorec compile` neither resolves some three hundred modules nor parses
 * and compiles their code again (docs/performance.md). Target modules stay lazy: esbuild wraps what the CLI imports
 * dynamically in initializers that run on first import. Packages no compile runs go to chunks beside the bundle, each
 * with its own code cache (scripts/bundle-lazy.ts). Run by `npm run build` after tsc.
 *
 * The cache is only valid for the Node/V8 version and flags it was made with; V8 checks that and ignores a cache
 * that does not fit (slower, still correct). bin/scorec.js always runs the bundle: the package ships it.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { build, type Plugin } from "esbuild";
import { buildChunks, chunkFile, lazyModules, type ChunkModules } from "./bundle-lazy.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}dist/cli/bundle`;
const bundle = `${outdir}/scorec.cjs`;
const YARGS_LOCALES = "yargs-locales";
// Every Score feature and the common resource types, so that a cold compile of a real file finds its code compiled.
const FEATURES = `${root}scripts/code-cache/features.score.yaml`;
// Warms what the features file does not reach (see writeCodeCache).
const UNUSUAL_SCORE = `apiVersion: score.dev/v1b1
metadata: &meta
  name: unusual
containers:
  main:
    image: "nginx:1.27"
    command: ["/bin/sh", "-c", "echo 'a: b' # not a comment"]
    variables:
      FOLDED: >
        folded text
    readinessProbe:
      httpGet: { path: /ready, port: 8080 }
service:
  ports:
    web: { port: 8080 }
`;

// A project over the unusual file, one build per target.
const PROJECT = `apiVersion: scorec.dev/v1alpha1
kind: Project
workloads: [unusual/*.yaml]
builds:
  - { env: local, target: compose, output: out/compose.yaml }
  - { env: staging, target: kubernetes, output: out/staging/ }
  - { env: production, target: helm, output: out/values.yaml }
`;

// yargs' platform shim, adapted to living in the bundle:
// - it finds its message translations relative to its own file; in the bundle they sit next to the output;
// - it looks for "the program's" package.json from the folder above its node_modules, which the bundle is not in:
//   from the working directory up to the root, every start (yargs guesses a version before scorec sets its own), and
//   the failed search built an AssertionError; scorec's package root is where the bundle's program lives;
// - it reads process.stdout.columns when loaded, which sets up the stdout stream; with that stream set up beside
//   src/node/node-io.ts's direct writes to descriptor 1, a pipe reader that leaves early (`| head -c 10`) made the
//   compile exit 1 in 8 of 12 runs (test/hostile/cli.test.ts). The width is read when help is laid out instead.
//   Kept for that, not for speed (1.1 ms).
// - it imports node:assert for two invariant checks; loading assert refreshes Node's colour settings, which sets up
//   process.stderr: with standard error a pipe (a pre-commit hook, CI, the benchmark) a socket and the stream modules,
//   though a compile writes nothing there. Two plain checks do the same: 40 alternating cold compiles with standard
//   error a pipe, 102.3 -> 96.0 ms wall median (node -e 0: 58.6 ms). Measured at 1.3 ms with standard error not a
//   pipe, and removed then.
const YARGS_SHIM_EDITS: readonly (readonly [string, string])[] = [
  ["resolve(__dirname, '../../../locales')", `fileURLToPath(new URL('./${YARGS_LOCALES}', import.meta.url))`],
  [
    "const mainFilename = __dirname.substring(0, __dirname.lastIndexOf('node_modules'));",
    "const mainFilename = fileURLToPath(new URL('../../../', import.meta.url));",
  ],
  [
    "stdColumns: typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null",
    "get stdColumns() { return typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null }",
  ],
  [
    "import { notStrictEqual, strictEqual } from 'assert'",
    "const notStrictEqual = (actual, expected, message) => { if (actual === expected) throw new Error(message ?? `unexpected ${String(actual)}`) };\n" +
      "const strictEqual = (actual, expected, message) => { if (actual !== expected) throw new Error(message ?? `expected ${String(expected)}, got ${String(actual)}`) };",
  ],
];
const yargsShim: Plugin = {
  name: "yargs-shim",
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => {
      let source = readFileSync(args.path, "utf8");
      for (const [original, replacement] of YARGS_SHIM_EDITS) {
        if (!source.includes(original))
          throw new Error(`${args.path} changed (no ${JSON.stringify(original)}); update scripts/bundle-cli.ts`);
        source = source.replace(original, replacement);
      }
      return { contents: source, loader: "js" };
    });
  },
};

// yargs imports cliui and string-width for its help and usage screens only, and evaluating them (Unicode property
// regexes, Intl.Segmenter) was a tenth of a cold start. In the bundle they become functions that load the real module
// on their first call; esbuild wraps a module that is require()d in an initializer that runs on that first require.
const LAZY_FROM_YARGS = new Set(["cliui", "string-width"]);
const lazyHelpModules: Plugin = {
  name: "lazy-help-modules",
  setup(b) {
    b.onResolve({ filter: /^(cliui|string-width)$/ }, (args) => {
      if (!LAZY_FROM_YARGS.has(args.path) || !/[\\/]yargs[\\/]/.test(args.importer)) return undefined;
      return { path: args.path, namespace: "lazy-help", pluginData: { resolveDir: args.resolveDir } };
    });
    b.onLoad({ filter: /.*/, namespace: "lazy-help" }, (args) => ({
      contents: `let real;\nexport default function lazy(...args) {\n  real ??= require(${JSON.stringify(`lazy-real:${args.path}`)});\n  return (real.default ?? real)(...args);\n}\n`,
      resolveDir: (args.pluginData as { resolveDir: string }).resolveDir,
      loader: "js",
    }));
    b.onResolve({ filter: /^lazy-real:/ }, (args) =>
      b.resolve(args.path.slice("lazy-real:".length), { resolveDir: args.resolveDir, kind: "require-call" }),
    );
  },
};

statSync(`${root}dist/cli/main.js`); // fails with a clear ENOENT when tsc has not run
rmSync(outdir, { recursive: true, force: true });
const chunks: ChunkModules = new Map();
// ES modules in the bundle (yargs, scorec's own) read import.meta.url; in CommonJS it is the bundle's own URL.
const define = { "import.meta.url": "__scorecBundleUrl" };
const banner = 'const __scorecBundleUrl = require("node:url").pathToFileURL(__filename).href;';
await build({
  stdin: {
    contents:
      'export { run } from "./dist/cli/main.js";\nexport { nodeIO } from "./dist/node/node-io.js";\nexport { chunkScripts } from "scorec-chunks";\n',
    resolveDir: root,
    sourcefile: "scorec-cli-entry.js",
    loader: "js",
  },
  outfile: bundle,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  define,
  banner: { js: banner },
  plugins: [yargsShim, lazyHelpModules, lazyModules(root, chunks)],
  logLevel: "warning",
});
makeAscii(bundle);
for (const file of await buildChunks(chunks, outdir, { plugins: [yargsShim, lazyHelpModules], banner, define }))
  makeAscii(file);
const localesFrom = `${root}node_modules/yargs/locales`;
mkdirSync(`${outdir}/${YARGS_LOCALES}`, { recursive: true });
for (const file of readdirSync(localesFrom))
  copyFileSync(`${localesFrom}/${file}`, `${outdir}/${YARGS_LOCALES}/${file}`);
await writeCodeCache();

/**
 * bin/scorec.js reads the bundle as latin1, which is its exact text only when every character is ASCII. esbuild
 * escapes every other character in code (its default `charset: "ascii"`) but keeps comments as written, so what is
 * left can only be in a comment, where an escape is just as good.
 */
function makeAscii(file: string): void {
  const text = readFileSync(file, "utf8");
  const ascii = text.replace(/[\u0080-\u{10ffff}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  if (ascii !== text) writeFileSync(file, ascii);
}

/**
 * Loads the bundle exactly as bin/scorec.js does (same wrapper, same file name), compiles the warm-up workloads for
 * each target so that the functions a compile needs are compiled, and saves V8's cache for the script.
 */
async function writeCodeCache(): Promise<void> {
  const script = new vm.Script(Module.wrap(readFileSync(bundle, "latin1")), { filename: bundle });
  const cjs = {
    exports: {} as {
      run?: (argv: string[], io: unknown) => Promise<number>;
      nodeIO?: () => Record<string, unknown>;
      chunkScripts?: () => Map<string, vm.Script>;
    },
  };
  (script.runInThisContext() as (...args: unknown[]) => void)(
    cjs.exports,
    createRequire(bundle),
    cjs,
    bundle,
    dirname(bundle),
  );
  const { run, nodeIO, chunkScripts } = cjs.exports;
  if (!run || !nodeIO || !chunkScripts) throw new Error("the bundle does not export run, nodeIO and chunkScripts");
  const scratch = mkdtempSync(join(tmpdir(), "scorec-code-cache-"));
  const quiet = () => ({ ...nodeIO(), stdout: () => {}, stderr: () => {} });
  try {
    // Only warms the cache: whatever these runs compile is cached, so a failing example costs speed, not the build.
    // The second file takes the paths the features file does not: YAML outside the fast reader's subset (the yaml
    // package's parser), a warning that locates its source, and strings whose quoting needs a parse.
    const unusual = join(scratch, "unusual", "score.yaml");
    mkdirSync(dirname(unusual));
    writeFileSync(unusual, UNUSUAL_SCORE);
    const files = existsSync(FEATURES) ? [FEATURES, unusual] : [unusual];
    for (const file of files) {
      for (const target of ["compose", "kubernetes", "helm"]) {
        await run(
          ["compile", file, "-t", target, "-o", join(scratch, `${target}.yaml`), "--seed", "code-cache"],
          quiet(),
        );
      }
    }
    // The chunks a hook or CI step meets: yargs (any other command line, help), diff (`--check` that finds a stale
    // file) and tinyglobby (a project's workload globs). The bundle's cache is written after these too, so it also
    // holds yargs' side of the CLI and the project commands.
    await run(["validate", ...files], quiet());
    await run(["compile", "--help"], quiet());
    await run(["compile", files[0]!, "--check", "-o", join(scratch, "compose.yaml"), "--seed", "stale"], quiet());
    const project = join(scratch, "scorec.yaml");
    writeFileSync(project, PROJECT);
    await run(["build", "--project", project, "--seed", "code-cache"], quiet());
    await run(["build", "--project", project, "--check", "--seed", "code-cache"], quiet());
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  writeFileSync(`${bundle}.cache`, script.createCachedData());
  for (const [chunk, chunkScript] of chunkScripts())
    writeFileSync(`${chunkFile(outdir, chunk)}.cache`, chunkScript.createCachedData());
}
