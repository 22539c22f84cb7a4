import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseAllDocuments } from "yaml";
import { generateApp } from "../fixtures/generate-app.js";
import { measureNode, type ProcessMeasure } from "../lib/measured-process.js";
import { CLI, ROOT, type Target } from "../lib/paths.js";
import { formatMiB, formatMs, summarize } from "../lib/stats.js";
import { atMost, formatRatio, type Row } from "../lib/table.js";
import { SCALE_FLOOR_SCRIPT } from "./scale-floor.js";

/** Settings for the scale figures: app sizes (workloads), runs per size, target. */
export interface ScaleOptions {
  sizes: readonly number[];
  runs: (size: number) => number;
  target: Target;
}

const TIME_GOAL_10K = atMost(10_000, "ms");
const RSS_GOAL = atMost(1024 ** 3, "bytes");
const LINEAR_GOAL = atMost(11);

interface SizeResult {
  size: number;
  time: number;
  peakRss: number;
  floor: ProcessMeasure;
  objects: number;
}

/**
 * Whole-app CLI compiles of generated apps (files on disk, output to a file) per size: median wall time and the
 * largest peak RSS over the runs, each against the floor process (read + parse inputs, stringify outputs), then
 * t(largest)/t(previous) against the linear goal.
 */
export function scale(options: ScaleOptions): Row[] {
  const root = mkdtempSync(join(tmpdir(), "scorec-bench-scale-"));
  try {
    const results = options.sizes.map((size) => measureSize(root, size, options));
    return rowsFor(results, options.target);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function measureSize(root: string, size: number, options: ScaleOptions): SizeResult {
  const dir = join(root, `app-${size}`);
  const files = generateApp(size).map((w) => {
    mkdirSync(join(dir, dirname(w.path)), { recursive: true });
    writeFileSync(join(dir, w.path), w.text);
    return w.path;
  });
  const output = join(dir, "out.yaml");
  const cli = [CLI, "compile", ...files, "-t", options.target, "-o", output, "--app", "bench", "--seed", "bench"];
  const runs = Array.from({ length: options.runs(size) }, () => measureNode(cli, dir));
  const docs = parseAllDocuments(readFileSync(output, "utf8")).map((d) => d.toJS() as unknown);
  writeFileSync(join(dir, "out.json"), JSON.stringify(docs));
  const floor = measureNode(
    [
      "--input-type=module",
      "-e",
      SCALE_FLOOR_SCRIPT,
      join(dir, "out.json"),
      join(dir, "floor.yaml"),
      ...files.map((f) => join(dir, f)),
    ],
    ROOT,
  );
  return {
    size,
    time: summarize(runs.map((r) => r.ms)).median,
    peakRss: Math.max(...runs.map((r) => r.peakRssBytes)),
    floor,
    objects: options.target === "kubernetes" ? docs.length : 1,
  };
}

function rowsFor(results: readonly SizeResult[], target: Target): Row[] {
  const rows: Row[] = [];
  for (const r of results) {
    const label = `Scale ${r.size.toLocaleString("en-US")} workloads, -t ${target}`;
    const timeGoal = r.size >= 10_000 ? TIME_GOAL_10K : undefined;
    rows.push({
      figure: `${label}: time${target === "kubernetes" ? ` (${r.objects.toLocaleString("en-US")} objects)` : ""}`,
      value: formatMs(r.time),
      baseline: `read+parse+stringify: ${formatMs(r.floor.ms)}`,
      ratio: formatRatio(r.time / r.floor.ms),
      goal: timeGoal ? "≤ 10 s" : "",
      ...(timeGoal ? { pass: timeGoal.check(r.time) } : {}),
    });
    rows.push({
      figure: `${label}: peak RSS`,
      value: formatMiB(r.peakRss),
      baseline: `floor: ${formatMiB(r.floor.peakRssBytes)}`,
      ratio: formatRatio(r.peakRss / r.floor.peakRssBytes),
      goal: "≤ 1 GiB",
      pass: RSS_GOAL.check(r.peakRss),
    });
  }
  for (let i = 1; i < results.length; i++) {
    const [small, large] = [results[i - 1]!, results[i]!];
    const ratio = large.time / small.time;
    const linear = large.size / small.size;
    const held = large.size === 10_000 && small.size === 1_000; // the issue's figure; other pairs are shown for context
    rows.push({
      figure: `Scale linearity, -t ${target}: t(${short(large.size)})/t(${short(small.size)})`,
      value: formatRatio(ratio),
      baseline: `size ratio: ${linear}×`,
      ratio: formatRatio(ratio / linear),
      goal: held ? LINEAR_GOAL.text : "",
      ...(held ? { pass: LINEAR_GOAL.check(ratio) } : {}),
    });
  }
  return rows;
}

function short(n: number): string {
  return n >= 1000 ? `${n / 1000}k` : String(n);
}
