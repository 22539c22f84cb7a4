import { existsSync, readdirSync } from "node:fs";
import { timeCommands, type TimedCommand } from "../lib/command-timer.js";
import { CLI, ROOT, TYPICAL_FILE, type Target } from "../lib/paths.js";
import { formatMs } from "../lib/stats.js";
import { atMost, formatRatio, type Row } from "../lib/table.js";

/** Settings for the cold-start figures. */
export interface ColdStartOptions {
  targets: readonly Target[];
  runs: number;
  warmup: number;
  useHyperfine: boolean;
}

const GOAL = atMost(1.5);

/** `scorec compile` of the typical file, stdout as output, for one target. */
export function compileArgv(target: string, preload: readonly string[] = []): string[] {
  return [process.execPath, ...preload, CLI, "compile", TYPICAL_FILE, "-t", target, "-o", "-", "--app", "bench", "--seed", "bench"];
}

/**
 * CLI cold start: a whole `scorec compile` process per target against a bare `node -e 0`, plus the check that
 * lazy target loading pays: the compose run against the same run with every target's emitter preloaded.
 */
export function coldStart(options: ColdStartOptions): { rows: Row[]; tool: string } {
  const commands: TimedCommand[] = [
    { name: "node -e 0", argv: [process.execPath, "-e", "0"] },
    ...options.targets.map((t) => ({ name: `compile -t ${t}`, argv: compileArgv(t) })),
    ...(options.targets.includes("compose") ? [{ name: "compile -t compose, all targets preloaded", argv: compileArgv("compose", preloadAllTargets()) }] : []),
  ];
  const { tool, results } = timeCommands(commands, { runs: options.runs, warmup: options.warmup, useHyperfine: options.useHyperfine, cwd: ROOT });
  const floor = results.get("node -e 0")!;
  const rows: Row[] = options.targets.map((t) => {
    const r = results.get(`compile -t ${t}`)!;
    const ratio = r.median / floor.median;
    return {
      figure: `CLI cold start, typical file, -t ${t}`,
      value: `${formatMs(r.median)} (${formatMs(r.min)}–${formatMs(r.max)})`,
      baseline: `node -e 0: ${formatMs(floor.median)}`,
      ratio: formatRatio(ratio),
      goal: GOAL.text,
      pass: GOAL.check(ratio),
    };
  });
  const lazy = results.get("compile -t compose");
  const eager = results.get("compile -t compose, all targets preloaded")!;
  if (lazy) rows.push({
    figure: "Lazy target loading: -t compose vs. all emitters preloaded",
    value: formatMs(lazy.median),
    baseline: `preloaded: ${formatMs(eager.median)}`,
    ratio: formatRatio(lazy.median / eager.median),
    goal: "< 1×",
    pass: lazy.median < eager.median,
  });
  return { rows, tool: `${tool}, ${options.runs} runs after ${options.warmup} warm-up, median (min–max)` };
}

/**
 * `--import` flags that load every target's code before the CLI runs, as an eager CLI would: the bundle's target
 * chunks (the same module URLs the CLI imports lazily) when the bundle exists, else every emitter module.
 */
export function preloadAllTargets(): string[] {
  const bundle = `${ROOT}/dist/cli/bundle`;
  if (!existsSync(bundle)) return ["--import", `${ROOT}/dist/api/emitters/index.js`];
  const chunks = readdirSync(bundle).filter((f) => /^(compose|kubernetes|helm)-\w+\.js$/.test(f));
  return chunks.sort().flatMap((f) => ["--import", `${bundle}/${f}`]);
}
