import { yaml, yamlLanguage } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics, type Diagnostic as EditorDiagnostic } from "@codemirror/lint";
import { EditorView, hoverTooltip } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { stateExtensions } from "codemirror-json-schema";
import { yamlCompletion, yamlSchemaHover } from "codemirror-json-schema/yaml";
import type { Diagnostic } from "scorec";

/** A YAML editor with completion and hover documentation from a JSON schema. */
export interface YamlEditor {
  view: EditorView;
  text(): string;
  /** Replaces the whole text (an example, a restored link) without counting as the user's edit. */
  setText(text: string): void;
  /** Shows the compiler's diagnostics for this file as underlines and gutter marks. */
  showDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** Puts the cursor at a 1-based line and column, scrolls it into view and focuses the editor. */
  goTo(line: number, col: number): void;
}

/**
 * Mounts CodeMirror 6 in `parent` (whose id is the test contract: `#score`, `#rules`). Completion and hover come
 * from codemirror-json-schema in its YAML mode, fed the published schema; its own schema linter is left out, since
 * the compiler's diagnostics (schema and everything beyond it) are shown instead, with the same messages as the CLI.
 */
export function createYamlEditor(
  parent: HTMLElement,
  options: { text: string; schema: object; label: string; onEdit: () => void },
): YamlEditor {
  let applying = false;
  const view = new EditorView({
    parent,
    doc: options.text,
    extensions: [
      basicSetup,
      yaml(),
      yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
      hoverTooltip(yamlSchemaHover()),
      stateExtensions(options.schema as Parameters<typeof stateExtensions>[0]),
      lintGutter(),
      EditorView.lineWrapping, // the examples' comments are long; a half-width pane should not scroll sideways
      EditorView.contentAttributes.of({ "aria-label": options.label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !applying) options.onEdit();
      }),
    ],
  });
  const positionOf = (line: number, col: number): number => {
    const doc = view.state.doc;
    const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return Math.min(l.from + Math.max(col - 1, 0), l.to);
  };
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      applying = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      } finally {
        applying = false;
      }
    },
    showDiagnostics(diagnostics) {
      const marks: EditorDiagnostic[] = diagnostics.map((d) => {
        const from = d.range ? positionOf(d.range.start.line, d.range.start.col) : 0;
        const to = d.range ? Math.max(from, positionOf(d.range.end.line, d.range.end.col)) : 0;
        return {
          from,
          to,
          severity: d.severity,
          source: d.code,
          message: d.hint ? `${d.message}\n${d.hint}` : d.message,
        };
      });
      view.dispatch(setDiagnostics(view.state, marks));
    },
    goTo(line, col) {
      const at = positionOf(line, col);
      view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
      view.focus();
    },
  };
}
