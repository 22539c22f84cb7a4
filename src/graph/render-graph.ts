import type { ResolvedApp } from "../model/resolved.js";

/** The diagram languages {@link renderGraph} writes. */
export type GraphSyntax = "mermaid" | "dot";

interface GraphNode {
  id: string;
  label: string;
  kind: "workload" | "resource";
}

interface GraphEdge {
  from: string;
  to: string;
  label: string;
  /** A workload reaching another workload through a resource (drawn dashed). */
  calls?: boolean;
}

/**
 * Draws the resolved application: workloads → the resources they use (labelled with the resource name) → the rule
 * that won → the resources they depend on; resources with secret outputs are marked. A resource that names another
 * workload of the app (a `service-port`'s `workload` param, or any param or output whose value is that workload's
 * name) also draws a dashed workload → workload edge. Deterministic text in Mermaid (`flowchart LR`) or Graphviz DOT.
 *
 * @example
 * ```ts
 * const { app } = compile({ sources, seed });
 * if (app) writeFileSync("graph.mmd", renderGraph(app, "mermaid"));
 * ```
 */
export function renderGraph(app: ResolvedApp, syntax: GraphSyntax): string {
  const { nodes, edges } = buildGraph(app);
  const title = `${app.appId} · ${app.environment.id} (${app.environment.type}) · ${app.target}`;
  return syntax === "dot" ? toDot(title, nodes, edges) : toMermaid(title, nodes, edges);
}

function buildGraph(app: ResolvedApp): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const ids = new Map<string, string>();
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (!id) ids.set(key, (id = `n${ids.size}`));
    return id;
  };
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const w of app.workloads) {
    nodes.push({ id: idOf(`w:${w.name}`), label: `workload ${w.name}`, kind: "workload" });
    for (const [name, uid] of Object.entries(w.resourceUids).sort(([a], [b]) => (a < b ? -1 : 1)))
      edges.push({ from: idOf(`w:${w.name}`), to: idOf(`r:${uid}`), label: name });
  }
  for (const r of app.resources) {
    const secrets = Object.keys(r.secrets).sort();
    const lock = secrets.length ? `\n🔒 ${secrets.join(", ")}` : "";
    const rule = `${r.rule.builtin ? "default rule" : "rule"} ${r.rule.id}`;
    nodes.push({ id: idOf(`r:${r.uid}`), label: `${r.uid}\n${rule}${lock}`, kind: "resource" });
    for (const dep of r.dependsOn) edges.push({ from: idOf(`r:${r.uid}`), to: idOf(`r:${dep}`), label: "needs" });
  }
  const workloadNames = new Set(app.workloads.map((w) => w.name));
  const byUid = new Map(app.resources.map((r) => [r.uid, r]));
  for (const w of app.workloads) {
    for (const [name, uid] of Object.entries(w.resourceUids).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const r = byUid.get(uid);
      if (!r) continue;
      for (const other of namedWorkloads(r, workloadNames))
        if (other !== w.name)
          edges.push({ from: idOf(`w:${w.name}`), to: idOf(`w:${other}`), label: `${name} · ${r.type}`, calls: true });
    }
  }
  return { nodes, edges };
}

/** The workloads a resource names: top-level params and plain outputs whose text is a workload's name (sorted). */
function namedWorkloads(r: ResolvedApp["resources"][number], workloads: ReadonlySet<string>): string[] {
  const values = [...Object.values(r.params), ...Object.values(r.outputs)];
  return [...new Set(values.filter((v): v is string => typeof v === "string" && workloads.has(v)))].sort();
}

function toMermaid(title: string, nodes: readonly GraphNode[], edges: readonly GraphEdge[]): string {
  const esc = (s: string) => s.replace(/"/g, "#quot;").replace(/\n/g, "<br/>");
  const lines = ["---", `title: ${JSON.stringify(title)}`, "---", "flowchart LR"];
  for (const n of nodes)
    lines.push(n.kind === "workload" ? `  ${n.id}["${esc(n.label)}"]` : `  ${n.id}(["${esc(n.label)}"])`);
  for (const e of edges) lines.push(`  ${e.from} ${e.calls ? "-.->" : "-->"}|${esc(e.label)}| ${e.to}`);
  lines.push("  classDef workload fill:#e8f0fe,stroke:#3367d6", "  classDef resource fill:#fef7e0,stroke:#e37400");
  const byKind = (k: GraphNode["kind"]) => nodes.filter((n) => n.kind === k).map((n) => n.id);
  if (byKind("workload").length) lines.push(`  class ${byKind("workload").join(",")} workload`);
  if (byKind("resource").length) lines.push(`  class ${byKind("resource").join(",")} resource`);
  return lines.join("\n") + "\n";
}

function toDot(title: string, nodes: readonly GraphNode[], edges: readonly GraphEdge[]): string {
  const q = (s: string) => JSON.stringify(s); // DOT strings use the same \" and \n escapes
  const lines = [
    "digraph scorec {",
    `  label=${q(title)};`,
    "  labelloc=t;",
    "  rankdir=LR;",
    '  node [fontname="Helvetica", fontsize=10];',
  ];
  for (const n of nodes) {
    const style =
      n.kind === "workload"
        ? 'shape=box, style=filled, fillcolor="#e8f0fe"'
        : 'shape=box, style="rounded,filled", fillcolor="#fef7e0"';
    lines.push(`  ${n.id} [label=${q(n.label)}, ${style}];`);
  }
  for (const e of edges) lines.push(`  ${e.from} -> ${e.to} [label=${q(e.label)}${e.calls ? ", style=dashed" : ""}];`);
  lines.push("}");
  return lines.join("\n") + "\n";
}
