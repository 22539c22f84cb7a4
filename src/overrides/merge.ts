import { setOwn } from "../shared/own-property.js";
import { cloneData, copyMap, isMap, type PlainMap } from "./plain-data.js";

/**
 * Deep-merges `overrides` onto `base` the way score-compose merges an overrides file (`mergo.Merge` with
 * `WithOverride`): where both sides hold a map the maps are merged recursively, anything else in `overrides`
 * (scalars, lists, `null`) replaces the base value. Returns a new map; neither input is changed.
 */
export function mergeOverrides(base: PlainMap, overrides: PlainMap): PlainMap {
  const output = copyMap(base);
  for (const key of Object.keys(overrides)) {
    const next = overrides[key];
    const existing = Object.hasOwn(output, key) ? output[key] : undefined;
    setOwn(output, key, isMap(existing) && isMap(next) ? mergeOverrides(existing, next) : cloneData(next));
  }
  return output;
}
