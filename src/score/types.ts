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

export interface ServicePort {
  port: number;
  targetPort?: number;
  protocol?: "TCP" | "UDP";
}

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

export interface ContainerVolume {
  source: string;
  path?: string;
  readOnly?: boolean;
}

export interface ResourceLimits {
  memory?: string;
  cpu?: string;
}

export interface ContainerProbe {
  httpGet?: HttpProbe;
  exec?: { command: string[] };
}

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
