import { checkRules, type CheckRulesSummary } from "../../api/check-rules.js";
import { sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { ExitCode } from "../../node/io.js";
import type { CommandContext } from "../main.js";
import { stringList, type ArgsOf, type GlobalArgs, type rulesCheckBuilder } from "../options.js";
import { readSources, sourceTexts } from "../read-inputs.js";
import { formatOf, printJson, reportDiagnostics } from "../report.js";

type RulesCheckArgs = GlobalArgs & ArgsOf<typeof rulesCheckBuilder<object>>;

/**
 * Runs `scorec rules check`: exit 0 when the table is sound (warnings allowed), 1 on any error. Text: a sound table
 * gets one line on stdout; otherwise the summary comes first on stderr, then one diagnostic per rule. JSON: the
 * summary, every conflicting pair (`conflicts`) and the diagnostics in one document.
 */
export function rulesCheckCommand(args: RulesCheckArgs, { io }: CommandContext): number {
  const read = readSources(io, stringList(args.files));
  const result = read.diagnostics.some((d) => d.severity === "error")
    ? { diagnostics: [] }
    : checkRules(read.sources, { noDefaultRules: args.defaultRules === false });
  const diagnostics = sortDiagnostics([...read.diagnostics, ...result.diagnostics]);
  const summary = "summary" in result ? result.summary : undefined;
  const format = formatOf(args);
  if (format === "json") {
    const code = diagnostics.some((d) => d.severity === "error") ? ExitCode.INVALID : ExitCode.OK;
    return printJson(
      io,
      "rules check",
      code,
      summary ? { summary, conflicts: "conflicts" in result ? result.conflicts : [] } : {},
      diagnostics,
    );
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  if (summary && format === "text") {
    const line = summaryLine(summary, errors);
    if (errors === 0) io.stdout(line);
    else io.stderr(line);
  }
  return reportDiagnostics(io, args, diagnostics, sourceTexts(read.sources));
}

function summaryLine(s: CheckRulesSummary, errors: number): string {
  const head = `checked ${s.rules} rule(s) over ${s.environments} environment(s) × 3 targets (${s.points} points)${s.precedence ? ` with precedence [${s.precedence.join(", ")}]` : ""}`;
  if (errors === 0) return `${head}: no problems\n`;
  const byType = Object.entries(s.conflicts);
  const conflicts = byType.reduce((n, [, c]) => n + c, 0);
  const parts = [
    `${conflicts} conflicting pair(s)${byType.length ? ` (${byType.map(([t, n]) => `${t} ${n}`).join(", ")})` : ""}`,
    `${s.unreachable} unreachable rule(s)`,
    `${s.missingOutputs} missing output(s)`,
  ];
  return `${head}: ${errors} error(s)\n  ${parts.join(", ")}\n`;
}
