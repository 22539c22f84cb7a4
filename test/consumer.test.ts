import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./helpers/corpus.js";

// A TypeScript project outside this repository installs scorec (a symlink, as `npm link` would) and type-checks
// against the built package's .d.ts through its `exports` map; a misuse must fail to type-check.

function consumerProject(source: string): { dir: string; tsc: () => { status: number | null; output: string } } {
  const dir = join(tmpdir(), `scorec-consumer-${process.pid}-${Math.abs(hash(source))}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(ROOT.replace(/\/$/, ""), join(dir, "node_modules", "scorec"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext", target: "ES2022", noEmit: true, skipLibCheck: false, types: [], typeRoots: [join(ROOT, "node_modules/@types")] }, include: ["main.ts"] }),
  );
  writeFileSync(join(dir, "main.ts"), source);
  return {
    dir,
    tsc: () => {
      const r = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
      return { status: r.status, output: r.stdout + r.stderr };
    },
  };
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

const GOOD = `import { compile, validate, explain, checkRules, loadRules, formatDiagnostics, type CompileResult, type Diagnostic } from "scorec";
const text = "apiVersion: score.dev/v1b1\\nmetadata:\\n  name: web\\ncontainers:\\n  main:\\n    image: nginx\\n";
const result: CompileResult = compile({ sources: [{ path: "score.yaml", text }], target: "kubernetes", seed: "s" });
const errors: Diagnostic[] = result.diagnostics.filter((d) => d.severity === "error");
const names: string[] = result.files.map((f) => f.path);
const valid = validate({ sources: [{ path: "score.yaml", text }] }).workloads.map((w) => w.spec.metadata.name);
const rules = loadRules([]);
void [errors, names, valid, rules, explain, checkRules, formatDiagnostics(errors, { format: "github" })];
`;

test("a TypeScript consumer type-checks against the built package", () => {
  const p = consumerProject(GOOD);
  try {
    const r = p.tsc();
    assert.is(r.status, 0, r.output);
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test("a misuse of the API fails to type-check in the consumer", () => {
  const p = consumerProject(GOOD.replace('target: "kubernetes"', 'target: "swarm"'));
  try {
    const r = p.tsc();
    assert.is.not(r.status, 0);
    assert.match(r.output, /swarm/);
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test.run();
