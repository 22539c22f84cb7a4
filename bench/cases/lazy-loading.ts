import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, type Target } from "../lib/paths.js";
import { formatRatio, type Row } from "../lib/table.js";
import { compileArgv } from "./cold-start.js";

const BUNDLE = `${ROOT}/dist/cli/bundle/scorec.cjs`;
// The modules of the targets (and their emitters), which the CLI imports only for the target it compiles; in the
// bundle each is an initializer named after its module, run on first import.
const TARGET_MODULE = /^dist\/(targets|api\/emitters)\//;

interface CoverageFunction {
  functionName: string;
  ranges: { count: number }[];
}

/**
 * Lazy target loading, measured on a real run: V8's coverage (NODE_V8_COVERAGE) of `scorec compile -t TARGET` on the
 * typical file tells which target module initializers of the bundle ran, against all of them (what an eager CLI would
 * run). Deterministic, unlike a timing of a few milliseconds. Empty when there is no bundle (npm run build makes one).
 */
export function lazyLoading(targets: readonly Target[]): Row[] {
  if (!existsSync(BUNDLE)) return [];
  return targets.map((target) => {
    const modules = targetModules(target);
    const ran = modules.filter((m) => m.ranges[0]!.count > 0).length;
    const ratio = ran / modules.length;
    return {
      figure: `Lazy target loading: target modules initialized by -t ${target}`,
      value: String(ran),
      baseline: `all targets: ${modules.length}`,
      ratio: formatRatio(ratio),
      goal: "< 1×",
      pass: ratio < 1,
    };
  });
}

function targetModules(target: Target): CoverageFunction[] {
  const dir = mkdtempSync(join(tmpdir(), "scorec-bench-coverage-"));
  try {
    const [node, ...args] = compileArgv(target);
    const run = spawnSync(node!, args, {
      cwd: ROOT,
      env: { ...process.env, NODE_V8_COVERAGE: dir },
      stdio: ["ignore", "ignore", "pipe"],
    });
    if (run.status !== 0) throw new Error(`coverage run of -t ${target} failed: ${run.stderr?.toString() ?? ""}`);
    for (const file of readdirSync(dir)) {
      const report = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
        result: { url: string; functions: CoverageFunction[] }[];
      };
      const script = report.result.find((r) => r.url.endsWith("/dist/cli/bundle/scorec.cjs"));
      if (script) return script.functions.filter((f) => TARGET_MODULE.test(f.functionName));
    }
    throw new Error("no coverage of the bundle: did bin/scorec.js run it?");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
