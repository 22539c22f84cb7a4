import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { generateApp } from "../fixtures/generate-app.js";
import { CLI, TARGETS } from "../lib/paths.js";
import { formatMs, summarize } from "../lib/stats.js";
import { atMost, formatRatio, type Row } from "../lib/table.js";

const BUILD_GOAL = atMost(1.5);
const DIFF_GOAL = atMost(2.5);

// Three environments, one rule each side of the change: the diff's base differs from the head by one rule's output.
const RULES = `apiVersion: scorec.dev/v1alpha1
kind: Rules
environments:
  local: { type: development }
  staging: { type: staging }
  production: { type: production }
rules:
  - id: cache-managed
    match: { type: redis, envType: [staging, production] }
    outputs: { host: redis.internal, port: 6379 }
`;

const PROJECT = `apiVersion: scorec.dev/v1alpha1
kind: Project
app: bench
workloads: ["svc-*/score.yaml"]
rules: [rules.yaml]
builds:
  - { env: local, target: compose, output: out/compose.yaml }
  - { env: staging, target: kubernetes, output: out/manifests.yaml }
  - { env: production, target: helm, output: out/values.yaml }
`;

/**
 * `scorec build` of a generated project (the scale section's workloads, 3 builds: compose, kubernetes, helm) against
 * the slowest single `compile` of the same workloads (goal ≤ 1.5×: parsing and rules loading are shared), and
 * `scorec diff --base` after a one-rule change against one `build` (goal ≤ 2.5×). Whole CLI processes, medians.
 */
export function project(options: { size: number; runs: number }): Row[] {
  const root = mkdtempSync(join(tmpdir(), "scorec-bench-project-"));
  try {
    const head = join(root, "head");
    const files = generateApp(options.size).map((w) => {
      mkdirSync(join(head, dirname(w.path)), { recursive: true });
      writeFileSync(join(head, w.path), w.text);
      return w.path;
    });
    writeFileSync(join(head, "rules.yaml"), RULES);
    writeFileSync(join(head, "scorec.yaml"), PROJECT);
    const base = join(root, "base");
    cpSync(head, base, { recursive: true });
    writeFileSync(join(base, "rules.yaml"), RULES.replace("host: redis.internal", "host: redis-old.internal"));
    const envOf = { compose: "local", kubernetes: "staging", helm: "production" } as const;
    const compiles = TARGETS.map((t) => ({ target: t, ms: median(options.runs, () => time(head, ["compile", ...files, "-t", t, "-e", envOf[t], "-r", "rules.yaml", "--app", "bench", "--seed", "bench", "-o", `single-${t}.yaml`])) }));
    const slowest = compiles.reduce((a, b) => (b.ms > a.ms ? b : a));
    const build = median(options.runs, () => time(head, ["build", "--seed", "bench"]));
    const diff = median(options.runs, () => time(head, ["diff", "--base", base, "--seed", "bench"], 3));
    const label = `${options.size.toLocaleString("en-US")} workloads, 3 builds`;
    return [
      { figure: `Project ${label}: scorec build`, value: formatMs(build), baseline: `slowest compile (-t ${slowest.target}): ${formatMs(slowest.ms)}`, ratio: formatRatio(build / slowest.ms), goal: BUILD_GOAL.text, pass: BUILD_GOAL.check(build / slowest.ms) },
      { figure: `Project ${label}: scorec diff --base (one rule changed)`, value: formatMs(diff), baseline: `scorec build: ${formatMs(build)}`, ratio: formatRatio(diff / build), goal: DIFF_GOAL.text, pass: DIFF_GOAL.check(diff / build) },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function median(runs: number, measure: () => number): number {
  return summarize(Array.from({ length: runs }, measure)).median;
}

// Wall time of one CLI process; exit 0 (or `expected`) or the bench stops with the process' stderr.
function time(cwd: string, args: readonly string[], expected = 0): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, SCOREC_SEED: "" } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== expected) throw new Error(`scorec ${args.slice(0, 3).join(" ")} … exited ${r.status}: ${r.stderr.toString().slice(0, 2000)}`);
  return ms;
}
