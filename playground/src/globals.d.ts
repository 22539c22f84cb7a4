// What the Graph script (graph-entry.ts) leaves for the main script (graph-view.ts).
interface Window {
  scorecRenderMermaid?: (id: string, text: string) => Promise<string>;
}
