import { error, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import { parseYamlFile } from "../load/parse-yaml.js";
import type { LoadLimits, SourceFile } from "../load/source.js";
import type { StringSpan } from "../load/yaml-document.js";
import type { DataPath } from "../shared/json-pointer.js";
import type { Workload } from "../score/types.js";
import { validateWorkload } from "./validate-workload.js";

/** A validated workload and where it came from. */
export interface LoadedWorkload {
  name: string;
  file: string;
  spec: Workload;
  /** Location of a value (or its key) in the Score file; `span` narrows it to characters of a string value. */
  locate(path: DataPath, mode?: "key" | "value", span?: StringSpan): Location;
}

/** Options for {@link loadWorkloads}. */
export interface LoadWorkloadsOptions {
  limits?: Partial<LoadLimits>;
  /** Applied to each document's data before validation (overrides, --image). */
  transform?: (value: unknown, file: string) => { value: unknown; diagnostics: Diagnostic[] };
}

/**
 * Parses and validates Score files. Files are processed in path order so that output never depends on argument
 * order; two files declaring the same workload name are an error.
 */
export function loadWorkloads(sources: readonly SourceFile[], options: LoadWorkloadsOptions = {}): { workloads: LoadedWorkload[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const workloads: LoadedWorkload[] = [];
  const byName = new Map<string, LoadedWorkload>();
  const ordered = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const source of ordered) {
    const parsed = parseYamlFile(source, options.limits ? { limits: options.limits } : {});
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.document) continue;
    let value = parsed.document.value;
    if (options.transform) {
      const t = options.transform(value, source.path);
      diagnostics.push(...t.diagnostics);
      if (t.diagnostics.some((d) => d.severity === "error")) continue;
      value = t.value;
    }
    const checked = validateWorkload(parsed.document, value);
    diagnostics.push(...checked.diagnostics);
    if (!checked.workload) continue;
    const { spec, locate } = checked.workload;
    const name = spec.metadata.name;
    const previous = byName.get(name);
    if (previous) {
      diagnostics.push(
        error("SCORE_DUPLICATE_WORKLOAD", `workload name "${name}" is already used by ${previous.file}`, locate(["metadata", "name"]), "each Score file must have its own metadata.name"),
      );
      continue;
    }
    const loaded: LoadedWorkload = { name, file: source.path, spec, locate };
    byName.set(name, loaded);
    workloads.push(loaded);
  }
  workloads.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { workloads, diagnostics };
}
