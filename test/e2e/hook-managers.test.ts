import { test } from "uvu";
import * as assert from "uvu/assert";
import { chmodSync, copyFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers/corpus.js";
import { must, npmProject, readmeBlocks, run } from "./packed.js";

// The README's husky and lefthook recipes, run for real: an app repository installs the packed scorec and the hook
// manager from npm (devDependencies), sets the hook up as the README says, and commits a stale, then a fresh artifact.

const HUSKY = "husky@9.1.7";
const LEFTHOOK = "lefthook@2.2.4";

function appWith(name: string, manager: string): string {
  const app = npmProject(name, [manager], true);
  copyFileSync(join(ROOT, "examples/hello/score.yaml"), join(app, "score.yaml"));
  writeFileSync(join(app, ".gitignore"), "node_modules/\n");
  return app;
}

/** Commits a stale compose.yaml (must fail with the diff), then a fresh one (must pass). */
function staleThenFresh(app: string): void {
  writeFileSync(join(app, "compose.yaml"), "services: {}\n");
  must("git", ["add", "-A"], app);
  const stale = run("git", ["commit", "-m", "stale compose.yaml"], app);
  assert.is.not(stale.status, 0, stale.out);
  assert.match(stale.out, /^-services: \{\}$/m, "the diff is shown");
  assert.match(stale.out, /CLI_CHECK_DRIFT/);
  must("npx", ["scorec", "compile", "score.yaml", "-o", "compose.yaml"], app);
  must("git", ["add", "-A"], app);
  const fresh = run("git", ["commit", "-m", "fresh compose.yaml"], app);
  assert.is(fresh.status, 0, fresh.out);
}

test("husky: the README's .husky/pre-commit blocks a stale artifact and passes a fresh one", () => {
  const hook = readmeBlocks("sh").find((b) => b.includes("npx scorec validate score.yaml"));
  assert.ok(hook, "the README has a husky hook");
  const app = appWith("husky", HUSKY);
  must("npx", ["husky", "init"], app); // .husky/pre-commit, a "prepare" script, core.hooksPath = .husky/_
  writeFileSync(join(app, ".husky/pre-commit"), hook);
  chmodSync(join(app, ".husky/pre-commit"), 0o755);
  staleThenFresh(app);
});

test("lefthook: the README's lefthook.yml blocks a stale artifact and passes a fresh one", () => {
  const config = readmeBlocks("yaml").find((b) => b.startsWith("pre-commit:"));
  assert.ok(config, "the README has a lefthook.yml");
  const app = appWith("lefthook", LEFTHOOK);
  writeFileSync(join(app, "lefthook.yml"), config);
  // lefthook's binary comes in a per-platform optional dependency of its npm package (lefthook-linux-x64, ...):
  // nothing beyond the npm registry.
  must("npx", ["lefthook", "install"], app);
  assert.ok(existsSync(join(app, ".git/hooks/pre-commit")), "npx lefthook install wrote the pre-commit hook");
  staleThenFresh(app);
});

test.run();
