import { App, Chart, Size } from "cdk8s";
import * as kplus from "cdk8s-plus-33";
import { addResource, type Output, type Outputs, type ResourceSpec } from "./cdk8s-resources.js";

/** A Score workload as parsed from YAML (the fields the peer needs). */
export interface WorkloadSpec {
  metadata: { name: string };
  containers: Record<string, ContainerSpec>;
  resources?: Record<string, ResourceSpec>;
  service?: { ports?: Record<string, { port: number; targetPort?: number }> };
}

interface ContainerSpec {
  image: string;
  command?: string[];
  args?: string[];
  variables?: Record<string, string>;
  files?: Record<string, { content?: string }>;
  resources?: { limits?: { cpu?: string; memory?: string }; requests?: { cpu?: string; memory?: string } };
  livenessProbe?: { httpGet?: { path: string; port: number } };
  readinessProbe?: { httpGet?: { path: string; port: number } };
}

const PLACEHOLDER = /\$\{(resources|metadata)\.([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?\}/g;

/**
 * The peer: the Kubernetes objects scorec makes for these workloads (per workload a Deployment, a Service, a Secret
 * for values drawn from secrets, a ConfigMap for files; per resource its provisioned objects, shared ones once),
 * built with cdk8s-plus the way a hand-written cdk8s program would, and synthesized in-process to YAML.
 */
export function synthWithCdk8s(workloads: readonly WorkloadSpec[]): { yaml: string; objects: number } {
  const app = new App();
  // One chart for the whole app: cdk8s validates and orders every chart against the whole tree, so a chart per
  // workload makes its synth quadratic in the number of workloads.
  const chart = new Chart(app, "app", { disableResourceNameHashes: true });
  const sharedOutputs = new Map<string, Outputs>();
  for (const w of workloads) addWorkload(chart, w, sharedOutputs);
  const yaml = app.synthYaml();
  return { yaml, objects: chart.toJson().length };
}

function addWorkload(chart: Chart, w: WorkloadSpec, sharedOutputs: Map<string, Outputs>): void {
  const name = w.metadata.name;
  const outputs: Record<string, Outputs> = {};
  for (const [resName, spec] of Object.entries(w.resources ?? {})) {
    const params = Object.fromEntries(Object.entries(spec.params ?? {}).map(([k, v]) => [k, substitute(String(v), name, outputs).value]));
    if (spec.id === undefined) outputs[resName] = addResource(chart, `${name}-${resName}`, spec, params, name);
    else {
      const uid = `${spec.type}-${spec.id}`;
      if (!sharedOutputs.has(uid)) sharedOutputs.set(uid, addResource(chart, uid, spec, params, name));
      outputs[resName] = sharedOutputs.get(uid)!;
    }
  }
  const secretData: Record<string, string> = {};
  const secret = new kplus.Secret(chart, `${name}-env`, { metadata: { name: `${name}-env` } });
  const configData: Record<string, string> = {};
  const containers: kplus.ContainerProps[] = [];
  const mounts: { container: number; path: string; key: string }[] = [];
  for (const [cName, c] of Object.entries(w.containers)) {
    const env: Record<string, kplus.EnvValue> = {};
    for (const [key, raw] of Object.entries(c.variables ?? {})) {
      const v = substitute(raw, name, outputs);
      if (!v.secret) env[key] = kplus.EnvValue.fromValue(v.value);
      else {
        secretData[`${cName}-${key}`] = v.value;
        env[key] = kplus.EnvValue.fromSecretValue({ secret, key: `${cName}-${key}` });
      }
    }
    for (const [path, f] of Object.entries(c.files ?? {})) {
      const key = `${cName}-file-${Object.keys(configData).length}`;
      configData[key] = substitute(f.content ?? "", name, outputs).value;
      mounts.push({ container: containers.length, path, key });
    }
    containers.push({
      name: cName,
      image: c.image,
      ...(c.command ? { command: c.command } : {}),
      ...(c.args ? { args: c.args } : {}),
      envVariables: env,
      resources: { cpu: { limit: cpu(c.resources?.limits?.cpu), request: cpu(c.resources?.requests?.cpu) }, memory: { limit: memory(c.resources?.limits?.memory), request: memory(c.resources?.requests?.memory) } },
      ...(c.livenessProbe?.httpGet ? { liveness: kplus.Probe.fromHttpGet(c.livenessProbe.httpGet.path, { port: c.livenessProbe.httpGet.port }) } : {}),
      ...(c.readinessProbe?.httpGet ? { readiness: kplus.Probe.fromHttpGet(c.readinessProbe.httpGet.path, { port: c.readinessProbe.httpGet.port }) } : {}),
    });
  }
  for (const [k, v] of Object.entries(secretData)) secret.addStringData(k, v);
  const deployment = new kplus.Deployment(chart, `${name}-deployment`, { metadata: { name }, replicas: 1, containers });
  if (mounts.length > 0) {
    const configMap = new kplus.ConfigMap(chart, `${name}-files`, { metadata: { name: `${name}-files` }, data: configData });
    const volume = kplus.Volume.fromConfigMap(chart, `${name}-files-volume`, configMap, { name: "files" });
    for (const m of mounts) deployment.containers[m.container]!.mount(m.path, volume, { subPath: m.key });
  }
  const ports = Object.entries(w.service?.ports ?? {});
  if (ports.length > 0) new kplus.Service(chart, `${name}-service`, { metadata: { name }, selector: deployment, ports: ports.map(([portName, p]) => ({ name: portName, port: p.port, targetPort: p.targetPort ?? p.port })) });
}

// ${resources.NAME.KEY} and ${metadata.KEY}; the result is secret when any output it reads is.
function substitute(text: string, workload: string, outputs: Record<string, Outputs>): { value: string; secret: boolean } {
  let secret = false;
  const value = text.replace(PLACEHOLDER, (_m, root: string, a: string, b: string | undefined) => {
    if (root === "metadata") return a === "name" ? workload : "";
    const out: Output | undefined = outputs[a]?.[b ?? ""];
    if (!out) throw new Error(`${workload}: no output ${a}.${b}`);
    if ("secret" in out) secret = true;
    return out.value;
  });
  return { value, secret };
}

function cpu(text: string | undefined): kplus.Cpu | undefined {
  if (text === undefined) return undefined;
  return text.endsWith("m") ? kplus.Cpu.millis(Number(text.slice(0, -1))) : kplus.Cpu.units(Number(text));
}

function memory(text: string | undefined): Size | undefined {
  if (text === undefined) return undefined;
  return text.endsWith("Gi") ? Size.gibibytes(Number(text.slice(0, -2))) : Size.mebibytes(Number(text.replace(/Mi$/, "")));
}
