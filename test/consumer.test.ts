import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers/corpus.js";
import { must, npmProject, run } from "./e2e/packed.js";

// The library as users get it: the packed tarball installed with npm into a fresh project, imported as ESM by a
// consumer that runs a compile, and type-checked (strict, through the package's exports map) with moduleResolution
// node16 and bundler; a misuse must fail to type-check. Then publint and Are the Types Wrong? on the package.

const GOOD = `import { compile, validate, explain, checkRules, loadRules, formatDiagnostics, type CompileResult, type Diagnostic } from "scorec";
const text = "apiVersion: score.dev/v1b1\\nmetadata:\\n  name: web\\ncontainers:\\n  main:\\n    image: nginx\\n";
const result: CompileResult = compile({ sources: [{ path: "score.yaml", text }], target: "kubernetes", seed: "s" });
const errors: Diagnostic[] = result.diagnostics.filter((d) => d.severity === "error");
const names: string[] = result.files.map((f) => f.path);
const valid = validate({ sources: [{ path: "score.yaml", text }] }).workloads.map((w) => w.spec.metadata.name);
const rules = loadRules([]);
void [errors, names, valid, rules, explain, checkRules, formatDiagnostics(errors, { format: "github" })];
`;

const RUNS = `import { compile } from "scorec";
const text = "apiVersion: score.dev/v1b1\\nmetadata:\\n  name: web\\ncontainers:\\n  main:\\n    image: nginx\\n";
const { files, diagnostics } = compile({ sources: [{ path: "score.yaml", text }], target: "kubernetes", seed: "s", app: "demo" });
if (diagnostics.some((d) => d.severity === "error")) throw new Error(JSON.stringify(diagnostics));
process.stdout.write(files.map((f) => f.text).join(""));
`;

const RESOLUTIONS = {
  node16: { module: "node16", moduleResolution: "node16" },
  bundler: { module: "preserve", moduleResolution: "bundler" },
} as const;

let consumer: string | undefined;
/** One project with the tarball installed, shared by the tests of this file. */
function project(): string {
  consumer ??= npmProject("consumer");
  return consumer;
}

function tsc(source: string, resolution: keyof typeof RESOLUTIONS): { status: number | null; out: string } {
  const dir = project();
  writeFileSync(join(dir, `main-${resolution}.ts`), source);
  const config = `tsconfig-${resolution}.json`;
  writeFileSync(
    join(dir, config),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        ...RESOLUTIONS[resolution],
        target: "ES2022",
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: [`main-${resolution}.ts`],
    }),
  );
  return run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(dir, config)], dir);
}

test("an ES module consumer imports the installed package and compiles", () => {
  const dir = project();
  writeFileSync(join(dir, "main.mjs"), RUNS);
  const out = must(process.execPath, ["main.mjs"], dir);
  assert.match(out, /^kind: Deployment$/m);
  assert.match(out, /name: web/);
});

for (const resolution of Object.keys(RESOLUTIONS) as (keyof typeof RESOLUTIONS)[]) {
  test(`a TypeScript consumer type-checks against the installed types (moduleResolution ${resolution})`, () => {
    const r = tsc(GOOD, resolution);
    assert.is(r.status, 0, r.out);
  });

  test(`a misuse of the API fails to type-check in the consumer (moduleResolution ${resolution})`, () => {
    const r = tsc(GOOD.replace('target: "kubernetes"', 'target: "swarm"'), resolution);
    assert.is.not(r.status, 0);
    assert.match(r.out, /swarm/);
  });
}

test("npm run lint:package: publint and Are the Types Wrong? find nothing", () => {
  const r = run("npm", ["run", "lint:package", "--silent"], ROOT);
  assert.is(r.status, 0, r.out);
});

test.run();
