import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Emitter } from "../../src/api/compile-input.js";
import type { prepareResolution as prepareFn, resolvePrepared as resolveFn } from "../../src/api/resolve.js";
import type { checkRules as checkRulesFn } from "../../src/api/check-rules.js";
import type { targetArtifactCheck as artifactCheckFn } from "../../src/api/artifact-check.js";
import type { checkRulesTable as checkTableFn } from "../../src/rules/check.js";
import type { analyzeRulesTable as analyzeFn } from "../../src/rules/check/analyze.js";
import type { builtinRules as builtinRulesFn } from "../../src/rules/defaults/index.js";
import type { loadRules as loadRulesFn } from "../../src/rules/load.js";
import type { RulesTable } from "../../src/rules/types.js";
import { exhaustiveRulesCheck } from "../../test/helpers/exhaustive-rules-check.js";
import { generatePlatformRules, PLATFORM_1000 } from "../fixtures/generate-rules.js";
import { timeCommands } from "../lib/command-timer.js";
import { timeFunctions, timeOnce } from "../lib/loop-timer.js";
import { CLI, ROOT, TYPICAL_FILE } from "../lib/paths.js";
import { benchInput, typicalSource } from "../lib/scorec.js";
import { formatMs, summarize } from "../lib/stats.js";
import { atMost, formatRatio, type Row } from "../lib/table.js";

/** Settings for the rules-table figures. */
export interface RulesScaleOptions {
  runs: number;
  samples: number;
  minSampleMs: number;
  warmupMs: number;
  useHyperfine: boolean;
}

const CHECK_GOAL = atMost(1000, "ms");
const COMPILE_GOAL = atMost(1.2);
// An environment of the generated table (type development, like the baseline's local).
const ENV = "env-07";

/**
 * A platform table at scale (bench/fixtures/generate-rules.ts: 1,000 rules, 50 environments, per-environment rules
 * with per-id and per-workload exceptions): `scorec rules check` as a whole process (goal ≤ 1 s, against a 1-rule
 * table), the static check in process against the exhaustive enumeration it replaced (the oracle of the tests), the
 * whole check in process (with evaluation) against evaluating at every point, and a
 * compile of the typical app against the loaded table against one with the built-in defaults only (goal ≤ 1.2×);
 * last, the whole CLI compile, where reading the 280 KB table is part of the price.
 */
export async function rulesScale(options: RulesScaleOptions): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), "scorec-bench-rules-"));
  try {
    const withOrder = join(dir, "platform.yaml");
    const withoutOrder = join(dir, "platform-no-precedence.yaml");
    writeFileSync(withOrder, generatePlatformRules({ ...PLATFORM_1000, precedence: true }));
    writeFileSync(withoutOrder, generatePlatformRules({ ...PLATFORM_1000, precedence: false }));
    const dist = (path: string) => import(pathToFileURL(`${ROOT}/dist/${path}`).href);
    const { loadRules } = (await dist("rules/load.js")) as { loadRules: typeof loadRulesFn };
    const load = (path: string): RulesTable => {
      const { table, diagnostics } = loadRules([{ path, text: readText(path) }]);
      if (!table) throw new Error(`${path} does not load: ${diagnostics[0]?.message}`);
      return table;
    };
    const tables = { withOrder: load(withOrder), withoutOrder: load(withoutOrder) };
    return [
      ...cliCheck(withOrder, options),
      ...(await inProcessCheck(tables, dist)),
      ...(await inProcessWholeCheck({ withOrder, withoutOrder }, dist)),
      ...(await inProcessCompile(tables.withOrder, dist, options)),
      ...cliCompile(withOrder, options),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cliCheck(table: string, options: RulesScaleOptions): Row[] {
  const { results } = timeCommands(
    [
      { name: "1-rule table", argv: [process.execPath, CLI, "rules", "check", `${ROOT}/examples/hello/rules.yaml`] },
      { name: "platform table", argv: [process.execPath, CLI, "rules", "check", table] },
    ],
    { runs: options.runs, warmup: 2, useHyperfine: options.useHyperfine, cwd: ROOT },
  );
  const r = results.get("platform table")!;
  const base = results.get("1-rule table")!;
  return [
    {
      figure: "CLI rules check, 1,000 rules / 50 envs, precedence [id, workload, env]",
      value: `${formatMs(r.median)} (${formatMs(r.min)}–${formatMs(r.max)})`,
      baseline: `1-rule table: ${formatMs(base.median)}`,
      ratio: formatRatio(r.median / base.median),
      goal: CHECK_GOAL.text,
      pass: CHECK_GOAL.check(r.median),
    },
  ];
}

async function inProcessCheck(
  tables: { withOrder: RulesTable; withoutOrder: RulesTable },
  dist: (p: string) => Promise<unknown>,
): Promise<Row[]> {
  const { analyzeRulesTable } = (await dist("rules/check/analyze.js")) as { analyzeRulesTable: typeof analyzeFn };
  const rows: Row[] = [];
  for (const [label, table] of [
    ["precedence [id, workload, env]", tables.withOrder],
    ["no precedence", tables.withoutOrder],
  ] as const) {
    const findings = analyzeRulesTable(table); // also the warm-up
    const fast = summarize([0, 1, 2, 3, 4].map(() => timeOnce(() => analyzeRulesTable(table))));
    const exhaustive = summarize([0, 1].map(() => timeOnce(() => exhaustiveRulesCheck(table))));
    const examined = findings.types.reduce((n, t) => n + t.examined, 0);
    const points = findings.types.reduce((n, t) => n + t.points, 0);
    rows.push({
      figure: `In-process rules check, 1,000 rules, ${label} (${findings.conflicts.length.toLocaleString("en-US")} conflicting pairs; ${examined.toLocaleString("en-US")} of ${points.toLocaleString("en-US")} points)`,
      value: formatMs(fast.median),
      baseline: `exhaustive enumeration: ${formatMs(exhaustive.median)}`,
      ratio: formatRatio(fast.median / exhaustive.median),
      goal: "",
    });
  }
  return rows;
}

/**
 * The whole `rules check` in process (`checkRules`: load, the static check, and every winning rule evaluated where it
 * wins, once per distinct context it reads), against the same with each rule evaluated at every point where it wins
 * (the tests' oracle, and the check before per-context evaluation).
 */
async function inProcessWholeCheck(
  paths: { withOrder: string; withoutOrder: string },
  dist: (p: string) => Promise<unknown>,
): Promise<Row[]> {
  const { checkRules } = (await dist("api/check-rules.js")) as { checkRules: typeof checkRulesFn };
  const { checkRulesTable } = (await dist("rules/check.js")) as { checkRulesTable: typeof checkTableFn };
  const { targetArtifactCheck } = (await dist("api/artifact-check.js")) as {
    targetArtifactCheck: typeof artifactCheckFn;
  };
  const { builtinRules } = (await dist("rules/defaults/index.js")) as { builtinRules: typeof builtinRulesFn };
  const { loadRules } = (await dist("rules/load.js")) as { loadRules: typeof loadRulesFn };
  const rows: Row[] = [];
  for (const [label, path] of [
    ["precedence [id, workload, env]", paths.withOrder],
    ["no precedence", paths.withoutOrder],
  ] as const) {
    const sources = [{ path, text: readText(path) }];
    // What checkRules does, evaluating at every point.
    const perPoint = () => {
      const { table } = loadRules(sources);
      return checkRulesTable(table!, {
        artifactCheck: targetArtifactCheck,
        defaults: (t) => builtinRules(t).table,
        evaluateEveryPoint: true,
      });
    };
    const result = checkRules(sources); // also the warm-up
    const fast = summarize([0, 1, 2, 3, 4].map(() => timeOnce(() => checkRules(sources))));
    const slow = summarize([0, 1].map(() => timeOnce(perPoint)));
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    rows.push({
      figure: `In-process checkRules (with evaluation), 1,000 rules, ${label} (${errors.toLocaleString("en-US")} errors)`,
      value: formatMs(fast.median),
      baseline: `evaluated at every winning point: ${formatMs(slow.median)}`,
      ratio: formatRatio(fast.median / slow.median),
      goal: "",
    });
  }
  return rows;
}

async function inProcessCompile(
  table: RulesTable,
  dist: (p: string) => Promise<unknown>,
  options: RulesScaleOptions,
): Promise<Row[]> {
  const { prepareResolution, resolvePrepared } = (await dist("api/resolve.js")) as {
    prepareResolution: typeof prepareFn;
    resolvePrepared: typeof resolveFn;
  };
  const { emitter } = (await dist("api/emitters/kubernetes.js")) as { emitter: Emitter };
  const source = typicalSource();
  // The same compile as the library's, with the rules table already loaded: what resolution against 1,000 rules costs.
  const compileAgainst = (rules: RulesTable | undefined, environment: string) => {
    const input = { ...benchInput([source], "kubernetes"), environment };
    return () => {
      const { prepared } = prepareResolution(input);
      const r = resolvePrepared(rules ? { ...prepared!, rules } : prepared!, input.seed);
      if (!r.app) throw new Error(`typical app does not resolve in ${environment}: ${r.diagnostics[0]?.message}`);
      return emitter(r.app, input);
    };
  };
  const results = timeFunctions(
    [
      { name: "platform", fn: compileAgainst(table, ENV) },
      { name: "defaults", fn: compileAgainst(undefined, "local") },
    ],
    options,
  );
  const p = results.get("platform")!;
  const d = results.get("defaults")!;
  return [
    {
      figure: "In-process compile, typical file, -t kubernetes, against the loaded 1,000-rule table",
      value: `${formatMs(p.median)} (${formatMs(p.min)}–${formatMs(p.max)})`,
      // The fastest samples too: on a loaded machine the medians carry the stalls of other processes.
      baseline: `built-in defaults only: ${formatMs(d.median)} (${formatMs(d.min)}–${formatMs(d.max)}); min/min ${formatRatio(p.min / d.min)}`,
      ratio: formatRatio(p.median / d.median),
      goal: COMPILE_GOAL.text,
      pass: COMPILE_GOAL.check(p.median / d.median),
    },
  ];
}

function cliCompile(table: string, options: RulesScaleOptions): Row[] {
  const compile = (...extra: string[]) => [
    process.execPath,
    CLI,
    "compile",
    TYPICAL_FILE,
    "-t",
    "kubernetes",
    "-o",
    "-",
    "--app",
    "bench",
    "--seed",
    "bench",
    ...extra,
  ];
  const { results } = timeCommands(
    [
      { name: "defaults", argv: compile("-e", "local") },
      { name: "platform", argv: compile("-r", table, "-e", ENV) },
    ],
    { runs: options.runs, warmup: 2, useHyperfine: options.useHyperfine, cwd: ROOT },
  );
  const p = results.get("platform")!;
  const d = results.get("defaults")!;
  return [
    {
      figure: "CLI compile, typical file, -t kubernetes, -r the 1,000-rule table (280 KB read and checked)",
      value: `${formatMs(p.median)} (${formatMs(p.min)}–${formatMs(p.max)})`,
      baseline: `built-in defaults only: ${formatMs(d.median)}`,
      ratio: formatRatio(p.median / d.median),
      goal: "",
    },
  ];
}

function readText(path: string): string {
  return readFileSync(path, "utf8");
}
