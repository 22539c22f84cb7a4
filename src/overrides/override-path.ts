import { setOwn } from "../shared/own-property.js";
import { copyMap, isMap, type PlainMap } from "./plain-data.js";

/** The outcome of {@link overridePathInMap}: the new map, or score-go's error text (`a: 0: reason`). */
export type OverrideResult = { ok: true; value: PlainMap } | { ok: false; message: string };

/**
 * Sets or deletes the value at `path` like score-go's `OverridePathInMap`: missing maps on the way are created,
 * numeric parts index lists, `-1` appends, and a `null` value deletes. Copy-on-write: the input is never changed
 * and untouched branches are shared with it.
 *
 * One deliberate difference: deleting a path whose maps do not exist leaves the document as it is, where score-go
 * would create the empty maps leading to it.
 */
export function overridePathInMap(
  input: PlainMap,
  path: readonly string[],
  isDelete: boolean,
  value: unknown,
): OverrideResult {
  const head = path[0];
  if (head === undefined) return { ok: false, message: "cannot change root node" };
  const rest = path.slice(1);
  const output = copyMap(input);
  if (rest.length === 0) {
    if (isDelete || value === null) delete output[head];
    else setOwn(output, head, value);
    return { ok: true, value: output };
  }
  if (!Object.hasOwn(output, head)) {
    if (isDelete || value === null) return { ok: true, value: input };
    return nest(output, head, overridePathInMap({}, rest, isDelete, value));
  }
  const existing = output[head];
  if (isMap(existing)) return nest(output, head, overridePathInMap(existing, rest, isDelete, value));
  if (Array.isArray(existing)) return nest(output, head, overridePathInArray(existing, rest, isDelete, value));
  return { ok: false, message: `${head}: cannot set path in non-map/non-array` };
}

function nest(
  output: PlainMap,
  key: string,
  inner: { ok: true; value: unknown } | { ok: false; message: string },
): OverrideResult {
  if (!inner.ok) return { ok: false, message: `${key}: ${inner.message}` };
  setOwn(output, key, inner.value);
  return { ok: true, value: output };
}

type ArrayResult = { ok: true; value: unknown[] } | { ok: false; message: string };

function overridePathInArray(
  input: readonly unknown[],
  path: readonly string[],
  isDelete: boolean,
  value: unknown,
): ArrayResult {
  const head = path[0];
  if (head === undefined) return { ok: false, message: "cannot change root node" };
  const index = parseIndex(head);
  if (index === undefined) return { ok: false, message: `failed to parse '${head}' as array index` };
  const rest = path.slice(1);
  const output = [...input];
  const inRange = index >= 0 && index < input.length;
  if (rest.length === 0) {
    if (isDelete || value === null) {
      if (!inRange) return { ok: false, message: `cannot remove '${index}' in array: out of range` };
      output.splice(index, 1);
      return { ok: true, value: output };
    }
    if (index === -1) output.push(value);
    else if (!inRange) return { ok: false, message: `cannot set '${index}' in array: out of range` };
    else output[index] = value;
    return { ok: true, value: output };
  }
  if (!inRange) return { ok: false, message: `cannot set '${index}' in array: out of range` };
  const existing = output[index];
  let inner: { ok: true; value: unknown } | { ok: false; message: string };
  if (isMap(existing)) inner = overridePathInMap(existing, rest, isDelete, value);
  else if (Array.isArray(existing)) inner = overridePathInArray(existing, rest, isDelete, value);
  else return { ok: false, message: `${head}: cannot set path in non-map/non-array` };
  if (!inner.ok) return { ok: false, message: `${head}: ${inner.message}` };
  output[index] = inner.value;
  return { ok: true, value: output };
}

// Go's strconv.Atoi: optional sign, decimal digits, within int64 (anything beyond a safe integer is out of reach anyway).
function parseIndex(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}
