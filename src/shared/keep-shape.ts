const kept: object[] = [];

/**
 * Keeps one instance of a class alive for the life of the process. V8 holds the hidden class ("map") that a
 * constructor's field assignments lead to only weakly; when a full GC finds no instance alive (between two compiles
 * of a long-lived embedder, after the memory reducer or a forced GC), it frees that map and throws away every
 * optimized function that was specialised for it, so the next compile runs unoptimized code until V8 has compiled
 * it again. One kept instance keeps the map, and with it the optimized code: measured on 1,000 workloads after a
 * full GC, the YAML reader, the YAML writer and rule evaluation were deoptimized every time without it.
 */
export function keepShape<T extends object>(instance: T): T {
  kept.push(instance);
  return instance;
}
