type Renderer = (id: string, text: string) => Promise<string>;

// Where the main script was loaded from, so the Graph script is found next to it whatever page includes it.
const GRAPH_SCRIPT = new URL(
  "playground-graph.js",
  (document.currentScript as HTMLScriptElement | null)?.src ?? location.href,
).href;

let loading: Promise<Renderer> | undefined;
let renders = 0;

function loadRenderer(): Promise<Renderer> {
  loading ??= new Promise<Renderer>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = GRAPH_SCRIPT;
    script.onload = () =>
      window.scorecRenderMermaid
        ? resolve(window.scorecRenderMermaid)
        : reject(new Error("the graph script loaded without its renderer"));
    script.onerror = () => reject(new Error(`could not load ${GRAPH_SCRIPT}`));
    document.head.append(script);
  });
  return loading;
}

/**
 * Renders Mermaid text (from the library's renderGraph) as SVG into `target`. Renders finish out of order when
 * edits come fast; only the latest one is shown. A graph Mermaid cannot draw shows its text and the reason.
 */
export async function showGraph(target: HTMLElement, text: string | undefined): Promise<void> {
  const n = ++renders;
  if (text === undefined) {
    target.replaceChildren(note("No graph: the app does not resolve (see Diagnostics)."));
    return;
  }
  if (!target.querySelector("svg")) target.replaceChildren(note("Drawing the graph…"));
  try {
    const svg = await (await loadRenderer())(`graph-svg-${n}`, text);
    if (n !== renders) return;
    target.innerHTML = svg; // Mermaid's output, sanitized by its "strict" security level
  } catch (e) {
    if (n !== renders) return;
    const pre = document.createElement("pre");
    pre.textContent = text;
    target.replaceChildren(
      note(`Mermaid could not draw this graph: ${e instanceof Error ? e.message : String(e)}`),
      pre,
    );
  }
}

function note(text: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "note";
  p.textContent = text;
  return p;
}
