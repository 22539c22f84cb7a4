/**
 * The checks a Kubernetes API server makes beyond the OpenAPI schema that matter for generated manifests: name and
 * label syntax, ConfigMap/Secret keys, selectors that match their pod template, and references inside a pod spec
 * (mounts to volumes, unique container/volume/env/port names, one handler per probe).
 */
type JsonObject = { [key: string]: unknown };

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const IANA_SVC_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*$/;
const POD_OWNERS: Record<string, string[]> = {
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  Job: ["spec", "template"],
  Pod: [],
};

/** Problems of one manifest, as `/json/pointer: message` strings. */
export function semanticProblems(manifest: JsonObject): string[] {
  const out: string[] = [];
  const kind = String(manifest.kind);
  const meta = obj(manifest.metadata);
  checkMeta(meta, kind === "Service" ? DNS_1035_LABEL : kind === "Namespace" ? DNS_LABEL : DNS_SUBDOMAIN, "/metadata", out);
  if (kind === "ConfigMap" || kind === "Secret") checkKeys(manifest, kind, out);
  if (kind === "Service") checkService(obj(manifest.spec), out);
  const podPath = POD_OWNERS[kind];
  if (podPath && String(manifest.apiVersion).match(/^(apps|batch)\/v1$|^v1$/)) {
    const template = podPath.length === 0 ? manifest : obj(get(manifest, podPath));
    const base = podPath.length === 0 ? "" : "/" + podPath.join("/");
    if (podPath.length > 0) {
      checkMeta(obj(template.metadata), null, `${base}/metadata`, out);
      checkSelector(manifest, obj(template.metadata), out);
    }
    const claimNames = kind === "StatefulSet" ? arr(obj(manifest.spec).volumeClaimTemplates).map((t) => String(obj(obj(t).metadata).name)) : [];
    checkPodSpec(obj(template.spec), claimNames, `${base}/spec`, out);
  }
  return out;
}

function checkMeta(meta: JsonObject, namePattern: RegExp | null, at: string, out: string[]): void {
  if (namePattern) {
    const name = meta.name;
    if (typeof name !== "string") out.push(`${at}/name: required`);
    else if (!namePattern.test(name) || name.length > (namePattern === DNS_SUBDOMAIN ? 253 : 63)) out.push(`${at}/name: invalid name "${name}"`);
    if (meta.namespace !== undefined && !(typeof meta.namespace === "string" && DNS_LABEL.test(meta.namespace) && meta.namespace.length <= 63)) {
      out.push(`${at}/namespace: invalid namespace`);
    }
  }
  for (const [k, v] of Object.entries(obj(meta.labels))) {
    if (!validQualifiedKey(k)) out.push(`${at}/labels: invalid label key "${k}"`);
    if (typeof v !== "string" || v.length > 63 || !LABEL_VALUE.test(v)) out.push(`${at}/labels/${k}: invalid label value`);
  }
  for (const k of Object.keys(obj(meta.annotations))) if (!validQualifiedKey(k)) out.push(`${at}/annotations: invalid annotation key "${k}"`);
}

function validQualifiedKey(key: string): boolean {
  const slash = key.indexOf("/");
  const name = slash === -1 ? key : key.slice(slash + 1);
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

function checkKeys(manifest: JsonObject, kind: string, out: string[]): void {
  const sections = kind === "ConfigMap" ? ["data", "binaryData"] : ["data", "stringData"];
  const seen = new Set<string>();
  for (const section of sections) {
    for (const key of Object.keys(obj(manifest[section]))) {
      if (!CONFIG_KEY.test(key) || key.length > 253) out.push(`/${section}: invalid key "${key}"`);
      if (kind === "ConfigMap" && seen.has(key)) out.push(`/${section}: key "${key}" is in data and binaryData`);
      seen.add(key);
    }
  }
}

function checkService(spec: JsonObject, out: string[]): void {
  const ports = arr(spec.ports).map(obj);
  const names = new Set<string>();
  ports.forEach((p, i) => {
    if (ports.length > 1 && typeof p.name !== "string") out.push(`/spec/ports/${i}/name: required when there are several ports`);
    if (typeof p.name === "string") {
      if (!DNS_LABEL.test(p.name)) out.push(`/spec/ports/${i}/name: invalid port name`);
      if (names.has(p.name)) out.push(`/spec/ports/${i}/name: duplicate port name`);
      names.add(p.name);
    }
  });
  if (ports.length === 0 && spec.clusterIP !== "None" && spec.type !== "ExternalName") out.push("/spec/ports: required");
}

function checkSelector(manifest: JsonObject, templateMeta: JsonObject, out: string[]): void {
  const selector = obj(obj(manifest.spec).selector);
  const labels = obj(templateMeta.labels);
  for (const [k, v] of Object.entries(obj(selector.matchLabels))) {
    if (labels[k] !== v) out.push(`/spec/selector/matchLabels/${k}: does not match the pod template labels`);
  }
}

function checkPodSpec(spec: JsonObject, claimNames: string[], at: string, out: string[]): void {
  const volumes = arr(spec.volumes).map((v) => String(obj(v).name));
  unique(volumes, `${at}/volumes`, "volume", out);
  volumes.forEach((v) => !DNS_LABEL.test(v) && out.push(`${at}/volumes: invalid volume name "${v}"`));
  const mountable = new Set([...volumes, ...claimNames]);
  const containers = [...arr(spec.initContainers), ...arr(spec.containers)].map(obj);
  unique(containers.map((c) => String(c.name)), `${at}/containers`, "container", out);
  containers.forEach((c, i) => {
    const cat = `${at}/containers/${i}`;
    if (!DNS_LABEL.test(String(c.name))) out.push(`${cat}/name: invalid container name`);
    unique(arr(c.env).map((e) => String(obj(e).name)), `${cat}/env`, "env var", out);
    const mounts = arr(c.volumeMounts).map(obj);
    unique(mounts.map((m) => String(m.mountPath)), `${cat}/volumeMounts`, "mount path", out);
    for (const m of mounts) if (!mountable.has(String(m.name))) out.push(`${cat}/volumeMounts: no volume named "${String(m.name)}"`);
    for (const p of arr(c.ports).map(obj)) if (p.name !== undefined && !(IANA_SVC_NAME.test(String(p.name)) && String(p.name).length <= 15)) out.push(`${cat}/ports: invalid port name`);
    for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
      if (c[probe] === undefined) continue;
      const handlers = ["exec", "httpGet", "tcpSocket", "grpc"].filter((h) => obj(c[probe])[h] !== undefined);
      if (handlers.length !== 1) out.push(`${cat}/${probe}: must have exactly one handler`);
    }
    for (const e of arr(c.env).map(obj)) {
      const ref = obj(obj(e.valueFrom).secretKeyRef);
      if (ref.key !== undefined && !CONFIG_KEY.test(String(ref.key))) out.push(`${cat}/env: invalid secret key "${String(ref.key)}"`);
    }
  });
}

function unique(values: string[], at: string, what: string, out: string[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) out.push(`${at}: duplicate ${what} "${v}"`);
    seen.add(v);
  }
}

function get(o: JsonObject, path: string[]): unknown {
  return path.reduce<unknown>((acc, k) => obj(acc)[k], o);
}

function obj(v: unknown): JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as JsonObject) : {};
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
