import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { run } from "../src/cli/main.js";
import { ROOT } from "./helpers/corpus.js";
import { expectGolden } from "./helpers/golden.js";
import { memoryIO } from "./helpers/memory-io.js";

// `scorec diff --base` over scenarios: fixtures/diff/base is the base project; each scenario folder lays its head/
// files over a copy of it (options.json: "remove" paths, "seed"/"baseSeed"). Each scenario's text, markdown and JSON
// reports are goldens in golden/diff/<scenario>/, with the exit code: 0 when nothing changes, 3 when something does.

const FIXTURES = join(ROOT, "fixtures/diff");
const scenarios = readdirSync(FIXTURES)
  .filter((s) => s !== "base")
  .sort();

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

interface Options {
  remove?: string[];
  seed?: string;
  baseSeed?: string;
}

async function diff(scenario: string, format: string): Promise<{ code: number; out: string; err: string }> {
  const options = JSON.parse(readFileSync(join(FIXTURES, scenario, "options.json"), "utf8")) as Options;
  const base = filesUnder(join(FIXTURES, "base"));
  const head: Record<string, string> = { ...base };
  for (const r of options.remove ?? []) delete head[r];
  const overlay = join(FIXTURES, scenario, "head");
  try {
    Object.assign(head, filesUnder(overlay));
  } catch {
    // a scenario without head/ files
  }
  const files: Record<string, string> = {};
  for (const [p, t] of Object.entries(base)) files[`/work/base/${p}`] = t;
  for (const [p, t] of Object.entries(head)) files[`/work/head/${p}`] = t;
  const io = memoryIO(files, { cwd: "/work/head" });
  const args = [
    "diff",
    "--base",
    "../base",
    "--format",
    format,
    "--seed",
    options.seed ?? "seed-1",
    ...(options.baseSeed ? ["--base-seed", options.baseSeed] : []),
  ];
  const code = await run(args, io);
  return { code, out: io.stdoutText(), err: io.stderrText() };
}

test("every scenario of the brief has a fixture", () => {
  assert.equal(scenarios, [
    "new-rule-shadows-default",
    "nothing-changed",
    "output-changed",
    "rule-narrowed",
    "secret-rotated",
    "workload-added",
    "workload-removed",
  ]);
});

for (const scenario of scenarios) {
  test(`diff ${scenario}: text, markdown and json`, async () => {
    const results = {
      text: await diff(scenario, "text"),
      markdown: await diff(scenario, "markdown"),
      json: await diff(scenario, "json"),
    };
    const expected = scenario === "nothing-changed" ? 0 : 3;
    for (const [format, r] of Object.entries(results)) {
      assert.is(r.code, expected, `${format}: ${r.out}${r.err}`);
      assert.not.match(r.err, /error/, r.err);
    }
    const report = JSON.parse(results.json.out) as { changed: boolean; exitCode: number };
    assert.is(report.changed, expected === 3);
    expectGolden(join(ROOT, "golden/diff", scenario, "diff.txt"), results.text.out);
    expectGolden(join(ROOT, "golden/diff", scenario, "diff.md"), results.markdown.out);
    expectGolden(join(ROOT, "golden/diff", scenario, "diff.json"), results.json.out);
  });
}

test("a rotated seed shows as changed secrets, never as a value", async () => {
  const r = await diff("secret-rotated", "json");
  const report = JSON.parse(r.out) as { builds: { env: string; outputs: Record<string, unknown>[]; diff: string }[] };
  const staging = report.builds.find((b) => b.env === "staging")!;
  const password = staging.outputs.find((o) => o.key === "password");
  assert.equal(password, {
    uid: "postgres.default#api.db",
    names: ["api.db"],
    key: "password",
    secret: true,
    change: "changed",
  });
  assert.match(staging.diff, /<secret [0-9a-f]{8}>/);
});

test.run();
