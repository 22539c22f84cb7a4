/**
 * Freezes an object and everything reachable through its own properties, in place, so that data shared beyond one
 * compile cannot be changed by any of them (a write throws in strict mode). Maps and Sets inside are not frozen.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
