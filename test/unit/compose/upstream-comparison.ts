import { existsSync } from "node:fs";
import { parse } from "yaml";
import { corpusPath, readText } from "../../helpers/corpus.js";

type Service = Record<string, unknown>;
type Project = {
  services?: Record<string, Service>;
  volumes?: Record<string, Record<string, unknown>>;
  configs?: Record<string, unknown>;
};

// Fields compared one to one when score-compose asserts an exact compose file (examples 01-05, 07, 08).
const SAME_FIELDS = [
  "image",
  "environment",
  "hostname",
  "network_mode",
  "entrypoint",
  "command",
  "annotations",
  "ports",
  "depends_on",
  "healthcheck",
];
// What the built-in rules must provide for the examples whose upstream output has random names: the image of each
// resource service, as in score-compose's default provisioners.
const RESOURCE_IMAGES: Record<string, string[]> = {
  "06-resource-provisioning": ["mirror.gcr.io/redis:7-alpine"],
  "09-dns-and-route": ["mirror.gcr.io/nginx:1-alpine"],
  "10-amqp-rabbitmq": ["mirror.gcr.io/rabbitmq:3-management-alpine"],
  "11-mongodb-document-database": ["mirror.gcr.io/mongo:8"],
  "12-mysql-database": ["mirror.gcr.io/mysql:8"],
  "13-kafka-topic": ["apache/kafka:latest", "mirror.gcr.io/nginx:1-alpine"],
  "14-elasticsearch": ["docker.elastic.co/elasticsearch/elasticsearch:8.14.0"],
  "15-mssql-database": ["mcr.microsoft.com/mssql/server:latest"],
  "16-patching-templates": ["mirror.gcr.io/rabbitmq:3-management-alpine"],
};

/**
 * Differences between our compose file for a score-compose example and what score-compose produces, on the parts
 * upstream fixes (services, images, environment, ports, volumes, depends_on). Random upstream names are compared by
 * shape; files are compared by target (upstream bind-mounts them, we use configs). Empty means equivalent.
 */
export function compareWithUpstream(example: string, ours: Project): string[] {
  const dir = corpusPath("score-compose", "examples", example);
  const problems: string[] = [];
  const services = ours.services ?? {};
  if (existsSync(`${dir}/expected-compose.yaml`)) {
    const upstream = parse(readText(`${dir}/expected-compose.yaml`)) as Project & { name: string };
    if ((ours as { name?: string }).name !== upstream.name)
      problems.push(`project name ${String((ours as { name?: string }).name)} ≠ ${upstream.name}`);
    const names = Object.keys(upstream.services ?? {}).sort();
    if (JSON.stringify(Object.keys(services).sort()) !== JSON.stringify(names))
      problems.push(`services ${Object.keys(services).sort().join(",")} ≠ ${names.join(",")}`);
    for (const name of names)
      problems.push(...compareService(name, services[name] ?? {}, upstream.services![name]!, ours, upstream));
    const upstreamVolumes = Object.values(upstream.volumes ?? {})
      .map((v) => JSON.stringify(v.labels ?? {}))
      .sort();
    const ourVolumes = Object.values(ours.volumes ?? {})
      .map((v) => JSON.stringify(v.labels ?? {}))
      .sort();
    if (JSON.stringify(upstreamVolumes) !== JSON.stringify(ourVolumes))
      problems.push(`volume labels ${ourVolumes.join(" ")} ≠ ${upstreamVolumes.join(" ")}`);
  }
  for (const image of RESOURCE_IMAGES[example] ?? []) {
    if (!Object.values(services).some((s) => s.image === image)) problems.push(`no resource service runs ${image}`);
  }
  if (example === "06-resource-provisioning") {
    const shared = Object.values(services).find(
      (s) =>
        (s.labels as Record<string, string> | undefined)?.["dev.score.compose.res.uid"] === "redis.default#main-cache",
    );
    if (JSON.stringify(shared?.ports) !== JSON.stringify([{ target: 6379, published: "6379" }]))
      problems.push(`main-cache ports ${JSON.stringify(shared?.ports)}`);
  }
  return problems;
}

function compareService(
  name: string,
  ours: Service,
  upstream: Service,
  ourProject: Project,
  upstreamProject: Project,
): string[] {
  const problems: string[] = [];
  for (const field of SAME_FIELDS) {
    if (JSON.stringify(sortKeys(ours[field])) !== JSON.stringify(sortKeys(upstream[field]))) {
      problems.push(`${name}.${field}: ${JSON.stringify(ours[field])} ≠ ${JSON.stringify(upstream[field])}`);
    }
  }
  const upstreamMounts = (upstream.volumes ?? []) as Record<string, unknown>[];
  const fileTargets = upstreamMounts
    .filter((m) => String(m.source).startsWith(".score-compose/mounts/files/"))
    .map((m) => m.target)
    .sort();
  const ourFileTargets = ((ours.configs ?? []) as Record<string, unknown>[]).map((c) => c.target).sort();
  if (JSON.stringify(fileTargets) !== JSON.stringify(ourFileTargets))
    problems.push(`${name} files at ${ourFileTargets.join(",")} ≠ ${fileTargets.join(",")}`);
  const volumes = upstreamMounts.filter((m) => !String(m.source).startsWith(".score-compose/mounts/files/"));
  const ourVolumes = (ours.volumes ?? []) as Record<string, unknown>[];
  volumes.forEach((m, i) => {
    const o = ourVolumes[i];
    if (!o || o.type !== m.type || o.target !== m.target)
      problems.push(`${name} volume ${i}: ${JSON.stringify(o)} ≠ ${JSON.stringify(m)}`);
    else if (
      m.type === "volume" &&
      Object.hasOwn(upstreamProject.volumes ?? {}, String(m.source)) !==
        Object.hasOwn(ourProject.volumes ?? {}, String(o.source))
    ) {
      problems.push(`${name} volume ${i}: ${String(o.source)} is not declared like upstream's ${String(m.source)}`);
    }
  });
  if (ourVolumes.length !== volumes.length) problems.push(`${name}: ${ourVolumes.length} volumes ≠ ${volumes.length}`);
  return problems;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}
