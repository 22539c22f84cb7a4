import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers/corpus.js";

// The language server is imported on demand: a compile must not initialize any of its modules, nor load the chunk that
// holds the LSP libraries (scripts/bundle-lazy.ts). V8's coverage of a real run of the CLI tells which scripts ran
// and which module initializers of the bundle ran (esbuild names each after its file).

const LSP_MODULE = /^dist\/lsp\//;
const LSP_CHUNK = "/dist/cli/bundle/scorec-lsp.cjs";

function initializers(args: string[]): { modules: { name: string; count: number }[]; lspChunkRan: boolean } {
  const dir = mkdtempSync(join(tmpdir(), "scorec-lsp-coverage-"));
  const out = mkdtempSync(join(tmpdir(), "scorec-lsp-out-"));
  try {
    const run = spawnSync(process.execPath, [join(ROOT, "bin/scorec.js"), ...args.map((a) => a.replace("$OUT", out))], {
      cwd: ROOT,
      env: { ...process.env, NODE_V8_COVERAGE: dir },
      encoding: "utf8",
    });
    assert.is(run.status, 0, run.stderr);
    for (const file of readdirSync(dir)) {
      const report = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
        result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
      };
      const script = report.result.find((r) => r.url.endsWith("/dist/cli/bundle/scorec.cjs"));
      if (script)
        return {
          modules: script.functions
            .filter((f) => LSP_MODULE.test(f.functionName))
            .map((f) => ({ name: f.functionName, count: f.ranges[0]!.count })),
          lspChunkRan: report.result.some((r) => r.url.endsWith(LSP_CHUNK)),
        };
    }
    throw new Error("no coverage of the bundle: did bin/scorec.js run it?");
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

test("scorec compile initializes none of the language server's modules and loads none of its libraries", () => {
  const { modules, lspChunkRan } = initializers(["compile", "examples/hello/score.yaml", "-o", "$OUT/compose.yaml"]);
  assert.ok(
    modules.some((m) => m.name === "dist/lsp/server.js"),
    "the bundle holds the server",
  );
  assert.ok(existsSync(join(ROOT, LSP_CHUNK)), "the LSP libraries are in their chunk");
  assert.equal(
    modules.filter((m) => m.count > 0).map((m) => m.name),
    [],
  );
  assert.is(lspChunkRan, false, "a compile loaded the LSP chunk");
});

test.run();
