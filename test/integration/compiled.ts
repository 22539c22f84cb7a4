/**
 * The integration tests' inputs and the container's view of scorec's outputs: compiling the test Score file for a
 * seed, and reading jobs, configs, environments and Secrets out of the Compose file and the manifests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { compile } from "../../src/api/compile.js";
import { mkdirFor, writeFor } from "./scratch.js";

/** The Score file every integration test compiles: one workload reading every resource the tests run. */
export const SCORE = readFileSync(new URL("./score.yaml", import.meta.url), "utf8");

/** The Compose file scorec writes for SCORE with `seed`, parsed. */
export function composeFor(seed: string): ComposeFile {
  const r = compile({ sources: [{ path: "score.yaml", text: SCORE }], target: "compose", app: "it", seed });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length || r.files.length !== 1) throw new Error(`compose compile failed: ${JSON.stringify(errors)}`);
  return parse(r.files[0]!.text) as ComposeFile;
}

/** The Kubernetes manifests scorec writes for SCORE with `seed`. */
export function manifestsFor(seed: string): Manifest[] {
  const r = compile({ sources: [{ path: "score.yaml", text: SCORE }], target: "kubernetes", app: "it", seed });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`kubernetes compile failed: ${JSON.stringify(errors)}`);
  return r.files.flatMap((f) => parseAllDocuments(f.text).map((d) => d.toJS()));
}

export interface ComposeService {
  image?: string;
  hostname?: string;
  entrypoint?: string[];
  command?: string[];
  environment?: Record<string, string>;
  configs?: { source: string; target: string }[];
  network_mode?: string;
  healthcheck?: { test: string[] };
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
  configs?: Record<string, { content: string }>;
}

export type Manifest = any;

/**
 * Compose interpolates the whole file: `$$` is a literal `$`. The defaults contain no `${VAR}` references, so any other
 * `$` would be a bug; this turns the text back into what the container receives, and refuses the rest.
 */
export function uncompose(text: string): string {
  const out = text.replace(/\$\$|\$/g, (m) => {
    if (m === "$") throw new Error(`unescaped $ in compose text: ${text}`);
    return "$";
  });
  return out;
}

/** The service's configs written under `root` (at their container paths), and a function mapping a container path there. */
export function materialiseConfigs(file: ComposeFile, service: ComposeService, root: string): (path: string) => string {
  for (const c of service.configs ?? []) {
    const content = file.configs?.[c.source]?.content;
    if (content === undefined) throw new Error(`config ${c.source} has no inline content`);
    const path = join(root, c.target);
    mkdirFor(join(path, ".."));
    writeFor(path, uncompose(content));
  }
  return (path: string) => join(root, path);
}

/** The workload's environment in the Compose file (what the container receives). */
export function workloadEnv(file: ComposeFile): Record<string, string> {
  const [, svc] = service(file, (_, s) => s.image === "app");
  return Object.fromEntries(Object.entries(svc.environment ?? {}).map(([k, v]) => [k, uncompose(String(v))]));
}

/** One Compose service, or a clear failure. */
export function service(
  file: ComposeFile,
  predicate: (name: string, s: ComposeService) => boolean,
): [string, ComposeService] {
  const found = Object.entries(file.services).filter(([n, s]) => predicate(n, s));
  if (found.length !== 1)
    throw new Error(`expected one matching service, found ${found.map(([n]) => n).join(", ") || "none"}`);
  return found[0]!;
}

/** The workload container's environment in the manifests, with secretKeyRef values looked up in the Secrets. */
export function k8sWorkloadEnv(manifests: Manifest[]): Record<string, string> {
  const deployment = manifests.find((m) => m.kind === "Deployment");
  const container = deployment.spec.template.spec.containers[0];
  return Object.fromEntries(
    container.env.map((e: Manifest) => [e.name, e.value ?? secretValue(manifests, e.valueFrom.secretKeyRef)]),
  );
}

/** A Secret's value (stringData, or base64 data). */
export function secretValue(manifests: Manifest[], ref: { name: string; key: string }): string {
  const secret = manifests.find((m) => m.kind === "Secret" && m.metadata.name === ref.name);
  if (!secret) throw new Error(`no Secret ${ref.name}`);
  const v =
    secret.stringData?.[ref.key] ??
    (secret.data?.[ref.key] !== undefined ? Buffer.from(secret.data[ref.key], "base64").toString("utf8") : undefined);
  if (v === undefined) throw new Error(`Secret ${ref.name} has no key ${ref.key}`);
  return v;
}

/** A container's env as the kubelet gives it (plain values and secretKeyRef values). */
export function containerEnv(manifests: Manifest[], container: Manifest): Record<string, string> {
  return Object.fromEntries(
    (container.env ?? []).map((e: Manifest) => [e.name, e.value ?? secretValue(manifests, e.valueFrom.secretKeyRef)]),
  );
}

/** Kubernetes' expansion of `$(VAR)` in command and args (`$$` is a literal `$`; unknown names stay as written). */
export function kubeExpand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) =>
    m === "$$" ? "$" : name !== undefined && Object.hasOwn(env, name) ? env[name]! : m,
  );
}

/** The StatefulSet whose name starts with `prefix`. */
export function statefulSet(manifests: Manifest[], prefix: string): Manifest {
  const s = manifests.filter((m) => m.kind === "StatefulSet" && String(m.metadata.name).startsWith(prefix));
  if (s.length !== 1) throw new Error(`expected one StatefulSet ${prefix}*, found ${s.length}`);
  return s[0];
}
