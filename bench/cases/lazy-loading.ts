import { existsSync, readdirSync, readFileSync } from "node:fs";
import { ROOT, type Target } from "../lib/paths.js";
import { formatRatio, type Row } from "../lib/table.js";

const BUNDLE = `${ROOT}/dist/cli/bundle`;
const STATIC_IMPORT = /^import\s(?:[^;]*?\sfrom\s)?"(\.\/[^"]+\.js)";/gm;
const DYNAMIC_IMPORT = /\bimport\("(\.\/[^"]+\.js)"\)/g;

/**
 * Lazy target loading, measured on the built CLI bundle: the JavaScript a `-t TARGET` run loads (the entry, its
 * static imports, and that target's chunk with its static imports, read from the files themselves) against what an
 * eager CLI would load (every target's chunk). Deterministic, unlike a timing of a few kilobytes. Empty when there is
 * no bundle (npm run build makes one).
 */
export function lazyLoading(targets: readonly Target[]): Row[] {
  if (!existsSync(`${BUNDLE}/scorec.js`)) return [];
  const files = new Map(readdirSync(BUNDLE).filter((f) => f.endsWith(".js")).map((f) => [f, readFileSync(`${BUNDLE}/${f}`, "utf8")]));
  const closure = (start: string, into: Set<string>): Set<string> => {
    const queue = [start];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (into.has(file)) continue;
      const text = files.get(file);
      if (text === undefined) throw new Error(`bundle file ${file} is missing`);
      into.add(file);
      for (const m of text.matchAll(STATIC_IMPORT)) queue.push(m[1]!.slice(2));
    }
    return into;
  };
  const bytes = (set: Set<string>) => [...set].reduce((n, f) => n + Buffer.byteLength(files.get(f)!), 0);
  const entry = closure("scorec.js", new Set());
  const targetChunk = (t: Target) => {
    const chunk = [...files.get("scorec.js")!.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]!.slice(2)).find((f) => f.startsWith(`${t}-`));
    if (!chunk) throw new Error(`the bundle has no lazily imported chunk for ${t}`);
    return chunk;
  };
  const eager = new Set(entry);
  for (const t of ["compose", "kubernetes", "helm"] as const) closure(targetChunk(t), eager);
  return targets.map((t) => {
    const loaded = closure(targetChunk(t), new Set(entry));
    const ratio = bytes(loaded) / bytes(eager);
    return {
      figure: `Lazy target loading: JS loaded by -t ${t} (bundle import graph)`,
      value: `${kib(bytes(loaded))} in ${loaded.size} files`,
      baseline: `all targets: ${kib(bytes(eager))}`,
      ratio: formatRatio(ratio),
      goal: "< 1×",
      pass: ratio < 1,
    };
  });
}

function kib(n: number): string {
  return `${(n / 1024).toFixed(0)} KiB`;
}
