import { summarize, type Summary } from "./stats.js";

/** A function to time in this process; its return value is kept so the work cannot be optimized away. */
export interface TimedFunction {
  name: string;
  fn: () => unknown;
}

/** How to time functions: samples per function, the least time one sample spans, and warm-up time. */
export interface LoopTimerOptions {
  samples: number;
  minSampleMs: number;
  warmupMs: number;
}

let sink: unknown;

/**
 * Times each function per call: warms it up (JIT), picks a batch size so one sample spans at least `minSampleMs`,
 * then takes `samples` batches, interleaving the functions sample by sample so machine drift hits all alike.
 */
export function timeFunctions(fns: readonly TimedFunction[], options: LoopTimerOptions): Map<string, Summary> {
  const batch = new Map<string, number>();
  for (const f of fns) {
    const perCall = warmUp(f.fn, options.warmupMs);
    batch.set(f.name, Math.max(1, Math.ceil(options.minSampleMs / Math.max(perCall, 1e-3))));
  }
  const samples = new Map<string, number[]>(fns.map((f) => [f.name, []]));
  for (let s = 0; s < options.samples; s++) {
    for (const f of fns) {
      const n = batch.get(f.name)!;
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) sink = f.fn();
      samples.get(f.name)!.push(Number(process.hrtime.bigint() - start) / 1e6 / n);
    }
  }
  if (sink === Symbol.for("never")) console.log("unreachable");
  return new Map([...samples].map(([name, list]) => [name, summarize(list)]));
}

/**
 * Runs a function once, timing it in milliseconds; for work too long to batch. The previous result is dropped and,
 * when the bench runs with --expose-gc (npm run bench does), the heap collected first: alternating runs of two tools
 * would otherwise each pay for the other's garbage.
 */
export function timeOnce(fn: () => unknown): number {
  sink = undefined;
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  sink = fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// Calls fn until warmupMs has passed (at least 3 calls) and returns the mean time of one call.
function warmUp(fn: () => unknown, warmupMs: number): number {
  const start = process.hrtime.bigint();
  let calls = 0;
  let elapsed = 0;
  while (calls < 3 || elapsed < warmupMs) {
    sink = fn();
    calls++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return elapsed / calls;
}
