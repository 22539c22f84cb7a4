import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LspClient } from "../../test/lsp/client.js";
import type { resolve as resolveFn } from "../../src/api/resolve.js";
import { generateApp } from "../fixtures/generate-app.js";
import { timeFunctions } from "../lib/loop-timer.js";
import { ROOT } from "../lib/paths.js";
import { formatMs, summarize } from "../lib/stats.js";
import { atMost, formatRatio, type Row } from "../lib/table.js";

/** Settings for the language-server figure. */
export interface LspOptions {
  workloads: number;
  changes: number;
  warmup: number;
}

const GOAL_MS = atMost(25, "ms");

/**
 * Diagnostics after a change in an app of `workloads` Score files in one folder (one project), through the real
 * server over stdio with the debounce set to 0: from sending `didChange` to receiving `publishDiagnostics` for the
 * file, median over `changes` edits that alternately break and fix a placeholder. Baseline: the library's resolve of
 * the same files in this process, the least the server has to do per change.
 */
export async function lsp(options: LspOptions): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), "scorec-bench-lsp-"));
  const client = new LspClient();
  try {
    const sources = generateApp(options.workloads).map((w) => ({
      path: w.path.replace("/score.yaml", ".score.yaml"),
      text: w.text,
    }));
    for (const s of sources) writeFileSync(join(dir, s.path), s.text);
    const edited = sources[sources.length >> 1]!;
    const file = join(dir, edited.path);
    const broken = edited.text.replace("${resources.db.host}", "${resources.db.hots}");
    if (broken === edited.text) throw new Error("the generated workload has no ${resources.db.host} to edit");
    await client.initialize(dir, { debounceMs: 0 });
    const first = await client.open(file, edited.text);
    if (first.diagnostics.length > 0)
      throw new Error(`the generated app has diagnostics: ${JSON.stringify(first.diagnostics[0])}`);
    const samples: number[] = [];
    for (let i = 0; i < options.warmup + options.changes; i++) {
      const text = i % 2 === 0 ? broken : edited.text;
      const start = performance.now();
      const got = await client.change(file, text, i + 2);
      const ms = performance.now() - start;
      if (got.diagnostics.length !== (i % 2 === 0 ? 1 : 0))
        throw new Error(`unexpected diagnostics after change ${i}: ${JSON.stringify(got.diagnostics)}`);
      if (i >= options.warmup) samples.push(ms);
    }
    await client.stop();
    const server = summarize(samples);

    const { resolve } = (await import(pathToFileURL(`${ROOT}/dist/api/resolve.js`).href)) as {
      resolve: typeof resolveFn;
    };
    const abs = sources.map((s) => ({ path: s.path, text: s.text }));
    const base = timeFunctions(
      [
        {
          name: "resolve",
          fn: () => resolve({ sources: abs, environment: "local", target: "compose", app: "bench", seed: "bench" }),
        },
      ],
      { samples: 10, minSampleMs: 50, warmupMs: 500 },
    ).get("resolve")!;
    return [
      {
        figure: `LSP diagnostics after a change, ${options.workloads} workloads (didChange → publishDiagnostics, no debounce)`,
        value: `${formatMs(server.median)} (${formatMs(server.min)}–${formatMs(server.max)})`,
        baseline: `library resolve: ${formatMs(base.median)}`,
        ratio: formatRatio(server.median / base.median),
        goal: GOAL_MS.text,
        pass: GOAL_MS.check(server.median),
      },
    ];
  } finally {
    client.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
