import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { join } from "node:path";
import vm from "node:vm";
import { ROOT } from "../helpers/corpus.js";
import { npmProject, run, tempDir } from "./packed.js";

// bin/scorec.js has one launch path: the bundle the package ships. (It used to pick the bundle by comparing mtimes,
// which npm's extraction order broke: every installed scorec ran the slow unbundled modules.)

test("the installed launcher runs the shipped bundle, whatever the files' mtimes", () => {
  const app = npmProject("launcher");
  const pkg = join(app, "node_modules/scorec");
  // The bundle older than the modules (as npm's extraction order left it), and the modules' entry unable to run.
  const old = new Date("2001-01-01T00:00:00Z");
  utimesSync(join(pkg, "dist/cli/bundle/scorec.cjs"), old, old);
  writeFileSync(join(pkg, "dist/cli/main.js"), 'throw new Error("the unbundled modules ran");\n');
  const r = run(
    process.execPath,
    [join(pkg, "bin/scorec.js"), "validate", join(ROOT, "examples/hello/score.yaml")],
    app,
  );
  assert.is(r.status, 0, r.out);
});

test("the bundle is ASCII, so the launcher's latin1 read is its exact text, and V8 takes the code cache for it", () => {
  const bundle = join(ROOT, "dist/cli/bundle/scorec.cjs");
  const bytes = readFileSync(bundle);
  assert.ok(
    bytes.every((b) => b < 0x80),
    "a byte above 0x7f: latin1 would not read the bundle's text",
  );
  // Created as bin/scorec.js creates it; a rejected cache still runs, only slower, so nothing else would notice.
  const script = new vm.Script(Module.wrap(bytes.toString("latin1")), {
    filename: bundle,
    cachedData: readFileSync(`${bundle}.cache`),
  });
  assert.is(script.cachedDataRejected, false);
});

test("a clone that was never built: one line that says to run npm ci, exit 1, no stack trace", () => {
  const clone = mkdtempSync(join(tempDir("unbuilt"), "scorec-"));
  cpSync(join(ROOT, "bin"), join(clone, "bin"), { recursive: true });
  const r = run(process.execPath, [join(clone, "bin/scorec.js"), "validate", "score.yaml"], clone);
  assert.is(r.status, 1);
  assert.match(
    r.out,
    /^scorec: .*dist\/cli\/bundle\/scorec\.cjs is missing; in a clone of scorec, run `npm ci` \(or `npm run build`\) first\n$/,
  );
});

test.run();
