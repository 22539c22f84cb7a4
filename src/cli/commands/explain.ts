import { explain } from "../../api/explain.js";
import { sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { explainJson, explainText } from "../../resolve/explain-text.js";
import type { CommandContext } from "../main.js";
import { scoreFiles, stringList, type ResolveArgs } from "../options.js";
import { readOverrides, readSources, sourceTexts } from "../read-inputs.js";
import { formatOf, printJson, reportDiagnostics } from "../report.js";
import { defaultAppId, fileReader } from "../../node/inputs.js";

/** Runs `scorec explain`: prints the report (text or JSON); exit 1 when a resource is ambiguous or unmatched. */
export function explainCommand(args: ResolveArgs & { seed?: string | undefined }, { io }: CommandContext): number {
  const files = scoreFiles(args);
  const read = readSources(io, files);
  const rules = readSources(io, stringList(args.rules));
  const overrides = readOverrides(args, io);
  const early = [...read.diagnostics, ...rules.diagnostics, ...overrides.diagnostics];
  const result = early.some((d) => d.severity === "error")
    ? { diagnostics: [] }
    : explain({
        sources: read.sources,
        rules: rules.sources,
        noDefaultRules: args.defaultRules === false,
        environment: args.env,
        target: args.target,
        app: typeof args.app === "string" ? args.app : defaultAppId(io.cwd, files),
        readFile: fileReader(io),
        ...(typeof args.seed === "string"
          ? { seed: args.seed }
          : io.env.SCOREC_SEED !== undefined
            ? { seed: io.env.SCOREC_SEED }
            : {}),
        ...(overrides.value ? { overrides: overrides.value } : {}),
      });
  const diagnostics = sortDiagnostics([...early, ...result.diagnostics]);
  const report = "report" in result ? result.report : undefined;
  const code = reportDiagnostics(io, args, diagnostics, sourceTexts(read.sources, rules.sources));
  if (formatOf(args) === "json") return printJson(io, "explain", code, report ? explainJson(report) : {}, diagnostics);
  if (report) io.stdout(explainText(report));
  return code;
}
