import { test } from "uvu";
import * as assert from "uvu/assert";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers/corpus.js";
import { gitInit, must, readmeBlocks, run, scorecRepo, tempDir } from "./packed.js";

// The hooks of .pre-commit-hooks.yaml installed and run by the real pre-commit framework (Debian's `pre-commit`,
// which .ci/run installs), from a git repository of scorec referenced by commit, with the README's configuration.
// pre-commit installs a `language: node` hook by cloning that commit, `npm install`, `npm pack` (whose stdout must be
// the tarball's name alone: .npmrc keeps the prepare script's output off it) and `npm install -g` of the tarball into
// an environment that links the system node (nodeenv -n system): no network beyond the npm registry.

const version = run("pre-commit", ["--version"], ROOT);
const available = version.status === 0;
if (!available)
  console.log(
    `SKIPPED the pre-commit end-to-end test: the pre-commit tool cannot run here (${version.out.trim()}); install it (apt-get install pre-commit)`,
  );

/** The README's pre-commit configuration, with `repo` and `rev` pointing at a local repository and commit. */
function readmeConfig(repo: string, rev: string): string {
  const block = readmeBlocks("yaml").find((b) => b.includes("id: scorec-compile-check"));
  assert.ok(block, "the README has a pre-commit configuration");
  assert.match(block, /^\s+rev: [0-9a-f]{40}\b/m, "the README's rev is a commit sha (tags are not published yet)");
  return block.replace(/^(\s+- repo: ).*$/m, `$1${repo}`).replace(/^(\s+rev: ).*$/m, `$1${rev}`);
}

test("pre-commit installs scorec's hooks from a commit; the hook blocks a stale artifact and passes a fresh one", () => {
  if (!available) return;
  const { dir: repo, rev } = scorecRepo();
  console.log(`pre-commit ${version.out.trim()}: hooks of scorec at ${rev} (HEAD; uncommitted changes are not tested)`);

  const app = tempDir("pre-commit-app");
  gitInit(app);
  const env = { PRE_COMMIT_HOME: join(tempDir("pre-commit-home"), "cache") };
  copyFileSync(join(ROOT, "examples/hello/score.yaml"), join(app, "score.yaml"));
  writeFileSync(join(app, ".pre-commit-config.yaml"), readmeConfig(repo, rev));
  must("pre-commit", ["install"], app, env);
  must("pre-commit", ["install-hooks"], app, env);

  writeFileSync(join(app, "compose.yaml"), "services: {}\n");
  must("git", ["add", "-A"], app);
  const stale = run("git", ["commit", "-m", "stale compose.yaml"], app, env);
  assert.is.not(stale.status, 0, stale.out);
  assert.match(stale.out, /scorec compile --check\.+Failed/);
  assert.match(stale.out, /^-services: \{\}$/m, "the diff is shown");
  assert.match(stale.out, /CLI_CHECK_DRIFT/);

  // The fresh artifact, made with the same arguments in the same folder as the hook's (the app id comes from it).
  must("pre-commit", ["run", "scorec-validate", "--all-files"], app, env);
  must(process.execPath, [join(ROOT, "bin/scorec.js"), "compile", "score.yaml", "-o", "compose.yaml"], app);
  must("git", ["add", "-A"], app);
  const fresh = run("git", ["commit", "-m", "fresh compose.yaml"], app, env);
  assert.is(fresh.status, 0, fresh.out);
  assert.match(fresh.out, /scorec validate\.+Passed/);
  assert.match(fresh.out, /scorec compile --check\.+Passed/);
});

test.run();
