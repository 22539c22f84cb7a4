import { timeCommands, type TimedCommand } from "../lib/command-timer.js";
import { installPackedPackage } from "../lib/installed.js";
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
export function compileArgv(target: string, cli = CLI): string[] {
  return [process.execPath, cli, "compile", TYPICAL_FILE, "-t", target, "-o", "-", "--app", "bench", "--seed", "bench"];
}

/**
 * CLI cold start: a whole `scorec compile` process per target against a bare `node -e 0`, from this clone and from
 * the packed package installed into a temp project (what users run), in the same timing run.
 */
export function coldStart(options: ColdStartOptions): { rows: Row[]; tool: string } {
  const installed = installPackedPackage();
  try {
    const commands: TimedCommand[] = [
      { name: "node -e 0", argv: [process.execPath, "-e", "0"] },
      ...options.targets.map((t) => ({ name: `compile -t ${t}`, argv: compileArgv(t) })),
      ...options.targets.map((t) => ({ name: `installed compile -t ${t}`, argv: compileArgv(t, installed.bin) })),
    ];
    const { tool, results } = timeCommands(commands, {
      runs: options.runs,
      warmup: options.warmup,
      useHyperfine: options.useHyperfine,
      cwd: ROOT,
    });
    const rows = [
      ...rowsOf(results, options.targets, "", "clone"),
      ...rowsOf(results, options.targets, "installed ", "installed package"),
    ];
    return { rows, tool: `${tool}, ${options.runs} runs after ${options.warmup} warm-up, median (min–max)` };
  } finally {
    installed.remove();
  }
}

function rowsOf(
  results: ReturnType<typeof timeCommands>["results"],
  targets: readonly Target[],
  prefix: string,
  where: string,
): Row[] {
  const floor = results.get("node -e 0")!;
  return targets.map((t) => {
    const r = results.get(`${prefix}compile -t ${t}`)!;
    const ratio = r.median / floor.median;
    return {
      figure: `CLI cold start (${where}), typical file, -t ${t}`,
      value: `${formatMs(r.median)} (${formatMs(r.min)}–${formatMs(r.max)})`,
      baseline: `node -e 0: ${formatMs(floor.median)}`,
      ratio: formatRatio(ratio),
      goal: GOAL.text,
      pass: GOAL.check(ratio),
    };
  });
}
