import { describePoint, pointToJson } from "../rules/match.js";
import type { ExplainedResource, ExplainReport } from "./explain.js";

const MARK: Record<string, string> = {
  winner: "→",
  "no-match": "✗",
  "less-specific": "✗",
  ambiguous: "!",
  "not-consulted": "·",
};

/**
 * Renders an explain report as text: one block per resource, one line per rule of its type.
 *
 * @example
 * ```ts
 * const { report } = explain({ sources, rules, environment: "prod", target: "kubernetes" });
 * if (report) console.log(explainText(report));
 * ```
 */
export function explainText(report: ExplainReport): string {
  const env = report.environment;
  const labels = Object.entries(env.labels).map(([k, v]) => `${k}=${v}`);
  let out = `environment ${env.id} (type ${env.type}${labels.length ? `, labels ${labels.join(" ")}` : ""}), target ${report.target}, app ${report.app}\n`;
  if (report.resources.length === 0) out += "\nno resources\n";
  for (const r of report.resources) out += "\n" + resourceBlock(r);
  for (const w of report.workloads ?? []) {
    out += `\nworkload ${w.name}: policies and patches\n`;
    for (const e of w.entries)
      out += `    ${e.applies ? "→" : "✗"} ${e.kind} "${e.id}"  ${e.applies ? "applies" : e.reason}  [${e.location}]\n`;
  }
  return out;
}

function resourceBlock(r: ExplainedResource): string {
  const origin = r.declaredBy.length
    ? r.declaredBy.map((d) => `${d.workload}.${d.name}`).join(", ")
    : r.requiredBy
      ? `required as "${r.requiredBy.alias}" by ${r.requiredBy.uid} (rule "${r.requiredBy.rule}")`
      : "";
  const outcome =
    r.outcome === "resolved" ? `rule "${r.winner}"` : r.outcome === "ambiguous" ? "AMBIGUOUS" : "NO MATCHING RULE";
  let out = `${r.uid}  ←  ${origin}\n  ${outcome}   at ${describePoint(r.point)}\n`;
  const width = Math.max(0, ...r.rules.map((x) => x.id.length + (x.builtin ? 10 : 0)));
  for (const rule of r.rules) {
    const name = (rule.builtin ? `${rule.id} (builtin)` : rule.id).padEnd(width);
    out += `    ${MARK[rule.verdict]} ${name}  ${rule.reason}  [${rule.location}]\n`;
  }
  if (r.rules.length === 0) out += `    (no rule has type ${r.type})\n`;
  for (const [alias, uid] of Object.entries(r.requires)) out += `    requires ${alias} → ${uid}\n`;
  for (const secret of r.secrets ?? []) {
    const what =
      secret.kind === "reference"
        ? `reference to an existing Secret: ${secret.references!.join(", ")}`
        : secret.kind === "derived"
          ? "derived from the seed"
          : "a secret value";
    out += `    secret ${secret.key}: ${what}\n`;
  }
  return out;
}

/**
 * The JSON form of an explain report (what `scorec explain --format json` prints, without diagnostics).
 *
 * @example
 * ```ts
 * const { report } = explain({ sources, rules, environment: "prod" });
 * if (report) console.log(JSON.stringify(explainJson(report), null, 2));
 * ```
 */
export function explainJson(report: ExplainReport): Record<string, unknown> {
  return {
    environment: report.environment,
    app: report.app,
    target: report.target,
    resources: report.resources.map((r) => ({ ...r, point: pointToJson(r.point) })),
    ...(report.workloads ? { workloads: report.workloads } : {}),
  };
}
