import type { Container } from "../../score/types.js";

/** How a container's service joins the network: it owns the workload's namespace, shares it, or stands alone. */
export type NetworkRole = { kind: "owner" } | { kind: "member"; owner: string } | { kind: "init" };

/**
 * Decides, per container, who owns the workload's network namespace (and gets `hostname: <workload>`), who shares
 * it (`network_mode: service:<owner>`) and who stands alone (init containers: every `before` entry is
 * `ready: complete`), as score-compose does: the owner is the first container by name with no `before` entries.
 * When that choice would make Compose see a dependency cycle (a sidecar that must start before the owner while
 * sharing its namespace, which score-compose emits and `docker compose up` rejects), the owner is instead the first
 * container by name that does not wait, directly or not, for any namespace-sharing container.
 */
export function networkRoles(containers: Readonly<Record<string, Container>>): Map<string, NetworkRole> {
  const names = Object.keys(containers).sort();
  const isInit = (name: string): boolean => {
    const before = Object.values(containers[name]?.before ?? {});
    return before.length > 0 && before.every((b) => b.ready === "complete");
  };
  const sharing = names.filter((n) => !isInit(n));
  const waitsFor = dependencyClosure(containers);
  const independent = (n: string): boolean => ![...(waitsFor.get(n) ?? [])].some((d) => sharing.includes(d));
  const preferred = sharing.find((n) => Object.keys(containers[n]?.before ?? {}).length === 0);
  const owner = preferred !== undefined && independent(preferred) ? preferred : sharing.find(independent);

  const roles = new Map<string, NetworkRole>();
  for (const name of names) {
    if (isInit(name) || owner === undefined) roles.set(name, { kind: "init" });
    else roles.set(name, name === owner ? { kind: "owner" } : { kind: "member", owner });
  }
  return roles;
}

/** For each container, every container it waits for (`X.before` naming it means it waits for X), transitively. */
function dependencyClosure(containers: Readonly<Record<string, Container>>): Map<string, Set<string>> {
  const direct = new Map<string, string[]>();
  for (const [name, c] of Object.entries(containers)) {
    for (const later of Object.keys(c.before ?? {})) direct.set(later, [...(direct.get(later) ?? []), name]);
  }
  const closure = new Map<string, Set<string>>();
  const visit = (name: string, seen: Set<string>): Set<string> => {
    const known = closure.get(name);
    if (known) return known;
    const out = new Set<string>();
    for (const dep of direct.get(name) ?? []) {
      if (seen.has(dep)) continue; // before cycles are reported by validation; never loop here
      out.add(dep);
      for (const d of visit(dep, new Set([...seen, dep]))) out.add(d);
    }
    closure.set(name, out);
    return out;
  };
  for (const name of Object.keys(containers)) visit(name, new Set([name]));
  return closure;
}
