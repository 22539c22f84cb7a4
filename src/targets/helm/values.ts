/**
 * The values of scorec's workload chart (`charts/workload`), as the helm target emits them. The chart's
 * values.schema.json is the full contract (it also accepts the legacy score-helm top-level workload); this is the
 * subset scorec writes: every workload under `workloads`, resource objects under `manifests`.
 */

/** The file the helm target writes. */
export const VALUES_FILE = "values.yaml";

/** The label the chart always sets to `Helm` (the release service); scorec leaves it out of the values. */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

/** A Kubernetes object as plain data. */
export type Manifest = Record<string, unknown>;

/** Everything the chart renders for one release. */
export interface ChartValues {
  /** metadata.namespace of the objects the chart builds (the `manifests` already carry theirs). */
  namespace?: string;
  workloads: Record<string, WorkloadValues>;
  /** Objects from resource rules, rendered verbatim plus Helm's labels. */
  manifests?: Manifest[];
}

/** One workload: its controller, pod and the objects that belong to it. */
export interface WorkloadValues {
  kind: "Deployment" | "StatefulSet";
  replicas?: number;
  /** Labels of every object of the workload and of its pods. */
  labels: Record<string, string>;
  selectorLabels: Record<string, string>;
  /** Annotations of every object of the workload (not of its pods). */
  annotations?: Record<string, string>;
  /** Pod template metadata, and pod spec fields rendered as they are (securityContext, serviceAccountName, ...). */
  pod?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    securityContext?: unknown;
    serviceAccountName?: unknown;
    priorityClassName?: unknown;
    imagePullSecrets?: unknown;
    topologySpreadConstraints?: unknown;
  };
  /** The spec of the workload's PodDisruptionBudget without its selector (the chart uses selectorLabels). */
  podDisruptionBudget?: Record<string, unknown>;
  serviceName?: string;
  containers: Record<string, ContainerValues>;
  /** In start order, each with its `name`. */
  initContainers?: (ContainerValues & { name: string })[];
  volumes?: Manifest[];
  volumeClaimTemplates?: Manifest[];
  service?: ServiceValues;
  files?: Record<string, { data?: Record<string, string>; binaryData?: Record<string, string> }>;
  secrets?: Record<string, { type?: string; stringData?: Record<string, string>; data?: Record<string, string> }>;
}

/** A container: the Kubernetes container without `name`, and `image` as `{name, pullPolicy}` (legacy layout). */
export type ContainerValues = { image: { name: string; pullPolicy?: string } } & Record<string, unknown>;

/** The workload's Service (legacy layout: a list of ports). */
export interface ServiceValues {
  /** Only when it differs from the workload name. */
  name?: string;
  ports: Manifest[];
}
