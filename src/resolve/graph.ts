import { findCycle } from "../shared/find-cycle.js";

/**
 * Orders nodes so that every node comes after its dependencies: Kahn's algorithm, taking each ready layer in
 * lexicographic order (score-go's GetSortedResourceUids). A cycle is returned as a closed path instead.
 */
export function topologicalOrder(
  nodes: readonly string[],
  dependencies: ReadonlyMap<string, readonly string[]>,
): { order: string[] } | { cycle: string[] } {
  const remaining = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const n of nodes) {
    const deps = [...new Set(dependencies.get(n) ?? [])];
    remaining.set(n, deps.length);
    for (const d of deps) {
      const list = dependents.get(d) ?? [];
      list.push(n);
      dependents.set(d, list);
    }
  }
  const order: string[] = [];
  let layer = nodes.filter((n) => remaining.get(n) === 0).sort();
  while (layer.length > 0) {
    const next: string[] = [];
    for (const n of layer) {
      order.push(n);
      for (const m of dependents.get(n) ?? []) {
        const left = remaining.get(m)! - 1;
        remaining.set(m, left);
        if (left === 0) next.push(m);
      }
    }
    layer = next.sort();
  }
  if (order.length === nodes.length) return { order };
  const stuck = nodes.filter((n) => remaining.get(n)! > 0).sort();
  const cycle = findCycle(
    stuck,
    new Map(stuck.map((n) => [n, [...(dependencies.get(n) ?? [])].sort().filter((d) => remaining.get(d)! > 0)])),
  );
  return { cycle: cycle ?? stuck };
}
