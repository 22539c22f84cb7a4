import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT } from "../helpers/corpus.js";

// The boundary check (.dependency-cruiser.cjs, run by `npm run lint`) on small synthetic trees: a deliberate upward
// import, a sibling import, a Node built-in in the library and a cycle each fail it; a downward import passes.

const DEPCRUISE = join(ROOT, "tools/lint/node_modules/.bin/depcruise");

/** Runs the repository's boundary rules over a tree of files (path -> text) laid out like src/. */
function cruise(files: Record<string, string>): { code: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "scorec-boundaries-"));
  try {
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "nodenext", moduleResolution: "nodenext", strict: true },
        include: ["src"],
      }),
    );
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const r = spawnSync(DEPCRUISE, ["src", "--config", join(ROOT, ".dependency-cruiser.cjs"), "--output-type", "err"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, "") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the linters are installed (npm run lint installs them)", () => {
  assert.ok(existsSync(DEPCRUISE), "run `npm run lint` once: it installs tools/lint");
});

// Allowed edges: a downward import, helm through the kubernetes seam, a Node built-in in src/cli.
const ALLOWED = {
  "src/api/compile.ts": 'import { load } from "../load/load.js";\nexport const compile = load;\n',
  "src/load/load.ts": "export const load = 1;\n",
  "src/targets/kubernetes/names.ts": "export const name = 1;\n",
  "src/targets/kubernetes/seam.ts": 'export { name } from "./names.js";\n',
  "src/targets/helm/index.ts": 'import { name } from "../kubernetes/seam.js";\nexport const helm = name;\n',
  "src/cli/read.ts": 'import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n',
};

test("the allowed edges pass", () => {
  const r = cruise(ALLOWED);
  assert.is(r.code, 0, r.out);
});

test("each forbidden edge fails, and only those", () => {
  const r = cruise({
    ...ALLOWED,
    // a deliberate upward import: load importing api
    "src/load/upward.ts": 'import { compile } from "../api/compile.js";\nexport const up = compile;\n',
    // a type-only upward import: resolve importing a type from api
    "src/api/types.ts": "export interface LoadedWorkload { name: string }\n",
    "src/resolve/context.ts":
      'import type { LoadedWorkload } from "../api/types.js";\nexport type Context = LoadedWorkload;\n',
    // helm reaching into the kubernetes target past its seam
    "src/targets/helm/inside.ts": 'import { name } from "../kubernetes/names.js";\nexport const inside = name;\n',
    // Node built-ins in the library, with and without node:
    "src/load/read.ts":
      'import { readFileSync } from "node:fs";\nimport { join } from "path";\nexport const read = [readFileSync, join];\n',
    // a cycle inside a stage
    "src/rules/a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
    "src/rules/b.ts": 'import { a } from "./a.js";\nexport const b = () => a;\n',
  });
  assert.is.not(r.code, 0, r.out);
  const found = [...r.out.matchAll(/^[ \t]*error ([a-z0-9-]+): (\S+) →[ ]?(\S*)/gm)]
    .map((m) => `${m[1]}: ${m[2]} → ${m[3]}`)
    .sort();
  assert.equal(found, [
    "no-circular: src/rules/a.ts → ",
    "no-node-builtins-outside-adapters: src/load/read.ts → fs",
    "no-node-builtins-outside-adapters: src/load/read.ts → path",
    "no-sibling-import-targets-helm: src/targets/helm/inside.ts → src/targets/kubernetes/names.ts",
    "no-upward-from-layer-1: src/load/upward.ts → src/api/compile.ts",
    "no-upward-from-layer-5: src/resolve/context.ts → src/api/types.ts",
  ]);
});

test.run();
