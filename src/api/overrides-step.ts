import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/source.js";

/** score-compose compatible overrides: a file deep-merged onto each Score file, then `path=value` properties. */
export interface OverridesInput {
  /** An overrides file (YAML mapping), deep-merged onto every Score document. */
  file?: SourceFile;
  /** `PATH=VALUE` strings as given to --override-property, applied in order after the file. */
  properties?: readonly string[];
  /** Image for containers whose image is ".". */
  image?: string;
}

/** Applies overrides to one Score document's data; the input is never mutated. */
export function applyOverridesToDocument(value: unknown, overrides: OverridesInput): { value: unknown; diagnostics: Diagnostic[] } {
  // Replaced by the overrides stage (src/overrides) in the same change series.
  void overrides;
  return { value, diagnostics: [] };
}
