import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "./helpers/corpus.js";

// The project commands end to end through the installed entry point (bin/scorec.js, the bundle): build, build
// --check, an edit that makes it exit 3, diff --base against a second folder (JSON parsed), and the committed
// artifacts of examples/shop verified by build --check.

const scratch = mkdtempSync(join(tmpdir(), "scorec-project-"));
const head = join(scratch, "head");
const base = join(scratch, "base");
cpSync(join(ROOT, "examples/shop"), head, { recursive: true });
cpSync(join(ROOT, "examples/shop"), base, { recursive: true });

function scorec(cwd: string, args: string[]): { status: number | null; stdout: string; out: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/scorec.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", SCOREC_SEED: "" },
  });
  return { status: r.status, stdout: r.stdout, out: r.stdout + r.stderr };
}

test("examples/shop: the committed artifacts are what build generates (build --check)", () => {
  const r = scorec(join(ROOT, "examples/shop"), ["build", "--check"]);
  assert.is(r.status, 0, r.out);
});

test("the README's project file is examples/shop/scorec.yaml", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const shown =
    /```yaml\n(# yaml-language-server: \$schema=\.\.\/\.\.\/spec\/project-v1alpha1\.schema\.json\n[\s\S]*?)```/.exec(
      readme,
    );
  assert.ok(shown, "the Projects section shows the project file");
  assert.fixture(shown[1]!, readFileSync(join(ROOT, "examples/shop/scorec.yaml"), "utf8"));
});

test("the scorec-build-check pre-commit hook runs its entry in the project: exit 0 on the shop", () => {
  const hooks = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as {
    id: string;
    entry: string;
    pass_filenames?: boolean;
  }[];
  const hook = hooks.find((h) => h.id === "scorec-build-check");
  assert.ok(hook);
  assert.is(hook.pass_filenames, false);
  const [command, ...args] = hook.entry.split(" ");
  assert.is(command, "scorec");
  const r = scorec(join(ROOT, "examples/shop"), args);
  assert.is(r.status, 0, r.out);
});

test("build, build --check, an edit (exit 3 naming the stale files), diff --base in JSON", () => {
  const built = scorec(head, ["build"]);
  assert.is(built.status, 0, built.out);
  assert.is(scorec(head, ["build", "--check"]).status, 0);
  const rules = join(head, "platform/rules.yaml");
  writeFileSync(rules, readFileSync(rules, "utf8").replace("cache.internal", "cache.example"));
  const check = scorec(head, ["build", "--check"]);
  assert.is(check.status, 3, check.out);
  assert.match(check.out, /deploy\/staging\/deployment-orders\.yaml is out of date; regenerate with: scorec build/);
  assert.match(check.out, /deploy\/production\/values\.yaml is out of date/);
  const diff = scorec(head, ["diff", "--base", base, "--format", "json"]);
  assert.is(diff.status, 3, diff.out);
  const report = JSON.parse(diff.stdout) as {
    changed: boolean;
    builds: { env: string; status: string; outputs: { key: string; old?: string; new?: string }[] }[];
  };
  assert.ok(report.changed);
  const staging = report.builds.find((b) => b.env === "staging")!;
  assert.is(staging.status, "changed");
  assert.equal(
    staging.outputs.map((o) => [o.key, o.old, o.new]),
    [["host", JSON.stringify("redis-staging.cache.internal"), JSON.stringify("redis-staging.cache.example")]],
  );
  assert.is(report.builds.find((b) => b.env === "local")!.status, "unchanged");
  const same = scorec(base, ["diff", "--base", base]);
  assert.is(same.status, 0, same.out);
  assert.match(same.out, /no build changes/);
});

test("outputs: every resource with its rule, secrets as <secret>", () => {
  const r = scorec(base, ["outputs", "-e", "production", "--format", "json"]);
  assert.is(r.status, 0, r.out);
  const report = JSON.parse(r.stdout) as {
    builds: { env: string; resources: { uid: string; rule: { id: string }; outputs: Record<string, unknown> }[] }[];
  };
  assert.equal(
    report.builds.map((b) => b.env),
    ["production"],
  );
  const db = report.builds[0]!.resources.find((x) => x.uid === "postgres.default#orders.db")!;
  assert.is(db.rule.id, "postgres-managed");
  assert.is(db.outputs.password, "<secret>");
  assert.is(db.outputs.host, "pg-production-eu.db.internal");
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
