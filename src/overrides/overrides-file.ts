import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseYamlFile } from "../load/parse-yaml.js";
import type { SourceFile } from "../load/source.js";
import { fileStart } from "../load/yaml-document.js";
import { mergeOverrides } from "./merge.js";
import { isMap, type PlainMap } from "./plain-data.js";

/** The mapping of an overrides file, or why there is none. An empty file holds no overrides. */
export function parseOverridesFile(file: SourceFile): { overrides?: PlainMap; diagnostics: Diagnostic[] } {
  const parsed = parseYamlFile(file, { allowNonMapping: true });
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 1 && errors[0]!.code === "LOAD_EMPTY_FILE") {
    // score-compose decodes an empty file to a nil map and merges nothing; say so rather than fail.
    return {
      diagnostics: [warning("LOAD_EMPTY_FILE", "overrides file is empty; nothing to apply", fileStart(file.path))],
    };
  }
  if (!parsed.document) return { diagnostics: parsed.diagnostics };
  const value = parsed.document.value;
  if (!isMap(value)) {
    const found = Array.isArray(value) ? "a list" : `the scalar ${JSON.stringify(value)}`;
    return {
      diagnostics: [
        ...parsed.diagnostics,
        error(
          "OVERRIDE_NOT_A_MAPPING",
          `an overrides file must be a mapping of Score fields, found ${found}`,
          parsed.document.locate([]),
          "for example:\ncontainers:\n  web:\n    image: nginx:1.27",
        ),
      ],
    };
  }
  return { overrides: value, diagnostics: parsed.diagnostics };
}

/** Deep-merges an overrides file onto a Score document (see {@link mergeOverrides}). */
export function applyOverridesFile(
  document: PlainMap,
  file: SourceFile,
): { value: PlainMap; diagnostics: Diagnostic[] } {
  const { overrides, diagnostics } = parseOverridesFile(file);
  if (!overrides) return { value: document, diagnostics };
  return { value: mergeOverrides(document, overrides), diagnostics };
}
