import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/source.js";
import { applyOverrides } from "../overrides/apply-overrides.js";

/** score-compose compatible overrides: a file deep-merged onto each Score file, then `path=value` properties. */
export interface OverridesInput {
  /** An overrides file (YAML mapping), deep-merged onto every Score document. */
  file?: SourceFile;
  /** `PATH=VALUE` strings as given to --override-property, applied in order after the file. */
  properties?: readonly string[];
  /** Image for containers whose image is ".". */
  image?: string;
  /** Per workload (`--image WORKLOAD=IMAGE`): the image for that workload's "." containers, before `image`. */
  images?: Readonly<Record<string, string>>;
}

/**
 * Applies overrides to one Score document's data: the file (deep merge), then each property in order, then the
 * image. The input is never mutated; on any error it is returned unchanged together with the diagnostics.
 */
export function applyOverridesToDocument(
  value: unknown,
  overrides: OverridesInput,
): { value: unknown; diagnostics: Diagnostic[] } {
  return applyOverrides(value, overrides);
}
