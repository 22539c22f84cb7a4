import { parse, parseAllDocuments } from "yaml";
import { generateApp } from "../fixtures/generate-app.js";
import { timeFunctions, timeOnce } from "../lib/loop-timer.js";
import { benchInput, expectCompiled, loadCompile, typicalSource } from "../lib/scorec.js";
import { formatMs, summarize } from "../lib/stats.js";
import { atLeast, formatRatio, type Row } from "../lib/table.js";
import { synthWithCdk8s, type WorkloadSpec } from "../peer/cdk8s-app.js";

/** Settings for the peer figures. */
export interface PeerOptions {
  samples: number;
  minSampleMs: number;
  warmupMs: number;
  /** Workloads in the large app, and how many timed runs of it. */
  appSize: number;
  appRuns: number;
}

const GOAL = atLeast(5);

/**
 * scorec against cdk8s (cdk8s-plus-33, in-process synth) making the same Kubernetes objects: for the typical file
 * (per-call median) and for a generated app (median of a few whole runs after one warm-up each). The cdk8s program
 * starts from already-parsed workloads, so scorec's YAML parsing, validation and rules resolution count against it.
 */
export async function peer(options: PeerOptions): Promise<Row[]> {
  const compile = await loadCompile("kubernetes");
  const typical = typicalSource();
  const typicalSpec = parse(typical.text) as WorkloadSpec;
  const typicalInput = benchInput([typical], "kubernetes");
  const scorecObjects = countObjects(expectCompiled(compile(typicalInput), "typical file").files);
  const cdk8sObjects = synthWithCdk8s([typicalSpec]).objects;
  const small = timeFunctions(
    [
      { name: "scorec", fn: () => compile(typicalInput) },
      { name: "cdk8s", fn: () => synthWithCdk8s([typicalSpec]) },
    ],
    options,
  );
  const rows = [
    row(
      `Peer, typical file: scorec (${scorecObjects} objects) vs cdk8s (${cdk8sObjects})`,
      small.get("scorec")!.median,
      small.get("cdk8s")!.median,
    ),
  ];

  const app = generateApp(options.appSize);
  const appInput = benchInput(
    app.map((w) => ({ path: w.path, text: w.text })),
    "kubernetes",
  );
  const appSpecs = app.map((w) => w.workload as unknown as WorkloadSpec);
  const appObjects = countObjects(expectCompiled(compile(appInput), `${options.appSize}-workload app`).files);
  const appCdk8sObjects = synthWithCdk8s(appSpecs).objects;
  const scorecTimes: number[] = [];
  const cdk8sTimes: number[] = [];
  for (let i = 0; i < options.appRuns; i++) {
    scorecTimes.push(timeOnce(() => compile(appInput)));
    cdk8sTimes.push(timeOnce(() => synthWithCdk8s(appSpecs)));
  }
  const size = options.appSize.toLocaleString("en-US");
  rows.push(
    row(
      `Peer, ${size} workloads: scorec (${appObjects.toLocaleString("en-US")} objects) vs cdk8s (${appCdk8sObjects.toLocaleString("en-US")})`,
      summarize(scorecTimes).median,
      summarize(cdk8sTimes).median,
    ),
  );
  return rows;
}

function row(figure: string, scorec: number, cdk8s: number): Row {
  const speedup = cdk8s / scorec;
  return {
    figure,
    value: formatMs(scorec),
    baseline: `cdk8s synth: ${formatMs(cdk8s)}`,
    ratio: `${formatRatio(speedup)} faster`,
    goal: GOAL.text,
    pass: GOAL.check(speedup),
  };
}

function countObjects(files: readonly { text: string }[]): number {
  return files.reduce((n, f) => n + parseAllDocuments(f.text).filter((d) => d.contents !== null).length, 0);
}
