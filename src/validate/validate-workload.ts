import type { Diagnostic, Location } from "../diagnostics/diagnostic.js";
import type { SourceDocument, StringSpan } from "../load/yaml-document.js";
import type { DataPath } from "../shared/json-pointer.js";
import type { Workload } from "../score/types.js";
import { checkScoreSchema } from "./schema.js";
import { schemaDiagnostics } from "./schema-errors.js";
import { checkWorkloadSemantics } from "./semantic.js";
import { upgradeWorkload } from "./upgrade.js";

/** A workload that passed validation, with the means to point at any of its values in the source file. */
export interface ValidatedWorkload {
  spec: Workload;
  /** A plain function (it captures its document), so it can be passed around on its own. */
  locate: (path: DataPath, mode?: "key" | "value", span?: StringSpan) => Location;
}

/** The outcome of validating one workload document. */
export interface WorkloadValidation {
  workload?: ValidatedWorkload;
  diagnostics: Diagnostic[];
}

/**
 * Validates one Score document: the array→map upgrade, the pinned v1b1 schema, then the semantic checks.
 * `value` is the document's data after overrides (defaults to the parsed data). Locations always refer to the
 * original source, even for upgraded array entries.
 */
export function validateWorkload(doc: SourceDocument, value: unknown = doc.value): WorkloadValidation {
  const upgraded = upgradeWorkload(doc, value);
  const locate = (path: DataPath, mode: "key" | "value" = "value", span?: StringSpan): Location =>
    doc.locate(upgraded.sourcePath(path), mode, span);
  const diagnostics: Diagnostic[] = [...upgraded.diagnostics];
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  const schemaErrors = checkScoreSchema(upgraded.value);
  if (schemaErrors.length > 0) {
    diagnostics.push(...schemaDiagnostics(schemaErrors, locate, "workload"));
    return { diagnostics };
  }
  const spec = upgraded.value as Workload;
  diagnostics.push(...checkWorkloadSemantics(spec, locate));
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  return { workload: { spec, locate }, diagnostics };
}
