import fc from "fast-check";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every .yaml/.yml file below a folder (node_modules skipped). */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Texts made from one of `bases` by up to three random edits, each cutting up to three characters and inserting one of `pieces`. */
export function editedTexts(bases: readonly string[], pieces: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 3 }), insert: fc.constantFrom(...pieces, "") });
  return fc.tuple(fc.constantFrom(...bases), fc.array(edit, { maxLength: 3 })).map(([base, edits]) =>
    edits.reduce((s, e) => {
      const at = e.at % (s.length + 1);
      return s.slice(0, at) + e.insert + s.slice(at + e.cut);
    }, base),
  );
}
