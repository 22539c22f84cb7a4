/**
 * Score `before` → pod init containers. A container that lists others under `before` must be ready before they
 * start, so it runs as an init container: run to completion when any entry asks `ready: complete`, otherwise as a
 * native sidecar (`restartPolicy: Always`, Kubernetes ≥ 1.29) that the kubelet starts before the next containers,
 * waiting for its startup probe when an entry asks `ready: healthy`. Init containers are ordered along the before
 * edges (ties by name), which is the order the kubelet starts them in.
 */
import type { Container } from "../../score/types.js";

/** How one container runs in the pod. */
export type ContainerRole = { kind: "main" } | { kind: "init" } | { kind: "sidecar"; waitHealthy: boolean };

/** Roles by container name, and the init containers in start order. */
export interface PodLayout {
  roles: Map<string, ContainerRole>;
  initOrder: string[];
  main: string[];
}

/** Decides each container's role and the init containers' order. `containers` keys are the container names. */
export function podLayout(containers: Record<string, Container>): PodLayout {
  const names = Object.keys(containers).sort();
  const roles = new Map<string, ContainerRole>();
  for (const name of names) {
    const entries = Object.values(containers[name]?.before ?? {});
    if (entries.length === 0) roles.set(name, { kind: "main" });
    else if (entries.some((e) => e.ready === "complete")) roles.set(name, { kind: "init" });
    else roles.set(name, { kind: "sidecar", waitHealthy: entries.some((e) => e.ready === "healthy") });
  }
  const init = names.filter((n) => roles.get(n)?.kind !== "main");
  // Kahn's algorithm over the before edges between init containers; the validated Score graph has no cycles.
  const blockers = new Map(
    init.map((n) => [n, new Set(init.filter((other) => Object.hasOwn(containers[other]?.before ?? {}, n)))]),
  );
  const initOrder: string[] = [];
  while (initOrder.length < init.length) {
    const ready = init.filter(
      (n) => !initOrder.includes(n) && [...(blockers.get(n) ?? [])].every((b) => initOrder.includes(b)),
    );
    // A cycle (which validation rejects earlier) would leave nothing ready: keep the rest in name order.
    const next = ready.length > 0 ? ready : init.filter((n) => !initOrder.includes(n));
    initOrder.push(next[0] as string);
  }
  return { roles, initOrder, main: names.filter((n) => roles.get(n)?.kind === "main") };
}
