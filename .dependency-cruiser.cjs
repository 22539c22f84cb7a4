/**
 * The import rules of scorec (docs/architecture.md draws them). Run: `npm run lint:boundaries`.
 *
 * The library is a one-way chain of stages. A module may import its own stage and the stages listed before it,
 * never a stage after it, and never a sibling in the same layer (siblings are independent of each other).
 */

/** Bottom to top. Each entry is one layer; the folders (or files) in a layer are siblings. */
const LAYERS = [
  // foundation: helpers and types every stage uses
  ["src/shared", "src/diagnostics", "src/score", "src/version.ts"],
  // bytes to YAML data; the ${...} placeholder grammar
  ["src/load", "src/placeholders"],
  // the resolved-app model: the contract between resolve and the targets
  ["src/model"],
  // Score files validated (and loaded as workloads); overrides and JSON patches applied to data
  ["src/validate", "src/overrides"],
  // rules tables: loading, matching, expressions, built-in defaults
  ["src/rules"],
  // resources matched to rules, outputs computed, placeholders substituted; explain
  ["src/resolve"],
  // helpers shared by the targets (YAML emitter, serialisation)
  ["src/targets/shared"],
  // the targets and the graph renderer: each turns a resolved app into output
  ["src/targets/compose", "src/targets/kubernetes", "src/targets/helm", "src/graph"],
  // the library's entry points: wire the stages together
  ["src/api"],
  // Node I/O that the adapters share: the file system behind an interface, the inputs' app id and file reader
  ["src/node"],
  // the language server: an adapter the command line starts (`scorec lsp --stdio`)
  ["src/lsp"],
  // what the world sees: the package entry and the command line
  ["src/index.ts", "src/cli"],
];

/** The adapters: the only modules that may do I/O (Node built-ins). */
const ADAPTERS = "^src/(cli|lsp|node)/";

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A path regex for one folder or file of a layer. */
const one = (p) => (p.endsWith(".ts") ? `^${escape(p)}$` : `^${escape(p)}/`);
const any = (paths) => paths.map(one).join("|");

const upward = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(i + 1).flat();
  if (above.length === 0) return [];
  return [
    {
      name: `no-upward-from-layer-${i}`,
      comment: `${layer.join(", ")} may not import a later stage (${above.join(", ")}): the chain runs one way.`,
      severity: "error",
      from: { path: any(layer) },
      to: { path: any(above) },
    },
  ];
});

// The helm target builds on the kubernetes target through the one module kubernetes exports for it.
const HELM_SEAM = "src/targets/kubernetes/seam.ts";

const siblings = LAYERS.flatMap((layer, i) =>
  layer.length < 2
    ? []
    : layer.map((member) => ({
        name: `no-sibling-import-${member.replace(/^src\//, "").replace(/[/.]/g, "-")}`,
        comment: `${member} may not import its siblings in layer ${i} (${layer.filter((m) => m !== member).join(", ")}).`,
        severity: "error",
        from: { path: one(member) },
        to: {
          path: any(layer.filter((m) => m !== member)),
          ...(member === "src/targets/helm" ? { pathNot: `^${escape(HELM_SEAM)}$` } : {}),
        },
      })),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No import cycles, inside a stage or across stages.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/cli/" },
      to: { circular: true },
    },
    {
      // Temporary: the CLI's commands import the ParsedArgs type from main.ts, which imports the commands; the cycle
      // exists only in types. The CLI rewrite (issue 15, item 6) removes it; then fold this rule into no-circular.
      name: "no-runtime-circular-in-cli",
      comment:
        "No import cycles in src/cli that survive compilation (type-only cycles are tolerated until the CLI rewrite).",
      severity: "error",
      from: { path: "^src/cli/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "no-node-builtins-outside-adapters",
      comment:
        "The library reads no disk, environment or clock: only the adapters (src/cli, src/lsp, src/node) may import Node built-ins (node:* or bare).",
      severity: "error",
      from: { path: "^src/", pathNot: ADAPTERS },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "no-unresolvable",
      comment: "Every import resolves (a typo in a path would otherwise hide an edge from the other rules).",
      severity: "error",
      from: { path: "^src/" },
      to: { couldNotResolve: true },
    },
    {
      name: "no-dev-dependencies-in-src",
      comment: "The published code imports only runtime dependencies.",
      severity: "error",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-dev"] },
    },
    ...upward,
    ...siblings,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "types", "default"],
    },
  },
};
