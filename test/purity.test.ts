import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { compile, validate } from "../src/index.js";
import { ROOT } from "./helpers/corpus.js";

// The library must not touch the disk, the environment, the clock or the console, nor exit, nor use Node-only
// globals such as Buffer (it runs in a browser bundle). That no module outside src/cli imports a Node built-in is the
// boundary check's job (.dependency-cruiser.cjs, test/lint/boundaries.test.ts); here: the library's code names no I/O
// global, and a compile runs with those globals trapped.

const FORBIDDEN_GLOBALS = [
  /\bprocess\./,
  /\bconsole\./,
  /\bBuffer\b/,
  /\bDate\.now\b/,
  /\bnew Date\b/,
  /\bMath\.random\b/,
  /\brequire\(/,
];

/** The modules src/index.ts reaches through relative imports. */
function libraryModules(): string[] {
  const seen = new Set<string>();
  const queue = [join(ROOT, "src/index.ts")];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g)) {
      const spec = m[1] ?? m[2]!;
      if (!spec.startsWith(".")) continue;
      const target = join(dirname(file), spec.replace(/\.js$/, ".ts"));
      if (existsSync(target)) queue.push(target);
    }
  }
  return [...seen].sort();
}

test("the library's code uses no process, console, clock or randomness", () => {
  const modules = libraryModules();
  assert.ok(modules.length > 10, "the walk found the library's modules");
  for (const file of modules) {
    const code = readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/(^|[^:])\/\/.*$/gm, "$1");
    for (const re of FORBIDDEN_GLOBALS) assert.not.ok(re.test(code), `${relative(ROOT, file)} uses ${re.source}`);
  }
});

const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: hello
containers:
  web:
    image: nginx
    variables:
      DB: \${resources.db.host}
    files:
      /etc/app.conf:
        source: ./app.conf
resources:
  db:
    type: postgres
`;

/** Runs fn with console, process.exit/env, the clock and Math.random replaced by traps that record any use. */
function trapped<T>(fn: () => T): { result: T; touched: string[] } {
  const touched: string[] = [];
  /* eslint-disable @typescript-eslint/unbound-method -- the functions themselves are saved, to be put back */
  const saved = {
    console: globalThis.console,
    exit: process.exit,
    env: process.env,
    now: Date.now,
    random: Math.random,
    DateCtor: globalThis.Date,
  };
  /* eslint-enable @typescript-eslint/unbound-method */
  const trap = (what: string) => () => {
    touched.push(what);
    throw new Error(`library touched ${what}`);
  };
  globalThis.console = new Proxy({} as Console, { get: (_t, p) => trap(`console.${String(p)}`) });
  process.exit = trap("process.exit");
  // The yaml dependency checks two debug switches of its own (LOG_TOKENS, LOG_STREAM) while parsing; those reads are
  // its, not ours, and print only when a developer sets them on purpose. Any other read is a failure.
  const yamlDebugSwitches = new Set(["LOG_TOKENS", "LOG_STREAM"]);
  process.env = new Proxy(
    {},
    {
      get: (_t, p) =>
        yamlDebugSwitches.has(String(p)) ? undefined : (touched.push(`process.env.${String(p)}`), undefined),
    },
  );
  Date.now = trap("Date.now");
  Math.random = trap("Math.random");
  globalThis.Date = new Proxy(saved.DateCtor, { construct: trap("new Date") as never });
  try {
    return { result: fn(), touched };
  } finally {
    globalThis.console = saved.console;
    process.exit = saved.exit;
    process.env = saved.env;
    Date.now = saved.now;
    Math.random = saved.random;
    globalThis.Date = saved.DateCtor;
  }
}

test("validate and compile run with I/O globals trapped", () => {
  for (const target of ["compose", "kubernetes", "helm"] as const) {
    const { result, touched } = trapped(() =>
      compile({
        sources: [{ path: "app/score.yaml", text: SCORE }],
        target,
        seed: "s",
        readFile: (p) => (p === "app/app.conf" ? new TextEncoder().encode("x=1\n") : { error: "nope" }),
      }),
    );
    assert.equal(touched, [], target);
    assert.equal(
      result.diagnostics.filter((d) => d.severity === "error"),
      [],
      target,
    );
    assert.ok(result.files.length > 0, target);
  }
  const { touched } = trapped(() => validate({ sources: [{ path: "score.yaml", text: SCORE }] }));
  assert.equal(touched, []);
});

test.run();
