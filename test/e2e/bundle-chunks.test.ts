import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import vm from "node:vm";
import { ROOT } from "../helpers/corpus.js";

// Packages no compile runs live in chunks beside the CLI bundle (scripts/bundle-lazy.ts), loaded on first use. A
// chunk a compile loaded by mistake would cost every cold start its read and set-up, and no output would show it:
// V8's coverage of a real run names every script that ran.

const BUNDLE_DIR = join(ROOT, "dist/cli/bundle");
const TYPICAL = join(ROOT, "bench/fixtures/typical/score.yaml");

/** The bundle files (scorec.cjs and its chunks) that ran in `scorec ARGS`, and the exit code. */
function filesRun(args: readonly string[], cwd = ROOT): { files: string[]; status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "scorec-chunk-coverage-"));
  try {
    const r = spawnSync(process.execPath, [join(ROOT, "bin/scorec.js"), ...args], {
      cwd,
      env: { ...process.env, NODE_V8_COVERAGE: dir, NO_COLOR: "1" },
      encoding: "utf8",
    });
    const files = new Set<string>();
    for (const file of readdirSync(dir)) {
      const report = JSON.parse(readFileSync(join(dir, file), "utf8")) as { result: { url: string }[] };
      for (const { url } of report.result)
        if (url.includes("/dist/cli/bundle/scorec") && url.endsWith(".cjs")) files.add(basename(url));
    }
    return { files: [...files].sort(), status: r.status, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a compile of the typical file, for every target, runs the bundle and no chunk", () => {
  for (const target of ["compose", "kubernetes", "helm"]) {
    const r = filesRun(["compile", TYPICAL, "-t", target, "-o", "-", "--seed", "s"]);
    assert.is(r.status, 0, r.out);
    assert.equal(r.files, ["scorec.cjs"], target);
  }
});

test("other command lines load the chunk they need: yargs for help and validate, diff for a stale --check", () => {
  assert.equal(filesRun(["--help"]).files, ["scorec-yargs.cjs", "scorec.cjs"]);
  assert.equal(filesRun(["validate", TYPICAL]).files, ["scorec-yargs.cjs", "scorec.cjs"]);
  const out = mkdtempSync(join(tmpdir(), "scorec-chunk-check-"));
  try {
    const file = join(out, "compose.yaml");
    writeFileSync(file, "# not what scorec writes\n");
    const stale = filesRun(["compile", TYPICAL, "--check", "-o", file, "--seed", "s"]);
    assert.is(stale.status, 3, stale.out);
    assert.equal(stale.files, ["scorec-diff.cjs", "scorec.cjs"]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("every chunk is ASCII (read as latin1) and V8 takes the code cache the build recorded for it", () => {
  const chunks = readdirSync(BUNDLE_DIR).filter((f) => /^scorec-[a-z]+\.cjs$/.test(f));
  assert.ok(chunks.length >= 5, `chunks: ${chunks.join(", ")}`);
  for (const chunk of chunks) {
    const file = join(BUNDLE_DIR, chunk);
    const bytes = readFileSync(file);
    assert.ok(
      bytes.every((b) => b < 0x80),
      `${chunk}: a byte above 0x7f`,
    );
    if (!existsSync(`${file}.cache`)) continue; // never warmed by the build (the language server, policies, patches)
    const script = new vm.Script(Module.wrap(bytes.toString("latin1")), {
      filename: file,
      cachedData: readFileSync(`${file}.cache`),
    });
    assert.is(script.cachedDataRejected, false, chunk);
  }
  for (const warmed of ["yargs", "yaml", "diff", "glob"])
    assert.ok(existsSync(join(BUNDLE_DIR, `scorec-${warmed}.cjs.cache`)), `the build warms the ${warmed} chunk`);
});

test.run();
