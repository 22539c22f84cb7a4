/** One line of the results table: a figure, its baseline, their ratio and the goal it is held to. */
export interface Row {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  /** undefined for figures that are reported without a goal. */
  pass?: boolean;
}

/** A goal on a number: its text for the table and the check. */
export interface Goal {
  text: string;
  check: (x: number) => boolean;
}

/** Goal: the number is at most `limit` (printed with `unit`). */
export function atMost(limit: number, unit = "×"): Goal {
  return { text: `≤ ${limit}${unit === "×" ? "×" : ` ${unit}`}`, check: (x) => x <= limit };
}

/** Goal: the number is at least `limit`. */
export function atLeast(limit: number, unit = "×"): Goal {
  return { text: `≥ ${limit}${unit === "×" ? "×" : ` ${unit}`}`, check: (x) => x >= limit };
}

/** Formats a ratio as `1.23×`. */
export function formatRatio(r: number): string {
  return `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`;
}

/** Renders rows as a Markdown table (so one run can be pasted into the docs as is). */
export function renderTable(rows: readonly Row[]): string {
  const header = ["Figure", "Value", "Baseline", "Ratio", "Goal", ""];
  const cells = rows.map((r) => [
    r.figure,
    r.value,
    r.baseline,
    r.ratio,
    r.goal,
    r.pass === undefined ? "" : r.pass ? "✓ pass" : "✗ FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}
