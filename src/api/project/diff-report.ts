import type { BuildDiff, DiffRule, OutputChange, ProjectDiff, RuleChange } from "./diff-project.js";

// GitHub refuses comments over 65,536 characters: each build's diff in a comment is cut well below that.
const MARKDOWN_DIFF_LIMIT = 20_000;

/**
 * A project diff for a terminal: per build its environment, target and output, then each resource whose rule
 * changed (`workload.resource: old → new`, with the rules' locations), each changed output (secret ones say only
 * "changed"), the changed workloads and files, and the unified diff of the artifacts (already masked).
 *
 * @example
 * ```ts
 * import { diffProjects, diffText } from "scorec";
 * process.stdout.write(diffText(diffProjects(base.builds, head.builds)));
 * ```
 */
export function diffText(d: ProjectDiff): string {
  let out = "";
  for (const b of d.builds) {
    out += `${title(b)}: ${b.status === "unchanged" ? "no change" : b.status === "changed" ? counts(b).join(", ") : `build ${b.status}`}\n`;
    if (b.status === "unchanged") continue;
    if (b.rules.length > 0)
      out += "  rules:\n" + b.rules.map((r) => `    ${resource(r)}: ${rule(r.old)} → ${rule(r.new)}\n`).join("");
    if (b.outputs.length > 0)
      out += "  outputs:\n" + b.outputs.map((o) => `    ${resource(o)} ${o.key}: ${outputChange(o)}\n`).join("");
    if (b.workloads.length > 0)
      out += "  workloads:\n" + b.workloads.map((w) => `    ${w.change} ${w.name}\n`).join("");
    if (b.files.length > 0) out += "  files:\n" + b.files.map((f) => `    ${f.change} ${f.path}\n`).join("");
    out += b.diff;
  }
  const changed = d.builds.filter((b) => b.status !== "unchanged").length;
  return out + (changed === 0 ? "no build changes\n" : `${changed} of ${d.builds.length} builds change\n`);
}

/**
 * A project diff as a pull-request comment: a summary table with one row per build, then a collapsible
 * `<details>` section per changed build with its rules, outputs, workloads, files and the unified diff.
 *
 * @example
 * ```ts
 * import { diffMarkdown, diffProjects } from "scorec";
 * const comment = diffMarkdown(diffProjects(base.builds, head.builds));
 * ```
 */
export function diffMarkdown(d: ProjectDiff): string {
  const changed = d.builds.filter((b) => b.status !== "unchanged");
  let out = `### scorec diff: ${changed.length === 0 ? "no build changes" : `${changed.length} of ${d.builds.length} builds change`}\n\n`;
  out +=
    "| build | output | status | rules | outputs | workloads | files |\n| --- | --- | --- | ---: | ---: | ---: | ---: |\n";
  for (const b of d.builds)
    out += `| ${cell(`${b.env} · ${b.target}`)} | ${code(b.output)} | ${b.status} | ${b.rules.length} | ${b.outputs.length} | ${b.workloads.length} | ${b.files.length} |\n`;
  for (const b of changed) {
    out += `\n<details><summary><b>${html(`${b.env} · ${b.target}`)}</b> → <code>${html(b.output)}</code>: ${html(b.status === "changed" ? counts(b).join(", ") : `build ${b.status}`)}</summary>\n\n`;
    if (b.rules.length > 0) {
      out += "| resource | old rule | new rule |\n| --- | --- | --- |\n";
      for (const r of b.rules) out += `| ${code(resource(r))} | ${mdRule(r.old)} | ${mdRule(r.new)} |\n`;
      out += "\n";
    }
    if (b.outputs.length > 0) {
      out += "| resource | output | old | new |\n| --- | --- | --- | --- |\n";
      for (const o of b.outputs)
        out += `| ${code(resource(o))} | ${code(o.key)} | ${o.secret ? "secret" : o.old === undefined ? "" : code(o.old)} | ${o.secret ? `${o.change} (secret)` : o.new === undefined ? o.change : code(o.new)} |\n`;
      out += "\n";
    }
    if (b.workloads.length > 0)
      out += `Workloads: ${b.workloads.map((w) => `${code(w.name)} (${w.change})`).join(", ")}\n\n`;
    if (b.files.length > 0) out += `Files: ${b.files.map((f) => `${code(f.path)} (${f.change})`).join(", ")}\n\n`;
    if (b.diff) {
      const cut = b.diff.length > MARKDOWN_DIFF_LIMIT;
      const text = cut ? b.diff.slice(0, b.diff.lastIndexOf("\n", MARKDOWN_DIFF_LIMIT) + 1) : b.diff;
      const fence = "`".repeat(Math.max(3, longestRun(text) + 1));
      out += `${fence}diff\n${text}${fence}\n\n`;
      if (cut)
        out += `The diff is cut at ${MARKDOWN_DIFF_LIMIT.toLocaleString("en-US")} characters; \`scorec diff --base\` prints all of it.\n\n`;
    }
    out += "</details>\n";
  }
  return out;
}

function title(b: BuildDiff): string {
  return `${b.env} · ${b.target} → ${b.output}`;
}

function counts(b: BuildDiff): string[] {
  const n = (count: number, one: string, many: string) => (count === 0 ? [] : [`${count} ${count === 1 ? one : many}`]);
  return [
    ...n(b.rules.length, "rule change", "rule changes"),
    ...n(b.outputs.length, "output", "outputs"),
    ...n(b.workloads.length, "workload", "workloads"),
    ...n(b.files.length, "file", "files"),
  ];
}

// `workload.resource`; a resource many workloads share is named by its first declarations and a count.
function resource(r: RuleChange | OutputChange): string {
  if (r.names.length === 0) return r.uid;
  return r.names.length <= 3 ? r.names.join(", ") : `${r.names.slice(0, 3).join(", ")} and ${r.names.length - 3} more`;
}

function rule(r: DiffRule | undefined): string {
  return r ? `${r.builtin ? "default rule " : ""}${r.id} (${r.location})` : "(none)";
}

function mdRule(r: DiffRule | undefined): string {
  return r ? `${r.builtin ? "default rule " : ""}${code(r.id)} <sub>${html(r.location)}</sub>` : "(none)";
}

function outputChange(o: OutputChange): string {
  if (o.secret) return `${o.change} (secret)`;
  return o.change === "changed"
    ? `${o.old} → ${o.new}`
    : o.change === "added"
      ? `added ${o.new}`
      : `removed (was ${o.old})`;
}

function cell(text: string): string {
  return html(text).replaceAll("|", "\\|");
}

// Inline code that survives backticks and table pipes in the value.
function code(text: string): string {
  const ticks = "`".repeat(longestRun(text) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${pad}${text.replaceAll("|", "\\|")}${pad}${ticks}`;
}

function html(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function longestRun(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/`+/g)) best = Math.max(best, m[0].length);
  return best;
}
