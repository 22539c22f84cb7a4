import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Wall time, CPU time (user + system) and peak resident memory of one whole Node process. */
export interface ProcessMeasure {
  ms: number;
  cpuMs: number;
  peakRssBytes: number;
}

// Preloaded into the measured process: on exit it writes its own getrusage figures to a file.
const RSS_HOOK = `import { writeFileSync } from "node:fs";
process.on("exit", () => writeFileSync(process.env.SCOREC_BENCH_RSS_FILE, JSON.stringify(process.resourceUsage())));`;

/**
 * Runs `node <args>` once in `cwd` and returns its wall time (spawn to exit), and its CPU time and peak RSS read from
 * the process itself through a preloaded hook, so no /usr/bin/time is needed. An exit code outside `okExits` (default: 0)
 * throws with the process' stderr.
 */
export function measureNode(args: readonly string[], cwd: string, okExits: readonly number[] = [0]): ProcessMeasure {
  const dir = mkdtempSync(join(tmpdir(), "scorec-bench-rss-"));
  const rssFile = join(dir, "rss");
  try {
    const argv = ["--import", `data:text/javascript,${encodeURIComponent(RSS_HOOK)}`, ...args];
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, argv, {
      cwd,
      env: { ...process.env, SCOREC_BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", "ignore", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status === null || !okExits.includes(run.status))
      throw new Error(
        `node ${args.slice(0, 3).join(" ")} …: exit ${run.status}\n${run.stderr?.toString().slice(0, 2000) ?? ""}`,
      );
    const usage = JSON.parse(readFileSync(rssFile, "utf8")) as NodeJS.ResourceUsage;
    return { ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, peakRssBytes: usage.maxRSS * 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
