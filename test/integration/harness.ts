/**
 * Runs real servers from the Debian packages for the integration tests: each on loopback ports, in a scratch data
 * directory, as an unprivileged user when the tests run as root (PostgreSQL and MariaDB refuse root), stopped by PID,
 * with every wait bounded. See README.md in this folder for what the tests substitute and why.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server as NetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { compile } from "../../src/api/compile.js";

/** The unprivileged user (nobody) that servers run as when the tests run as root. */
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** Where the Debian packages put the binaries that are not on PATH. */
export const PG_BIN = (() => {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, "bin/postgres"))) : [];
  return versions.length ? join(base, versions.sort((a, b) => Number(b) - Number(a))[0]!, "bin") : "";
})();
export const RABBITMQ_BIN = "/usr/lib/rabbitmq/bin";

const REQUIRED: [string, string][] = [
  ["postgresql", join(PG_BIN, "postgres")],
  ["mariadb-server", "/usr/sbin/mariadbd"],
  ["redis-server", "/usr/bin/redis-server"],
  ["rabbitmq-server", join(RABBITMQ_BIN, "rabbitmq-server")],
  ["nginx", "/usr/sbin/nginx"],
];

/** Fails with the install command when a server package is missing (.ci/run installs them). */
export function requireServers(): void {
  const missing = REQUIRED.filter(([, bin]) => !bin || !existsSync(bin)).map(([pkg]) => pkg);
  if (missing.length) throw new Error(`integration tests need the Debian packages ${missing.join(", ")}: run .ci/run, or apt-get install -y --no-install-recommends ${missing.join(" ")}`);
}

const scratchDirs: string[] = [];
const running = new Set<ChildProcess>();

/** A fresh directory that the server user can write. */
export function scratch(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `scorec-it-${name}-`));
  chmodSync(dir, 0o755);
  if (asRoot) chownSync(dir, NOBODY, NOBODY);
  scratchDirs.push(dir);
  return dir;
}

/** A sub-directory (or file's parent) of a scratch directory, owned by the server user. */
export function mkdirFor(path: string, mode = 0o755): string {
  mkdirSync(path, { recursive: true, mode });
  chmodSync(path, mode);
  if (asRoot) chownSync(path, NOBODY, NOBODY);
  return path;
}

/** Writes a file that the server user can read (and, with `mode`, only it). */
export function writeFor(path: string, text: string, mode = 0o644): string {
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  if (asRoot) chownSync(path, NOBODY, NOBODY);
  return path;
}

/** Removes every scratch directory (after the servers have stopped). */
export function cleanScratch(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** argv run as the server user when we are root. */
function asServerUser(argv: string[]): string[] {
  return asRoot ? ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--", ...argv] : argv;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (as the server user), bounded in time. */
export function run(argv: string[], options: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number; user?: "server" | "self" } = {}): Run {
  const full = options.user === "self" ? argv : asServerUser(argv);
  const r = spawnSync(full[0]!, full.slice(1), {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C.UTF-8", ...options.env },
    input: options.input,
    cwd: options.cwd,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 60_000,
  });
  return { status: r.status, stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? String(r.error) : "") };
}

/** Like {@link run}, but throws with the output when the exit status is not 0. */
export function runOk(argv: string[], options: Parameters<typeof run>[1] = {}): string {
  const r = run(argv, options);
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Like {@link run}, without blocking the event loop (so that an in-process proxy can serve the command). */
export function runAsync(argv: string[], options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C.UTF-8", ...options.env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", (e) => (stderr += String(e)));
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/**
 * A loopback TCP proxy whose connections to `port` come from 127.0.0.2: a workload in another container, whose address
 * the images do not trust (they trust 127.0.0.1, which is also the source of every plain loopback connection).
 */
export async function fromAnotherHost(port: number): Promise<{ port: number; close(): Promise<void> }> {
  const proxy: NetServer = createServer((client) => {
    const upstream = connect({ host: "127.0.0.1", port, localAddress: "127.0.0.2" });
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    port: (proxy.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}

/** A server process: its PID and a bounded stop (SIGTERM, then SIGKILL). */
export interface Server {
  pid: number;
  log: string;
  stop(): Promise<void>;
}

/** Starts a long-running server as the server user, its output in `log`. */
export function start(argv: string[], options: { env?: Record<string, string>; cwd?: string; log: string }): Server {
  const full = asServerUser(argv);
  const out = openSync(options.log, "a");
  const child = spawn(full[0]!, full.slice(1), { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C.UTF-8", ...options.env }, cwd: options.cwd, stdio: ["ignore", out, out] });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    pid: child.pid!,
    log: options.log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        await exited;
        clearTimeout(timer);
      }
      await exited;
      running.delete(child);
    },
  };
}

// A test that throws must not leave servers behind.
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true, failing after `timeoutMs` with the server log. */
export async function waitFor(what: string, check: () => boolean, timeoutMs: number, server?: Server): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${server ? `\n--- ${server.log} ---\n${readFileSync(server.log, "utf8").slice(-4000)}` : ""}`);
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

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
  return r.files.flatMap((f) => parseAllDocuments(f.text).map((d) => d.toJS() as Manifest));
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
// eslint-disable-next-line @typescript-eslint/no-explicit-any
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
export function service(file: ComposeFile, predicate: (name: string, s: ComposeService) => boolean): [string, ComposeService] {
  const found = Object.entries(file.services).filter(([n, s]) => predicate(n, s));
  if (found.length !== 1) throw new Error(`expected one matching service, found ${found.map(([n]) => n).join(", ") || "none"}`);
  return found[0]!;
}

/** The workload container's environment in the manifests, with secretKeyRef values looked up in the Secrets. */
export function k8sWorkloadEnv(manifests: Manifest[]): Record<string, string> {
  const deployment = manifests.find((m) => m.kind === "Deployment");
  const container = deployment.spec.template.spec.containers[0];
  return Object.fromEntries(container.env.map((e: Manifest) => [e.name, e.value ?? secretValue(manifests, e.valueFrom.secretKeyRef)]));
}

/** A Secret's value (stringData, or base64 data). */
export function secretValue(manifests: Manifest[], ref: { name: string; key: string }): string {
  const secret = manifests.find((m) => m.kind === "Secret" && m.metadata.name === ref.name);
  if (!secret) throw new Error(`no Secret ${ref.name}`);
  const v = secret.stringData?.[ref.key] ?? (secret.data?.[ref.key] !== undefined ? Buffer.from(secret.data[ref.key], "base64").toString("utf8") : undefined);
  if (v === undefined) throw new Error(`Secret ${ref.name} has no key ${ref.key}`);
  return v;
}

/** A container's env as the kubelet gives it (plain values and secretKeyRef values). */
export function containerEnv(manifests: Manifest[], container: Manifest): Record<string, string> {
  return Object.fromEntries((container.env ?? []).map((e: Manifest) => [e.name, e.value ?? secretValue(manifests, e.valueFrom.secretKeyRef)]));
}

/** Kubernetes' expansion of `$(VAR)` in command and args (`$$` is a literal `$`; unknown names stay as written). */
export function kubeExpand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => (m === "$$" ? "$" : name !== undefined && Object.hasOwn(env, name) ? env[name]! : m));
}

/** The StatefulSet whose name starts with `prefix`. */
export function statefulSet(manifests: Manifest[], prefix: string): Manifest {
  const s = manifests.filter((m) => m.kind === "StatefulSet" && String(m.metadata.name).startsWith(prefix));
  if (s.length !== 1) throw new Error(`expected one StatefulSet ${prefix}*, found ${s.length}`);
  return s[0];
}
