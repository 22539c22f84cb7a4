/**
 * Regenerates the vendored schema files of this folder from a validators-data checkout (see SOURCES.md). Run by
 * hand, never by tests: `npx tsx test/schemas/kubernetes/vendor-schemas.ts /path/to/validators-data`.
 * Keeps the Kubernetes definitions reachable from the kinds in KINDS and the served versions of the Gateway API
 * CRDs in CRDS, with descriptions and CEL rules dropped so that the files stay small.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";

const KINDS = [
  "io.k8s.api.apps.v1.DaemonSet",
  "io.k8s.api.apps.v1.Deployment",
  "io.k8s.api.apps.v1.StatefulSet",
  "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler",
  "io.k8s.api.batch.v1.CronJob",
  "io.k8s.api.batch.v1.Job",
  "io.k8s.api.core.v1.ConfigMap",
  "io.k8s.api.core.v1.LimitRange",
  "io.k8s.api.core.v1.Namespace",
  "io.k8s.api.core.v1.PersistentVolumeClaim",
  "io.k8s.api.core.v1.Pod",
  "io.k8s.api.core.v1.ResourceQuota",
  "io.k8s.api.core.v1.Secret",
  "io.k8s.api.core.v1.Service",
  "io.k8s.api.core.v1.ServiceAccount",
  "io.k8s.api.networking.v1.Ingress",
  "io.k8s.api.networking.v1.NetworkPolicy",
  "io.k8s.api.policy.v1.PodDisruptionBudget",
  "io.k8s.api.rbac.v1.Role",
  "io.k8s.api.rbac.v1.RoleBinding",
];

const CRDS = ["httproutes", "gateways", "grpcroutes", "referencegrants"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function strip(value: Json): Json {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "description" || k === "x-kubernetes-validations" || k === "x-kubernetes-list-type" || k === "x-kubernetes-list-map-keys" || k === "x-kubernetes-map-type") continue;
    if (k === "x-kubernetes-patch-strategy" || k === "x-kubernetes-patch-merge-key" || k === "x-kubernetes-unions") continue;
    out[k] = strip(v);
  }
  return out;
}

function kubernetesSubset(dataDir: string): Json {
  const all = JSON.parse(readFileSync(`${dataDir}/kubernetes/v1.33.0/_definitions.json`, "utf8")).definitions as Record<string, Json>;
  const keep = new Set<string>();
  const visit = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") {
        const name = v.replace("#/definitions/", "");
        if (!keep.has(name)) {
          keep.add(name);
          visit(all[name] ?? null);
        }
      } else visit(v);
    }
  };
  for (const kind of KINDS) {
    keep.add(kind);
    visit(all[kind] ?? null);
  }
  const definitions: Record<string, Json> = {};
  for (const name of [...keep].sort()) definitions[name] = strip(all[name] ?? null);
  return { definitions };
}

function gatewaySchemas(dataDir: string): Json {
  const out: Record<string, Json> = {};
  for (const plural of CRDS) {
    const crd = parse(readFileSync(`${dataDir}/gateway-api/v1.6.1/standard/gateway.networking.k8s.io_${plural}.yaml`, "utf8"));
    for (const version of crd.spec.versions) {
      if (!version.served) continue;
      out[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = strip(version.schema.openAPIV3Schema);
    }
  }
  return out;
}

const dataDir = process.argv[2];
if (!dataDir) {
  console.error("usage: vendor-schemas.ts VALIDATORS_DATA_DIR");
  process.exit(2);
}
const here = new URL(".", import.meta.url).pathname;
writeFileSync(`${here}kubernetes-v1.33.0.definitions.json`, JSON.stringify(kubernetesSubset(dataDir)) + "\n");
writeFileSync(`${here}gateway-api-v1.6.1.schemas.json`, JSON.stringify(gatewaySchemas(dataDir)) + "\n");
