import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { generateApp } from "../fixtures/generate-app.js";
import { measureNode, type ProcessMeasure } from "../lib/measured-process.js";
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
 * `scorec diff --base` after a one-rule change against one `build` (goal ≤ 2.5×). Whole CLI processes, medians of
 * wall time and of CPU time: on a loaded machine the wall times mostly measure waiting for a core, CPU time the work.
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
    const compiles = TARGETS.map((t) => ({
      target: t,
      ...medians(options.runs, () =>
        measureNode(
          [
            CLI,
            "compile",
            ...files,
            "-t",
            t,
            "-e",
            envOf[t],
            "-r",
            "rules.yaml",
            "--app",
            "bench",
            "--seed",
            "bench",
            "-o",
            `single-${t}.yaml`,
          ],
          head,
        ),
      ),
    }));
    const slowest = compiles.reduce((a, b) => (b.ms > a.ms ? b : a));
    const slowestCpu = compiles.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a));
    const build = medians(options.runs, () => measureNode([CLI, "build", "--seed", "bench"], head));
    const diff = medians(options.runs, () => measureNode([CLI, "diff", "--base", base, "--seed", "bench"], head, [3]));
    const label = `${options.size.toLocaleString("en-US")} workloads, 3 builds`;
    const row = (
      figure: string,
      value: number,
      baseline: string,
      base: number,
      goal: typeof BUILD_GOAL,
      format: (n: number) => string,
    ): Row => ({
      figure,
      value: format(value),
      baseline,
      ratio: formatRatio(value / base),
      goal: goal.text,
      pass: goal.check(value / base),
    });
    return [
      row(
        `Project ${label}: scorec build, wall`,
        build.ms,
        `slowest compile (-t ${slowest.target}): ${formatMs(slowest.ms)}`,
        slowest.ms,
        BUILD_GOAL,
        formatMs,
      ),
      row(
        `Project ${label}: scorec build, CPU`,
        build.cpuMs,
        `slowest compile (-t ${slowestCpu.target}): ${formatMs(slowestCpu.cpuMs)} CPU`,
        slowestCpu.cpuMs,
        BUILD_GOAL,
        formatMs,
      ),
      row(
        `Project ${label}: scorec diff --base (one rule changed), wall`,
        diff.ms,
        `scorec build: ${formatMs(build.ms)}`,
        build.ms,
        DIFF_GOAL,
        formatMs,
      ),
      row(
        `Project ${label}: scorec diff --base (one rule changed), CPU`,
        diff.cpuMs,
        `scorec build: ${formatMs(build.cpuMs)} CPU`,
        build.cpuMs,
        DIFF_GOAL,
        formatMs,
      ),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// Median wall and CPU time (user + system, from the process itself) of `runs` runs.
function medians(runs: number, measure: () => ProcessMeasure): { ms: number; cpuMs: number } {
  const all = Array.from({ length: runs }, measure);
  return { ms: summarize(all.map((m) => m.ms)).median, cpuMs: summarize(all.map((m) => m.cpuMs)).median };
}
