import "./style.css";
import rulesSchema from "../../spec/rules-v1alpha1.schema.json";
import scoreSchema from "../../spec/score-v1b1.json";
import { createYamlEditor, type YamlEditor } from "./editors.js";
import { DEFAULT_EXAMPLE, EXAMPLES } from "./examples.js";
import { showGraph } from "./graph-view.js";
import { renderDiagnostics } from "./diagnostics-view.js";
import { RULES_PATH, runCompile, TARGETS, type CompileView, type PlaygroundState } from "./run-compile.js";
import { isScorePath } from "./score-documents.js";
import { decodeState, encodeState } from "./url-state.js";

/** Wait after the last keystroke before compiling: short enough to feel live, long enough to skip mid-word states. */
const DEBOUNCE_MS = 40;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function start(): Promise<void> {
  const initial = (await decodeState(location.hash)) ?? DEFAULT_EXAMPLE.state;
  const page = {
    example: byId<HTMLSelectElement>("example"),
    env: byId<HTMLSelectElement>("env"),
    target: byId<HTMLSelectElement>("target"),
    mask: byId<HTMLInputElement>("mask"),
    copyLink: byId<HTMLButtonElement>("copy-link"),
    status: byId("status"),
    output: byId("output"),
    explain: byId("explain"),
    graph: byId("graph"),
    diagnostics: byId<HTMLUListElement>("diagnostics"),
    diagnosticsNone: byId("diagnostics-none"),
    diagnosticsCount: byId("diagnostics-count"),
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(recompile, DEBOUNCE_MS);
  };
  const score = createYamlEditor(byId("score"), {
    text: initial.score,
    schema: scoreSchema,
    label: "score.yaml",
    onEdit: schedule,
  });
  const rules = createYamlEditor(byId("rules"), {
    text: initial.rules,
    schema: rulesSchema,
    label: "rules.yaml",
    onEdit: schedule,
  });

  for (const ex of EXAMPLES) page.example.append(new Option(ex.title, ex.id));
  page.example.append(new Option("(your own)", ""));
  const markExample = () => {
    const current = state();
    const match = EXAMPLES.find((ex) => ex.state.score === current.score && ex.state.rules === current.rules);
    page.example.value = match?.id ?? "";
  };
  setEnvironments(page.env, ["local"], initial.env);
  page.target.value = initial.target;

  function state(): PlaygroundState {
    return {
      score: score.text(),
      rules: rules.text(),
      env: page.env.value,
      target: page.target.value as PlaygroundState["target"],
    };
  }

  function apply(next: PlaygroundState): void {
    score.setText(next.score);
    rules.setText(next.rules);
    setEnvironments(
      page.env,
      [...page.env.options].map((o) => o.value),
      next.env,
    );
    page.target.value = TARGETS.includes(next.target) ? next.target : "compose";
    recompile();
  }

  let lastFragment = "";
  let urlWrites = 0;
  async function writeUrl(current: PlaygroundState): Promise<void> {
    const n = ++urlWrites;
    const fragment = await encodeState(current);
    if (n !== urlWrites || fragment === lastFragment) return;
    lastFragment = fragment;
    // replaceState: one history entry per page, not one per keystroke. Some browsers refuse it on file:// pages;
    // location.replace keeps the same behaviour there.
    try {
      history.replaceState(null, "", `#${fragment}`);
    } catch {
      location.replace(`#${fragment}`);
    }
  }

  function recompile(): void {
    clearTimeout(timer);
    const started = performance.now();
    const current = state();
    let view: CompileView;
    try {
      view = runCompile(current, { mask: page.mask.checked });
    } catch (e) {
      // The library reports bad input as diagnostics; a throw is a bug in it, shown rather than freezing the page.
      page.output.classList.add("stale");
      page.status.textContent = `internal error: ${e instanceof Error ? e.message : String(e)} (please report it with this page's link)`;
      void writeUrl(current);
      return;
    }
    show(view, current);
    const ms = performance.now() - started;
    // The browser test reads these entries: the time from the start of a recompile to the panes updated.
    performance.measure("recompile", { start: started, duration: ms });
    page.status.textContent =
      `compiled in ${ms.toFixed(0)} ms` +
      (view.secretCount
        ? ` · ${view.secretCount} secret value${view.secretCount > 1 ? "s" : ""} ${page.mask.checked ? "masked" : "shown"}`
        : "");
    markExample();
    void writeUrl(current);
    latestGraph = view.mermaid;
    refreshGraph();
  }

  // Mermaid takes tens of milliseconds per drawing: only the visible Graph tab is redrawn, on each compile.
  let latestGraph: string | undefined;
  function refreshGraph(): void {
    if (!page.graph.hidden) void showGraph(page.graph, latestGraph);
  }

  function show(view: CompileView, current: PlaygroundState): void {
    if (view.output !== undefined) page.output.textContent = view.output;
    page.output.classList.toggle("stale", view.output === undefined);
    page.output.title = view.output === undefined ? "Out of date: this compile has errors (see Diagnostics)" : "";
    page.explain.textContent = view.explain ?? "No explain report: the inputs do not load (see Diagnostics).";
    if (view.environments) setEnvironments(page.env, view.environments, current.env);
    renderDiagnostics(page.diagnostics, view.diagnostics, (d) => {
      const editor: YamlEditor | undefined =
        d.file === RULES_PATH ? rules : d.file !== undefined && isScorePath(d.file) ? score : undefined;
      if (editor && d.range) editor.goTo(d.range.start.line, d.range.start.col);
    });
    page.diagnosticsNone.hidden = view.diagnostics.length > 0;
    const errors = view.diagnostics.filter((d) => d.severity === "error").length;
    page.diagnosticsCount.textContent = view.diagnostics.length
      ? `(${errors} error${errors === 1 ? "" : "s"}, ${view.diagnostics.length - errors} other)`
      : "";
    score.showDiagnostics(view.diagnostics.filter((d) => d.file !== undefined && isScorePath(d.file)));
    rules.showDiagnostics(view.diagnostics.filter((d) => d.file === RULES_PATH));
  }

  page.env.addEventListener("change", recompile);
  page.target.addEventListener("change", recompile);
  page.mask.addEventListener("change", recompile);
  page.example.addEventListener("change", () => {
    const ex = EXAMPLES.find((e) => e.id === page.example.value);
    if (ex) apply(ex.state);
  });
  page.copyLink.addEventListener("click", () => {
    void (async () => {
      await writeUrl(state());
      try {
        await navigator.clipboard.writeText(location.href);
        page.status.textContent = "link copied";
      } catch {
        page.status.textContent = "copy the address bar: it holds the whole state";
      }
    })();
  });
  window.addEventListener("hashchange", () => {
    if (location.hash.slice(1) === lastFragment) return;
    void decodeState(location.hash).then((next) => {
      if (next) apply(next);
    });
  });
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
    tab.addEventListener("click", () => {
      for (const other of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
        other.setAttribute("aria-selected", String(other === tab));
        byId(other.getAttribute("aria-controls")!).hidden = other !== tab;
      }
      refreshGraph();
    });
  }
  recompile();
  document.body.dataset.ready = "true";
}

/** Fills the environment selector: the table's environments, and the selected one even when the table lost it. */
function setEnvironments(select: HTMLSelectElement, environments: readonly string[], selected: string): void {
  const ids = [...new Set([...environments, "local"])].sort();
  const wanted = ids.includes(selected) ? ids : [...ids, selected];
  const have = [...select.options].map((o) => o.value);
  if (have.join("\n") !== wanted.join("\n")) {
    select.replaceChildren(...wanted.map((id) => new Option(ids.includes(id) ? id : `${id} (not declared)`, id)));
  }
  select.value = selected;
}

void start();
