import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/source.js";
import { applyOverrideProperty } from "./override-property.js";
import { applyOverridesFile } from "./overrides-file.js";
import { setOwn } from "../shared/own-property.js";
import { cloneData, copyMap, isMap, type PlainMap } from "./plain-data.js";

/** What to change in a Score document before validation, as score-compose's generate flags do. */
export interface Overrides {
  /** An overrides file (YAML mapping), deep-merged onto the document. */
  file?: SourceFile;
  /** `PATH=VALUE` strings as given to --override-property, applied in order after the file. */
  properties?: readonly string[];
  /** Image for containers whose image is ".". */
  image?: string;
  /** Per workload (`--image WORKLOAD=IMAGE`): the image for that workload's "." containers, before `image`. */
  images?: Readonly<Record<string, string>>;
}

/**
 * Applies the overrides file, then each property in order, then the image, to a deep copy of a Score document.
 * All or nothing: on any error the original value comes back with the diagnostics. A document that is not a mapping
 * is returned as it is (validation reports it).
 */
export function applyOverrides(value: unknown, overrides: Overrides): { value: unknown; diagnostics: Diagnostic[] } {
  if (!isMap(value)) return { value, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  let document: PlainMap = cloneData(value);
  if (overrides.file) {
    const merged = applyOverridesFile(document, overrides.file);
    diagnostics.push(...merged.diagnostics);
    document = merged.value;
  }
  for (const entry of overrides.properties ?? []) {
    const result = applyOverrideProperty(document, entry);
    if ("diagnostic" in result) diagnostics.push(result.diagnostic);
    else document = result.value;
  }
  const metadata = document["metadata"];
  const name = isMap(metadata) && typeof metadata["name"] === "string" ? metadata["name"] : undefined;
  const image =
    (name !== undefined && overrides.images && Object.hasOwn(overrides.images, name)
      ? overrides.images[name]
      : undefined) ?? overrides.image;
  if (image !== undefined) document = applyImage(document, image);
  return hasErrors(diagnostics) ? { value, diagnostics } : { value: document, diagnostics };
}

/** Sets `image` on every container whose image is "." (score-compose's --image). */
export function applyImage(document: PlainMap, image: string): PlainMap {
  const containers = Object.hasOwn(document, "containers") ? document["containers"] : undefined;
  if (!isMap(containers)) return document;
  const updated = copyMap(containers);
  let changed = false;
  for (const name of Object.keys(containers)) {
    const container = containers[name];
    if (!isMap(container) || container["image"] !== ".") continue;
    const copy = copyMap(container);
    setOwn(copy, "image", image);
    setOwn(updated, name, copy);
    changed = true;
  }
  if (!changed) return document;
  const output = copyMap(document);
  setOwn(output, "containers", updated);
  return output;
}
