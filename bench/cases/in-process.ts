import { parse, parseAllDocuments, stringify } from "yaml";
import { timeFunctions } from "../lib/loop-timer.js";
import type { Target } from "../lib/paths.js";
import { benchInput, expectCompiled, loadCompile, typicalSource } from "../lib/scorec.js";
import { formatMs } from "../lib/stats.js";
import { atMost, formatRatio, type Row } from "../lib/table.js";

/** Settings for the in-process figures. */
export interface InProcessOptions {
  targets: readonly Target[];
  samples: number;
  minSampleMs: number;
  warmupMs: number;
}

const GOAL = atMost(3);

/**
 * In-process compile of the typical file per target against its floor: parsing the same Score YAML plus stringifying
 * the same output documents with the `yaml` package, the least any YAML-to-YAML compiler has to do.
 */
export async function inProcess(options: InProcessOptions): Promise<Row[]> {
  const source = typicalSource();
  const rows: Row[] = [];
  for (const target of options.targets) {
    const compile = await loadCompile(target);
    const input = benchInput([source], target);
    const outputs = expectCompiled(compile(input), `typical file (-t ${target})`).files.map((f) =>
      parseAllDocuments(f.text).map((d) => d.toJS() as unknown),
    );
    const floor = () => {
      parse(source.text);
      return outputs.map((docs) => docs.map((d) => stringify(d)).join("---\n"));
    };
    const results = timeFunctions(
      [
        { name: "compile", fn: () => compile(input) },
        { name: "floor", fn: floor },
      ],
      options,
    );
    const c = results.get("compile")!;
    const f = results.get("floor")!;
    const ratio = c.median / f.median;
    rows.push({
      figure: `In-process compile, typical file, -t ${target}`,
      value: `${formatMs(c.median)} (${formatMs(c.min)}–${formatMs(c.max)})`,
      baseline: `yaml parse+stringify: ${formatMs(f.median)}`,
      ratio: formatRatio(ratio),
      goal: GOAL.text,
      pass: GOAL.check(ratio),
    });
  }
  return rows;
}
