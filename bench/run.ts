/**
 * The benchmark suite (`npm run bench`): prints one Markdown table where every figure stands next to a baseline
 * measured in the same run, their ratio and the goal. Options:
 *   --quick            fewer runs and no 10,000-workload app (a smoke run, not for quoting)
 *   --only=a,b         sections: cold, inproc, scale, policies, project, rules, peer, lsp
 *   --sizes=100,1000   app sizes for the scale section
 *   --targets=a,b      targets for the cold-start and in-process figures (default: all)
 *   --runs=N           runs of each CLI command (default 15, at least 10 for quoted figures)
 *   --no-hyperfine     use the built-in runner even where hyperfine is installed
 *   --strict           exit 1 when a figure misses its goal (for a CI job that runs the bench on purpose)
 * `npm test` never runs any of this: timings on a shared machine are not assertions.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { coldStart } from "./cases/cold-start.js";
import { inProcess } from "./cases/in-process.js";
import { lazyLoading } from "./cases/lazy-loading.js";
import { lsp } from "./cases/lsp.js";
import { peer } from "./cases/peer.js";
import { project } from "./cases/project.js";
import { policiesCost } from "./cases/policies.js";
import { rulesScale } from "./cases/rules-scale.js";
import { scale } from "./cases/scale.js";
import { describeMachine, machineInfo } from "./lib/machine.js";
import { ROOT, TARGETS, type Target } from "./lib/paths.js";
import { renderTable, type Row } from "./lib/table.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string", default: "cold,inproc,scale,policies,project,rules,peer,lsp" },
    sizes: { type: "string" },
    targets: { type: "string", default: TARGETS.join(",") },
    runs: { type: "string" },
    "no-hyperfine": { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
  },
});
const quick = values.quick === true;
const sections = new Set(values.only.split(","));
const runs = Number(values.runs ?? (quick ? 10 : 15));
const targets = values.targets.split(",").filter((t): t is Target => (TARGETS as readonly string[]).includes(t));
const sizes = (values.sizes ?? (quick ? "100,1000" : "100,1000,10000")).split(",").map(Number);

const log = (line: string) => process.stderr.write(`${line}\n`);
const rows: Row[] = [];
const notes: string[] = [];

log(`scorec benchmarks on ${describeMachine(machineInfo())}`);
if (sections.has("cold")) {
  log("· CLI cold start …");
  const cold = coldStart({ targets, runs, warmup: 3, useHyperfine: values["no-hyperfine"] !== true });
  rows.push(...cold.rows);
  notes.push(`CLI cold start: ${cold.tool}.`);
  rows.push(...lazyLoading(targets));
}
if (sections.has("inproc")) {
  log("· in-process compile …");
  const samples = quick ? 10 : 20;
  rows.push(...(await inProcess({ targets, samples, minSampleMs: 50, warmupMs: quick ? 300 : 1000 })));
  notes.push(`In-process: per-call median of ${samples} samples of ≥ 50 ms each, after warm-up.`);
}
if (sections.has("scale")) {
  log(`· scale: ${sizes.join(", ")} workloads …`);
  rows.push(...scale({ sizes, runs: (n) => (n >= 10_000 ? 1 : n >= 1000 ? 3 : 5), target: "kubernetes" }));
  notes.push(
    "Scale: whole CLI process, generated Score files on disk, output to a file; median of 5/3/1 runs for 100/1k/10k; peak RSS from getrusage.",
  );
}
if (sections.has("policies")) {
  log("· policies and patches on 1,000 workloads …");
  rows.push(...(await policiesCost({ size: 1000, samples: quick ? 5 : 11 })));
  notes.push(
    "Policies: in-process compile after a forced GC, median of alternating runs with and without the hardening table, after two warm-up pairs (bench/cases/policies.ts).",
  );
}

if (sections.has("project")) {
  log("· project: build and diff of 1,000 workloads …");
  rows.push(...project({ size: 1000, runs: quick ? 3 : 5 }));
  notes.push(
    "Project: whole CLI processes on a generated 1,000-workload project with 3 builds (compose, kubernetes, helm); median of 5 runs (3 with --quick); diff --base against a copy whose rules differ in one output.",
  );
}
if (sections.has("rules")) {
  log("· rules tables at scale: 1,000 rules …");
  rows.push(
    ...(await rulesScale({
      runs,
      samples: quick ? 10 : 20,
      minSampleMs: 50,
      warmupMs: quick ? 300 : 1000,
      useHyperfine: values["no-hyperfine"] !== true,
    })),
  );
  notes.push(
    "Rules: generated table (bench/fixtures/generate-rules.ts), 10 types × (50 environment rules + 25 id + 25 workload exceptions); in-process check: median of 5 runs after one warm-up (exhaustive: 2), each after a forced GC; in-process compile: the library's compile with the table already loaded (resolution and emit), against the same with the built-in defaults only.",
  );
}
if (sections.has("peer")) {
  log("· peer: cdk8s …");
  const appSize = quick ? 200 : 1000;
  rows.push(
    ...(await peer({ samples: quick ? 5 : 10, minSampleMs: 100, warmupMs: quick ? 300 : 1000, appSize, appRuns: 5 })),
  );
  const gc = typeof (globalThis as { gc?: unknown }).gc === "function" ? ", each after a forced GC" : "";
  notes.push(
    `Peer: cdk8s ${version("cdk8s")} with cdk8s-plus-33 ${version("cdk8s-plus-33")}, in-process synth of the same objects from parsed workloads; ${appSize} workloads: median of 5 alternating runs${gc}.`,
  );
}

if (sections.has("lsp")) {
  log("· language server …");
  const changes = quick ? 20 : 40;
  rows.push(...(await lsp({ workloads: 100, changes, warmup: 10 })));
  notes.push(
    `LSP: the real server (bin/scorec.js lsp --stdio) and client over stdio, 100 Score files in one folder, debounce 0; median of ${changes} edits after 10 warm-up edits.`,
  );
}

const m = machineInfo();
const out = [
  `Machine: ${describeMachine(m)}`,
  `Commit: ${commit()}`,
  "",
  renderTable(rows),
  "",
  ...notes.map((n) => `- ${n}`),
  "",
];
process.stdout.write(out.join("\n"));
if (values.strict === true && rows.some((r) => r.pass === false)) process.exitCode = 1;

function version(pkg: string): string {
  return (JSON.parse(readFileSync(`${ROOT}/node_modules/${pkg}/package.json`, "utf8")) as { version: string }).version;
}

function commit(): string {
  try {
    const rev = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty =
      execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" }).trim() !==
      "";
    return dirty ? `${rev} (with uncommitted changes)` : rev;
  } catch {
    return "unknown";
  }
}
