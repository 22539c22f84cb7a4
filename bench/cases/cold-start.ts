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
export function compileArgv(target: string): string[] {
  return [process.execPath, CLI, "compile", TYPICAL_FILE, "-t", target, "-o", "-", "--app", "bench", "--seed", "bench"];
}

/**
 * CLI cold start: a whole `scorec compile` process per target against a bare `node -e 0`.
 */
export function coldStart(options: ColdStartOptions): { rows: Row[]; tool: string } {
  const commands: TimedCommand[] = [
    { name: "node -e 0", argv: [process.execPath, "-e", "0"] },
    ...options.targets.map((t) => ({ name: `compile -t ${t}`, argv: compileArgv(t) })),
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
  return { rows, tool: `${tool}, ${options.runs} runs after ${options.warmup} warm-up, median (min–max)` };
}
