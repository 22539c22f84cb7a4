import { test } from "uvu";
import * as assert from "uvu/assert";
import { copyFileSync } from "node:fs";
import { basename, join } from "node:path";
import { ROOT } from "../helpers/corpus.js";
import { emptyProject, must, packedTarball, readmeBlocks, scorecRepo } from "./packed.js";

// The README's install commands, run as written in a fresh app project, each followed by `npx scorec validate`:
// the git install (from a local clone at this commit instead of GitHub: npm clones it and builds it with "prepare")
// and the tarball install (the packed package copied to where the command expects it).

const block = readmeBlocks("sh").find((b) => b.includes("npm install --save-dev github:"));
const commands = (block ?? "").split("\n").filter((l) => l.startsWith("npm install "));

test("the README has an install section with a git and a tarball install", () => {
  assert.ok(
    commands.some((c) => / github:[\w-]+\/scorec#[0-9a-f]{40}$/.test(c)),
    block,
  );
  assert.ok(
    commands.some((c) => /\.\/scorec-[\d.]+\.tgz$/.test(c)),
    block,
  );
});

for (const command of commands) {
  test(`README: ${command}`, () => {
    const app = emptyProject("install");
    let args = command.split(/\s+/).slice(1);
    const git = args.findIndex((a) => a.startsWith("github:"));
    if (git >= 0) {
      const { dir, rev } = scorecRepo();
      args[git] = `git+file://${dir}#${rev}`;
    } else {
      const tarball = packedTarball();
      const wanted = args.find((a) => a.endsWith(".tgz"))!;
      assert.is(basename(wanted), basename(tarball), "the README names the tarball npm pack writes");
      copyFileSync(tarball, join(app, wanted));
    }
    args = [...args, "--no-audit", "--no-fund", "--silent"];
    must("npm", args, app);
    copyFileSync(join(ROOT, "examples/hello/score.yaml"), join(app, "score.yaml"));
    const out = must("npx", ["scorec", "validate", "score.yaml"], app);
    assert.not.match(out, /\n\s+at /, "no stack trace");
  });
}

test.run();
