/**
 * What the files and volumes of a workload's containers add to its pod: extra objects (ConfigMaps, Secrets),
 * pod volumes, StatefulSet claim templates and per-container mounts, collected before the workload is built.
 */

/** A Kubernetes object as plain data. */
export type Manifest = Record<string, unknown>;

/** A pod volume or claim template as plain data; `name` identifies it inside the pod. */
export type NamedSpec = { name: string } & Record<string, unknown>;

/** The pod-level pieces collected for one workload. */
export interface PodParts {
  objects: Manifest[];
  volumes: NamedSpec[];
  claimTemplates: { metadata: { name: string }; spec: unknown }[];
  /** The mounts of one container (created on first use). */
  mounts(container: string): NamedSpec[];
  /** Every container's mounts, by container name. */
  readonly mountsByContainer: ReadonlyMap<string, NamedSpec[]>;
}

/** An empty collection. */
export function newPodParts(): PodParts {
  const byContainer = new Map<string, NamedSpec[]>();
  return {
    objects: [],
    volumes: [],
    claimTemplates: [],
    mounts(container) {
      let list = byContainer.get(container);
      if (!list) byContainer.set(container, (list = []));
      return list;
    },
    mountsByContainer: byContainer,
  };
}
