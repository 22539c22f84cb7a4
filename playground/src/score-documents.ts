import type { SourceFile } from "scorec";

/** The path the Score editor's text is compiled under (and diagnostics point at). */
export const SCORE_PATH = "score.yaml";

/**
 * Splits the Score editor's text into one source per YAML document (`---` at the start of a line), so that one
 * editor can hold several workloads of an app (the library takes one workload per file). Every other document is
 * blanked to spaces, keeping newlines, so that lines, columns and offsets in diagnostics are those of the editor.
 * A single document keeps the path `score.yaml`; several are `score.yaml#1`, `score.yaml#2`, ...
 */
export function scoreSources(text: string): SourceFile[] {
  const starts = [0];
  for (const m of text.matchAll(/^---(?=[ \t\r]|$)/gm)) if (m.index > 0) starts.push(m.index);
  const parts = starts
    .map((start, i) => ({ start, end: starts[i + 1] ?? text.length }))
    .filter(({ start, end }) => !isBlankDocument(text.slice(start, end)));
  if (parts.length <= 1) return [{ path: SCORE_PATH, text }];
  return parts.map(({ start, end }, i) => ({
    path: `${SCORE_PATH}#${i + 1}`,
    text: blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end)),
  }));
}

/** Whether a diagnostic's file is (a document of) the Score editor. */
export function isScorePath(file: string): boolean {
  return file === SCORE_PATH || file.startsWith(`${SCORE_PATH}#`);
}

// Only comments, blank lines and document markers: the preamble before the first "---", or a trailing "---".
function isBlankDocument(text: string): boolean {
  return text.split("\n").every((line) => /^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)\s*(#.*)?$/.test(line));
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, " ");
}
