import { deepFreeze } from "./deep-freeze.js";

/**
 * Remembers a pure function's results per input string, for values that repeat across workloads and resources.
 * It outlives a compile, yet no result can show it: the key is the whole input (strings are immutable), `compute`
 * reads nothing else, and each result is deeply frozen before it is shared, so no compile can change what another
 * one gets; only time and memory differ. Bounded: inputs longer than `maxLength` are computed afresh, and the memory
 * starts over after `maxSize` entries or `maxChars` characters of input.
 */
export function stringMemo<T>(
  compute: (input: string) => T,
  maxLength = 1024,
  maxSize = 10_000,
  maxChars = 1 << 20,
): (input: string) => T {
  const memory = new Map<string, T>();
  let chars = 0;
  return (input) => {
    if (input.length > maxLength) return deepFreeze(compute(input));
    let result = memory.get(input);
    if (result === undefined && !memory.has(input)) {
      if (memory.size >= maxSize || chars + input.length > maxChars) {
        memory.clear();
        chars = 0;
      }
      result = deepFreeze(compute(input));
      memory.set(input, result);
      chars += input.length;
    }
    return result as T;
  };
}
