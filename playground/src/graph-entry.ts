import mermaid from "mermaid";

// The second script of the playground: Mermaid is about 5 MB of JavaScript, so it is loaded on first use of the
// Graph tab (graph-view.ts) instead of delaying the editors. A classic script, as the main one, for file:// pages.
mermaid.initialize({
  startOnLoad: false,
  securityLevel: "strict",
  theme: "default",
  flowchart: { htmlLabels: true, useMaxWidth: true },
});

window.scorecRenderMermaid = async (id: string, text: string) => (await mermaid.render(id, text)).svg;
