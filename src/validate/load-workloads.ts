import { error, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import { parseYamlFile } from "../load/parse-yaml.js";
import type { LoadLimits, SourceFile } from "../load/source.js";
import type { SourceDocument, StringSpan } from "../load/yaml-document.js";
import { fromPointer, type DataPath } from "../shared/json-pointer.js";
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
  /**
   * The overrides file the transform merges: a problem at a path that only this file has (a typo in it) is located
   * there instead of at the start of the Score file.
   */
  overridesFile?: SourceFile;
}

/**
 * Parses and validates Score files. Files are processed in path order so that output never depends on argument
 * order; two files declaring the same workload name are an error.
 */
export function loadWorkloads(
  sources: readonly SourceFile[],
  options: LoadWorkloadsOptions = {},
): { workloads: LoadedWorkload[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const workloads: LoadedWorkload[] = [];
  const byName = new Map<string, LoadedWorkload>();
  const overridesDocument = options.overridesFile ? parseYamlFile(options.overridesFile).document : undefined;
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
    diagnostics.push(
      ...(overridesDocument
        ? checked.diagnostics.map((d) => locateInOverrides(d, parsed.document!.value, overridesDocument))
        : checked.diagnostics),
    );
    if (!checked.workload) continue;
    const { spec, locate } = checked.workload;
    const name = spec.metadata.name;
    const previous = byName.get(name);
    if (previous) {
      diagnostics.push(
        error(
          "SCORE_DUPLICATE_WORKLOAD",
          `workload name "${name}" is already used by ${previous.file}`,
          locate(["metadata", "name"]),
          "each Score file must have its own metadata.name",
        ),
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

/** A diagnostic whose path the Score file lacks and the overrides file has is moved to the overrides file. */
function locateInOverrides(d: Diagnostic, original: unknown, overrides: SourceDocument): Diagnostic {
  if (d.pointer === undefined) return d;
  const path = fromPointer(d.pointer);
  if (path.length === 0 || has(original, path) || !has(overrides.value, path)) return d;
  const at = overrides.locate(path, d.code === "SCHEMA_ADDITIONAL_PROPERTY" ? "key" : "value");
  const { file: _file, range: _range, ...rest } = d;
  return { ...rest, ...(at.file !== undefined ? { file: at.file } : {}), ...(at.range ? { range: at.range } : {}) };
}

function has(value: unknown, path: readonly string[]): boolean {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}
