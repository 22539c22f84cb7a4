import { createTwoFilesPatch, diffArrays, diffLines, formatPatch, type StructuredPatchHunk } from "diff";

const CONTEXT = 3;

/**
 * A unified diff of two generated YAML files, in the format of `createTwoFilesPatch`, computed block by block: the
 * files are cut into blocks at every line indented by at most two spaces (a top-level key, a Compose service, a
 * Helm workload, a section of a Kubernetes document), the `diff` library aligns the blocks, and only blocks that
 * differ are diffed line by line (by the library again). Myers' line diff costs lines × changes, so a whole-file diff
 * of a 1,000-workload manifest where every workload changes took 3.8 s of a 15 s `scorec diff`
 * (docs/performance.md). The hunks are then grouped with 3 lines of context as a whole-file diff groups them; the
 * patch applies exactly (test/unit/cli/blockwise-patch.test.ts checks that with the library's applyPatch).
 */
export function blockwisePatch(oldName: string, newName: string, oldText: string, newText: string): string {
  if (oldText === "" || newText === "")
    return createTwoFilesPatch(oldName, newName, oldText, newText, "", "", { context: CONTEXT });
  const oldLines = lines(oldText);
  const edits = blockEdits(blocks(lines(oldText)), blocks(lines(newText)));
  if (edits.length === 0) return "";
  return formatPatch({
    oldFileName: oldName,
    newFileName: newName,
    oldHeader: "",
    newHeader: "",
    hunks: hunksOf(edits, oldLines),
  });
}

/** Lines removed at `oldAt` and added at `newAt` (0-based line indexes). */
interface Edit {
  oldAt: number;
  newAt: number;
  removed: string[];
  added: string[];
}

// Lines with their line ends, so that joining a slice gives back the text.
function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

// Consecutive lines grouped so that each block starts at a line indented by at most two spaces.
function blocks(all: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of all) {
    if (current.length > 0 && !line.startsWith("   ") && line !== "\n") {
      out.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) out.push(current);
  return out;
}

// The edits of the whole file. The library aligns the blocks by their first line (a key: a Compose service, a Helm
// workload, a section of a Kubernetes document), so that a changed block costs the alignment nothing; aligned blocks
// whose text differs are diffed line by line, the others are removed or added whole.
function blockEdits(oldBlocks: string[][], newBlocks: string[][]): Edit[] {
  const edits: Edit[] = [];
  let oldAt = 0;
  let newAt = 0;
  let oldBlock = 0;
  let newBlock = 0;
  for (const part of diffArrays(oldBlocks, newBlocks, { comparator: (a, b) => a[0] === b[0] })) {
    for (let k = 0; k < part.value.length; k++) {
      const o = part.added ? [] : oldBlocks[oldBlock++]!;
      const n = part.removed ? [] : newBlocks[newBlock++]!;
      if (part.added || part.removed) edits.push({ oldAt, newAt, removed: [...o], added: [...n] });
      else if (!sameLines(o, n)) edits.push(...lineEdits(o, n, oldAt, newAt));
      oldAt += o.length;
      newAt += n.length;
    }
  }
  return edits;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

function lineEdits(o: readonly string[], n: readonly string[], oldAt: number, newAt: number): Edit[] {
  const out: Edit[] = [];
  let oldIndex = oldAt;
  let newIndex = newAt;
  for (const change of diffLines(o.join(""), n.join(""))) {
    const changed = lines(change.value);
    if (!change.added && !change.removed) {
      oldIndex += changed.length;
      newIndex += changed.length;
      continue;
    }
    const last = out[out.length - 1];
    const edit =
      last && last.oldAt + last.removed.length === oldIndex && last.newAt + last.added.length === newIndex
        ? last
        : undefined;
    const e = edit ?? { oldAt: oldIndex, newAt: newIndex, removed: [], added: [] };
    if (!edit) out.push(e);
    if (change.removed) {
      e.removed.push(...changed);
      oldIndex += changed.length;
    } else {
      e.added.push(...changed);
      newIndex += changed.length;
    }
  }
  return out;
}

// Hunks as a whole-file diff makes them: edits less than 2 × 3 unchanged lines apart share a hunk, with up to 3 lines
// of context around it.
function hunksOf(edits: readonly Edit[], oldLines: readonly string[]): StructuredPatchHunk[] {
  const hunks: StructuredPatchHunk[] = [];
  let group: Edit[] = [];
  const flush = () => {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const before = Math.min(CONTEXT, first.oldAt);
    const lastEnd = last.oldAt + last.removed.length;
    const after = Math.min(CONTEXT, oldLines.length - lastEnd);
    const body: string[] = [];
    for (const line of oldLines.slice(first.oldAt - before, first.oldAt)) push(body, " ", line);
    group.forEach((e, i) => {
      for (const line of e.removed) push(body, "-", line);
      for (const line of e.added) push(body, "+", line);
      const to = i + 1 < group.length ? group[i + 1]!.oldAt : lastEnd + after;
      for (const line of oldLines.slice(e.oldAt + e.removed.length, to)) push(body, " ", line);
    });
    const oldCount = lastEnd + after - (first.oldAt - before);
    const newCount = oldCount + group.reduce((n, e) => n + e.added.length - e.removed.length, 0);
    const oldStart = first.oldAt - before + 1;
    const newStart = first.newAt - before + 1;
    hunks.push({
      oldStart: oldCount === 0 ? oldStart - 1 : oldStart,
      oldLines: oldCount,
      newStart: newCount === 0 ? newStart - 1 : newStart,
      newLines: newCount,
      lines: body,
    });
    group = [];
  };
  for (const e of edits) {
    const previous = group[group.length - 1];
    if (previous && e.oldAt - (previous.oldAt + previous.removed.length) > 2 * CONTEXT) flush();
    group.push(e);
  }
  flush();
  return hunks;
}

function push(body: string[], sign: string, line: string): void {
  if (line.endsWith("\n")) body.push(sign + line.slice(0, -1));
  else body.push(sign + line, "\\ No newline at end of file");
}
