import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarize, type Summary } from "./stats.js";

/** One command line to time; `argv[0]` is the program. */
export interface TimedCommand {
  name: string;
  argv: readonly string[];
}

/** How to time commands: runs after warm-up, the working folder, and whether hyperfine may be used. */
export interface CommandTimerOptions {
  runs: number;
  warmup: number;
  cwd: string;
  useHyperfine: boolean;
}

/** Timings of a set of commands and the tool that took them. */
export interface CommandTimings {
  tool: string;
  results: Map<string, Summary>;
}

/** The hyperfine version on PATH, or undefined when it is missing. */
export function hyperfineVersion(): string | undefined {
  const probe = spawnSync("hyperfine", ["--version"], { encoding: "utf8" });
  if (probe.status !== 0 || typeof probe.stdout !== "string") return undefined;
  return probe.stdout.trim();
}

/**
 * Times whole-process runs of each command (wall clock, output discarded), with hyperfine when present and allowed
 * (in rounds over all commands), else with a small runner that interleaves the commands run by run, so that drift in
 * machine load hits all alike.
 * Any non-zero exit fails the benchmark: a fast failure is not a result.
 */
export function timeCommands(commands: readonly TimedCommand[], options: CommandTimerOptions): CommandTimings {
  if (!options.useHyperfine) return withRunner(commands, options, "hyperfine not used: --no-hyperfine");
  const version = hyperfineVersion();
  return version ? withHyperfine(commands, options, version) : withRunner(commands, options, "hyperfine not found");
}

// hyperfine times all runs of one command, then all of the next: on a host whose speed drifts (a shared VM), one
// command can land in a slow phase and its ratio to the baseline mean nothing. So the runs are split into rounds of
// at most this many, each round one hyperfine call over every command, with the order rotated from round to round.
const RUNS_PER_ROUND = 5;

function withHyperfine(
  commands: readonly TimedCommand[],
  options: CommandTimerOptions,
  version: string,
): CommandTimings {
  const dir = mkdtempSync(join(tmpdir(), "scorec-bench-hf-"));
  const exportPath = join(dir, "result.json");
  const rounds = Math.max(1, Math.ceil(options.runs / RUNS_PER_ROUND));
  const times = new Map<string, number[]>(commands.map((c) => [c.name, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      const runs = Math.ceil((options.runs * (round + 1)) / rounds) - Math.ceil((options.runs * round) / rounds);
      const warmup = round === 0 ? options.warmup : Math.min(1, options.warmup);
      const order = commands.map((_, i) => commands[(i + round) % commands.length]!);
      const args = [
        "-N",
        "--style",
        "none",
        "--warmup",
        String(warmup),
        "--runs",
        String(runs),
        "--export-json",
        exportPath,
      ];
      for (const c of order) args.push("-n", c.name, c.argv.map(shellQuote).join(" "));
      const run = spawnSync("hyperfine", args, { cwd: options.cwd, encoding: "utf8" });
      if (run.status !== 0) throw new Error(`hyperfine failed (exit ${run.status}): ${run.stderr || run.stdout}`);
      const exported = JSON.parse(readFileSync(exportPath, "utf8")) as {
        results: { command: string; times: number[] }[];
      };
      for (const r of exported.results) times.get(r.command)!.push(...r.times.map((t) => t * 1000));
    }
    const results = new Map<string, Summary>();
    for (const [name, list] of times) results.set(name, summarize(list));
    return { tool: rounds > 1 ? `${version} in ${rounds} rounds over all commands, order rotated` : version, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function withRunner(commands: readonly TimedCommand[], options: CommandTimerOptions, why: string): CommandTimings {
  const samples = new Map<string, number[]>(commands.map((c) => [c.name, []]));
  for (let round = 0; round < options.warmup + options.runs; round++) {
    for (const c of commands) {
      const ms = runOnce(c, options.cwd);
      if (round >= options.warmup) samples.get(c.name)!.push(ms);
    }
  }
  const results = new Map<string, Summary>();
  for (const [name, list] of samples) results.set(name, summarize(list));
  return { tool: `built-in interleaving runner (${why})`, results };
}

function runOnce(c: TimedCommand, cwd: string): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(c.argv[0]!, c.argv.slice(1), { cwd, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${c.name}: exit ${run.status}: ${run.stderr?.toString() ?? ""}`);
  return ms;
}

// hyperfine -N splits the command line with shell-word rules, so single quotes keep each argument whole.
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
