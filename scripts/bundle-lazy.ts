/**
 * The CLI bundle's lazy modules (scripts/bundle-cli.ts uses this). A cold `scorec compile` reads, deserializes and
 * sets up every byte of the bundle, so code a compile never runs costs it time even when it never initializes:
 *
 * - Packages no compile runs live in files of their own beside the bundle, `scorec-<chunk>.cjs`, each run through
 *   node:vm with its own code cache on its first use, like the bundle itself: yargs (command lines other than a plain
 *   compile, help), the language server's libraries, the yaml package (YAML outside the fast reader's subset), ajv and
 *   the JSON Schema meta-schema (policies), diff (`--check` with a difference, `diff`), tinyglobby (projects) and
 *   fast-json-patch (`--patch`).
 * - Modules a compile seldom runs but that belong with it stay in the bundle and are initialized on first use: the
 *   rules-schema validator (a compile with `-r`).
 *
 * scorec's own modules import them through stand-ins: CommonJS modules whose exports are getters that load the real
 * module on the first read of an export. Importers in a type-module package see a CommonJS module's default as
 * module.exports, which the stand-in mirrors; an ES module's default cannot be mirrored that way, so a chunk's ES
 * module imported by default gets a function stand-in (yargs), and an in-bundle one is refused.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { build, type Plugin } from "esbuild";

interface LazyModule {
  /** The real module's path, as esbuild resolves it from scorec's modules. */
  path: RegExp;
  /** The file of its own it lives in; none: it stays in the bundle. */
  chunk?: string;
}

const LAZY_MODULES: readonly LazyModule[] = [
  { path: /[\\/]dist[\\/]validate[\\/]generated[\\/]rules-schema\.js$/ },
  { path: /[\\/]node_modules[\\/]yargs[\\/]index\.mjs$/, chunk: "yargs" },
  { path: /[\\/]node_modules[\\/]vscode-languageserver(-textdocument)?[\\/]/, chunk: "lsp" },
  { path: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/]index\.js$/, chunk: "yaml" },
  { path: /[\\/]node_modules[\\/]ajv[\\/]dist[\\/]2020\.js$/, chunk: "policies" },
  { path: /[\\/]dist[\\/]validate[\\/]generated[\\/]json-schema-2020-12\.js$/, chunk: "policies" },
  { path: /[\\/]node_modules[\\/]diff[\\/]libesm[\\/]index\.js$/, chunk: "diff" },
  { path: /[\\/]node_modules[\\/]tinyglobby[\\/]dist[\\/]index\.mjs$/, chunk: "glob" },
  { path: /[\\/]node_modules[\\/]fast-json-patch[\\/]index\.js$/, chunk: "patch" },
];

/**
 * Exports of a chunked package that a compile does use, taken from the package's own module for that export, which
 * stays in the bundle: yaml's LineCounter locates warnings in a file the fast reader read (every compose compile of a
 * file with an httpGet probe), and the whole yaml package would cost that compile a chunk.
 */
const IN_BUNDLE_EXPORTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "node_modules/yaml/dist/index.js": { LineCounter: "node_modules/yaml/dist/parse/line-counter.js" },
};

const STAND_IN = "lazy-module";
const LOADER = "scorec-chunks";

/** What the bundle's build found: per chunk, the real modules (by key) it must hold. */
export type ChunkModules = Map<string, Map<string, string>>;

/** The file a chunk is written to, beside the bundle (yargs finds its locales and package root from there). */
export function chunkFile(outdir: string, chunk: string): string {
  return join(outdir, `scorec-${chunk}.cjs`);
}

/**
 * The bundle's plugin: replaces each import of a lazy module by scorec's modules with a stand-in, records the chunked
 * ones in `chunks`, and provides the `scorec-chunks` loader module.
 */
export function lazyModules(root: string, chunks: ChunkModules): Plugin {
  return {
    name: STAND_IN,
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${LOADER}$`) }, () => ({ path: LOADER, namespace: LOADER }));
      b.onLoad({ filter: /.*/, namespace: LOADER }, () => ({ contents: LOADER_SOURCE, loader: "js" }));
      b.onResolve({ filter: /.*/ }, async (args) => {
        // The stand-in's own require, and resolutions this plugin asks for, reach the real module; so do a package's
        // imports of its own files.
        if (args.namespace === STAND_IN || args.pluginData === STAND_IN || args.kind === "entry-point")
          return undefined;
        if (/[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
        const real = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: STAND_IN,
        });
        if (real.errors.length > 0 || real.external) return undefined;
        const lazy = LAZY_MODULES.find((m) => m.path.test(real.path));
        if (!lazy) return undefined;
        const key = relative(root, real.path).split("\\").join("/");
        const esm = isEsModule(real.path);
        const byDefault = esm && importsDefault(args.importer, args.path);
        if (byDefault && (!lazy.chunk || importsNamed(args.importer, args.path)))
          throw new Error(
            `${args.importer} imports the default of ${args.path}, which a lazy stand-in cannot provide` +
              (lazy.chunk ? " beside named imports" : ""),
          );
        if (lazy.chunk) {
          const modules = chunks.get(lazy.chunk) ?? new Map<string, string>();
          modules.set(key, real.path);
          chunks.set(lazy.chunk, modules);
        }
        // The name's extension tells esbuild what the stand-in is, whatever the real file's: a getter stand-in is
        // CommonJS (.cjs), the default-function one an ES module (.mjs).
        return {
          path: `${key}.${byDefault ? "default.mjs" : "lazy.cjs"}`,
          namespace: STAND_IN,
          pluginData: { real: real.path, key, esm, chunk: lazy.chunk, byDefault },
        };
      });
      b.onLoad({ filter: /.*/, namespace: STAND_IN }, async (args) => {
        const { real, key, esm, chunk, byDefault } = args.pluginData as {
          real: string;
          key: string;
          esm: boolean;
          chunk?: string;
          byDefault: boolean;
        };
        const load = chunk
          ? `require(${JSON.stringify(LOADER)}).chunk(${JSON.stringify(chunk)})[${JSON.stringify(key)}]()`
          : `require(${JSON.stringify(real)})`;
        if (byDefault)
          return {
            contents: `let real;\nexport default function lazy(...args) {\n  real ??= ${load};\n  return real.default.apply(this, args);\n}\n`,
            resolveDir: dirname(real),
            loader: "js",
          };
        const inBundle = IN_BUNDLE_EXPORTS[key] ?? {};
        const getters = (esm ? Object.keys((await import(real)) as object) : commonJsExportNames(real))
          .filter((n) => n !== "__esModule" && !(esm && n === "default"))
          .map((n) => {
            const own = inBundle[n];
            const read = own
              ? `require(${JSON.stringify(join(root, own))})[${JSON.stringify(n)}]`
              : `load()[${JSON.stringify(n)}]`;
            return `${JSON.stringify(n)}: { enumerable: true, get: () => ${read} }`;
          });
        for (const [n, file] of Object.entries(inBundle))
          if (!existsSync(join(root, file)) || !commonJsExportNames(join(root, file)).includes(n))
            throw new Error(`${file} no longer exports ${n}; update IN_BUNDLE_EXPORTS in scripts/bundle-lazy.ts`);
        return {
          contents: [
            "let real;",
            `const load = () => (real ??= ${load});`,
            `module.exports = Object.defineProperties({}, { ${getters.join(", ")} });`,
          ].join("\n"),
          resolveDir: dirname(real),
          loader: "js",
        };
      });
    },
  };
}

/**
 * Loads a chunk the way bin/scorec.js loads the bundle: its text (ASCII, so latin1 is exact) through node:vm with
 * its code cache, which V8 ignores when it does not fit. `chunkScripts` lets the build record those caches.
 */
const LOADER_SOURCE = `const { readFileSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const vm = require("node:vm");
const loaded = new Map();
function chunk(name) {
  let found = loaded.get(name);
  if (found === undefined) {
    const file = join(__dirname, "scorec-" + name + ".cjs");
    let cachedData;
    try {
      cachedData = readFileSync(file + ".cache");
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(readFileSync(file, "latin1")), { filename: file, ...(cachedData ? { cachedData } : {}) });
    const module = { exports: {} };
    script.runInThisContext()(module.exports, Module.createRequire(file), module, file, __dirname);
    found = { script, exports: module.exports };
    loaded.set(name, found);
  }
  return found.exports;
}
module.exports = { chunk, chunkScripts: () => new Map([...loaded].map(([name, c]) => [name, c.script])) };
`;

/**
 * Writes each chunk: its real modules behind functions that initialize them on the first call (esbuild wraps what
 * is require()d in an initializer), keyed as the stand-ins ask for them.
 */
export async function buildChunks(
  chunks: ChunkModules,
  outdir: string,
  options: { plugins: Plugin[]; banner: string; define: Record<string, string> },
): Promise<string[]> {
  const files: string[] = [];
  for (const [chunk, modules] of [...chunks].sort(([a], [b]) => a.localeCompare(b))) {
    const outfile = chunkFile(outdir, chunk);
    const entries = [...modules]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, real]) => `  ${JSON.stringify(key)}: () => require(${JSON.stringify(real)}),`);
    await build({
      stdin: { contents: `module.exports = {\n${entries.join("\n")}\n};\n`, resolveDir: outdir, loader: "js" },
      outfile,
      bundle: true,
      format: "cjs",
      platform: "node",
      target: "node20",
      define: options.define,
      banner: { js: options.banner },
      plugins: options.plugins,
      logLevel: "warning",
    });
    files.push(outfile);
  }
  return files;
}

/** Whether Node loads the file as an ES module: .mjs, or .js under a package.json of type module. */
function isEsModule(file: string): boolean {
  if (file.endsWith(".mjs")) return true;
  if (file.endsWith(".cjs")) return false;
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) return (JSON.parse(readFileSync(pkg, "utf8")) as { type?: string }).type === "module";
  }
  return false;
}

// The keys of module.exports as Node's require gives them; in a plain node process, since tsx's hooks would load
// the TypeScript sources some packages ship (fast-json-patch) instead of their JavaScript.
function commonJsExportNames(file: string): string[] {
  const out = execFileSync(process.execPath, [
    "-e",
    "process.stdout.write(JSON.stringify(Object.keys(require(process.argv[1]))))",
    file,
  ]);
  return JSON.parse(out.toString()) as string[];
}

function quoted(specifier: string): string {
  return JSON.stringify(specifier).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// `import name from "x"` or `import name, { ... } from "x"`, over as many lines as the braces take.
function importsDefault(importer: string, specifier: string): boolean {
  return new RegExp(`import\\s+[\\w$]+\\s*(,\\s*\\{[^}]*\\}\\s*)?from\\s*${quoted(specifier)}`).test(
    readFileSync(importer, "utf8"),
  );
}

// `import { a } from "x"` or `import name, { a } from "x"` (tsc leaves `import name, {} from "x"` for type-only names).
function importsNamed(importer: string, specifier: string): boolean {
  return new RegExp(`import\\s+([\\w$]+\\s*,\\s*)?\\{\\s*[\\w$][^}]*\\}\\s*from\\s*${quoted(specifier)}`).test(
    readFileSync(importer, "utf8"),
  );
}
