/**
 * Remembers a pure function's results per input string, for values that repeat across workloads and resources. The
 * memory is bounded: strings longer than `maxLength` are computed afresh (they rarely repeat and would pin memory),
 * and the memory starts over after `maxSize` entries. Callers must treat the results as read-only: they are shared.
 */
export function stringMemo<T>(compute: (input: string) => T, maxLength = 1024, maxSize = 10_000): (input: string) => T {
  const memory = new Map<string, T>();
  return (input) => {
    if (input.length > maxLength) return compute(input);
    let result = memory.get(input);
    if (result === undefined && !memory.has(input)) {
      if (memory.size >= maxSize) memory.clear();
      result = compute(input);
      memory.set(input, result);
    }
    return result as T;
  };
}
