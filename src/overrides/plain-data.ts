import { setOwn } from "../shared/own-property.js";

/** A YAML/JSON mapping as plain data. */
export type PlainMap = Record<string, unknown>;

/** Path segments that could reach an object's prototype; overrides and patches refuse to touch them. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** True for a mapping: a non-null object that is not a list. */
export function isMap(value: unknown): value is PlainMap {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A shallow copy of a mapping made of own properties only. */
export function copyMap(source: PlainMap): PlainMap {
  const out: PlainMap = {};
  for (const key of Object.keys(source)) setOwn(out, key, source[key]);
  return out;
}

/** A deep copy of plain data (maps, lists, scalars) that shares nothing with the original. */
export function cloneData<T>(value: T): T {
  if (Array.isArray(value)) return (value as unknown[]).map((item) => cloneData(item)) as T;
  if (isMap(value)) {
    const out: PlainMap = {};
    for (const key of Object.keys(value)) setOwn(out, key, cloneData(value[key]));
    return out as T;
  }
  return value;
}
