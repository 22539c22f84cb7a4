import type { Diagnostic } from "scorec";

/**
 * One `li` per diagnostic (the browser tests' contract): severity, where, message, code and hint. Clicking one (or
 * Enter on it) calls `onPick`, which moves the matching editor's cursor there.
 */
export function renderDiagnostics(
  list: HTMLUListElement,
  diagnostics: readonly Diagnostic[],
  onPick: (d: Diagnostic) => void,
): void {
  list.replaceChildren(
    ...diagnostics.map((d) => {
      const li = document.createElement("li");
      li.className = d.range ? d.severity : `${d.severity} nowhere`;
      li.tabIndex = 0;
      if (d.file) li.dataset.file = d.file;
      if (d.range) li.dataset.line = String(d.range.start.line);
      li.append(span("severity", d.severity), span("where", where(d)), span("message", d.message));
      li.append(span("code", d.code), span("hint", d.hint ?? ""));
      li.addEventListener("click", () => onPick(d));
      li.addEventListener("keydown", (e) => {
        if (e.key === "Enter") onPick(d);
      });
      return li;
    }),
  );
}

// Documents of a several-workload Score editor are "score.yaml#2" for the compiler; their lines are the editor's.
function where(d: Diagnostic): string {
  const file = (d.file ?? "").replace(/#\d+$/, "");
  return d.range ? `${file}:${d.range.start.line}:${d.range.start.col}` : file;
}

function span(className: string, text: string): HTMLSpanElement {
  const s = document.createElement("span");
  s.className = className;
  s.textContent = text;
  return s;
}
