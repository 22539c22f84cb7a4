/**
 * Runs real servers from the Debian packages for the integration tests: each on loopback ports, in a scratch data
 * directory, as an unprivileged user when the tests run as root (PostgreSQL and MariaDB refuse root), stopped by PID,
 * with every wait bounded. See README.md in this folder for what the tests substitute and why.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import { connect, createServer, type Server as NetServer } from "node:net";
import { join } from "node:path";
import { asRoot, NOBODY } from "./scratch.js";

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
  if (missing.length)
    throw new Error(
      `integration tests need the Debian packages ${missing.join(", ")}: run .ci/run, or apt-get install -y --no-install-recommends ${missing.join(" ")}`,
    );
}

const running = new Set<ChildProcess>();

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
export function run(
  argv: string[],
  options: {
    env?: Record<string, string>;
    input?: string;
    cwd?: string;
    timeoutMs?: number;
    user?: "server" | "self";
  } = {},
): Run {
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
export function runAsync(
  argv: string[],
  options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C.UTF-8", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
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
  const child = spawn(full[0]!, full.slice(1), {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C.UTF-8", ...options.env },
    cwd: options.cwd,
    stdio: ["ignore", out, out],
  });
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
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${server ? `\n--- ${server.log} ---\n${readFileSync(server.log, "utf8").slice(-4000)}` : ""}`,
  );
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

// What the tests compile and how they read a container's view of it.
/** The two rounds of every day-two test: compile with one seed, then with another against the same data. */
export const SEEDS = [
  [1, "day-one"],
  [2, "day-two"],
] as const;

/** Runs a test's rounds (day one, then day two) against one server, and stops the server whatever happens. */
export async function acrossSeeds(
  server: { stop(): Promise<void> },
  round: (n: (typeof SEEDS)[number][0], seed: (typeof SEEDS)[number][1]) => Promise<void>,
): Promise<void> {
  try {
    for (const [n, seed] of SEEDS) await round(n, seed);
  } finally {
    await server.stop();
  }
}

export * from "./compiled.js";
export * from "./scratch.js";
