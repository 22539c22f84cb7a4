/**
 * TypeScript shapes of a Score v1b1 workload after the array→map upgrade and schema validation.
 * Field names and optionality follow spec/score-v1b1.json.
 */
export interface Workload {
  apiVersion: "score.dev/v1b1";
  metadata: WorkloadMetadata;
  service?: { ports?: Record<string, ServicePort> };
  containers: Record<string, Container>;
  resources?: Record<string, ResourceRequest>;
}

/** Workload metadata: a name, optional annotations, and any other keys (usable in `${metadata.*}`). */
export interface WorkloadMetadata {
  name: string;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** A port the workload exposes; `targetPort` defaults to `port`, `protocol` to TCP. */
export interface ServicePort {
  port: number;
  targetPort?: number;
  protocol?: "TCP" | "UDP";
}

/** One container of a workload. Placeholders in `variables`, file `content` and volume `source` are substituted. */
export interface Container {
  image: string;
  command?: string[];
  args?: string[];
  variables?: Record<string, string>;
  files?: Record<string, ContainerFile>;
  volumes?: Record<string, ContainerVolume>;
  before?: Record<string, { ready: "started" | "healthy" | "complete" }>;
  resources?: { limits?: ResourceLimits; requests?: ResourceLimits };
  livenessProbe?: ContainerProbe;
  readinessProbe?: ContainerProbe;
}

/** One file to mount; exactly one of `content`, `binaryContent`, `source` is set. */
export interface ContainerFile {
  mode?: string;
  content?: string;
  binaryContent?: string;
  source?: string;
  noExpand?: boolean;
}

/** A volume mount; `source` is usually `${resources.NAME}`, `path` a sub path inside it. */
export interface ContainerVolume {
  source: string;
  path?: string;
  readOnly?: boolean;
}

/** Compute quantities: `memory` like `128Mi`, `cpu` like `250m` or `0.5`. */
export interface ResourceLimits {
  memory?: string;
  cpu?: string;
}

/** A liveness or readiness probe: an HTTP GET, a command, or both (exec is preferred where both exist). */
export interface ContainerProbe {
  httpGet?: HttpProbe;
  exec?: { command: string[] };
}

/** An HTTP GET probe against the container. */
export interface HttpProbe {
  host?: string;
  scheme?: "HTTP" | "HTTPS";
  path: string;
  port: number;
  httpHeaders?: { name: string; value: string }[];
}

/** A resource a workload asks for. */
export interface ResourceRequest {
  type: string;
  class?: string;
  id?: string;
  metadata?: { annotations?: Record<string, string>; [key: string]: unknown };
  params?: Record<string, unknown>;
}
