import { readdirSync, readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Absolute path of the project root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Absolute path inside the vendored conformance corpus (fixtures/corpus/score). */
export function corpusPath(...parts: string[]): string {
  return [ROOT + "fixtures/corpus/score", ...parts].join("/");
}

/** Reads a text file of the project. */
export function readText(path: string): string {
  return readFileSync(path, "utf8");
}

/** Lists the sub-folders of a folder, sorted. */
/**
 * The case folders of a golden suite. Fails when there are none: a renamed or emptied fixture folder must not give
 * a green run with zero cases.
 */
export function listCases(path: string, keep: (name: string) => boolean = () => true): string[] {
  const cases = listDirs(path).filter(keep);
  if (cases.length === 0) throw new Error(`no fixture cases in ${path}: was the folder renamed or emptied?`);
  return cases;
}

export function listDirs(path: string): string[] {
  if (!existsSync(path)) return [];
  return readdirSync(path, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Lists every file under a folder (recursively), relative to it, sorted. */
export function listFiles(path: string, filter: (rel: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(`${dir}/${e.name}`, r);
      else if (filter(r)) out.push(r);
    }
  };
  if (existsSync(path)) walk(path, "");
  return out.sort();
}
