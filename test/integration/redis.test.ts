/**
 * Redis from Debian with the Compose server (its config file) and the Kubernetes server args: day one, then a
 * recompile with another seed against the same data directory. Redis reads its password at every start, so the new
 * one applies by itself; this proves it, and that the data survives the restart.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import * as h from "./harness.js";

h.requireServers();

class Redis {
  readonly dir = h.scratch("redis");
  readonly data = h.mkdirFor(join(this.dir, "data"));
  port = 0;
  server?: h.Server;

  /** The container's redis-server argv, plus the test's port, loopback address and data directory (later options win). */
  async start(argv: string[]): Promise<void> {
    this.port = await h.freePort();
    this.server = h.start(
      [...argv, "--port", String(this.port), "--bind", "127.0.0.1", "--dir", this.data, "--daemonize", "no"],
      { cwd: this.data, log: join(this.dir, "server.log") },
    );
    await h.waitFor(
      "redis to answer",
      () => /NOAUTH|PONG/.test(h.run(["redis-cli", "-p", String(this.port), "ping"], { user: "self" }).stdout),
      30_000,
      this.server,
    );
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  cli(password: string, ...args: string[]): h.Run {
    return h.run(["redis-cli", "--no-auth-warning", "-p", String(this.port), ...args], {
      env: { REDISCLI_AUTH: password },
      user: "self",
    });
  }

  /** A healthcheck or probe command, with redis-cli pointed at the test's port. */
  probe(shellCommand: string, env: Record<string, string>): number | null {
    return h.run(["sh", "-c", shellCommand.replaceAll("redis-cli", `redis-cli -p ${this.port}`)], { env, user: "self" })
      .status;
  }
}

function dayTwo(redis: Redis, password: string, oldPassword: string): void {
  assert.is(redis.cli(password, "GET", "kept").stdout.trim(), "from day one");
  assert.match(
    redis.cli(oldPassword, "GET", "kept").stdout + redis.cli(oldPassword, "GET", "kept").stderr,
    /WRONGPASS|invalid password/,
  );
}

test("compose: the redis config's password follows the seed; data is kept", async () => {
  const redis = new Redis();
  await h.acrossSeeds(redis, async (round, seed) => {
    const file = h.composeFor(seed);
    const app = h.workloadEnv(file);
    const server = file.services[app.REDIS_HOST!]!;
    const at = h.materialiseConfigs(file, server, h.scratch("cfg"));
    await redis.start([
      ...server.entrypoint!,
      ...server.command!.map((a) => (a.startsWith("/usr/local/etc/redis/") ? at(a) : a)),
    ]);
    const env = Object.fromEntries(Object.entries(server.environment ?? {}).map(([k, v]) => [k, h.uncompose(v)]));
    assert.is(redis.probe(h.uncompose(server.healthcheck!.test[1]!), env), 0, "healthcheck");
    if (round === 1) assert.is(redis.cli(app.REDIS_PASSWORD!, "SET", "kept", "from day one").stdout.trim(), "OK");
    else dayTwo(redis, app.REDIS_PASSWORD!, h.workloadEnv(h.composeFor("day-one")).REDIS_PASSWORD!);
    await redis.stop();
  });
});

test("kubernetes: redis args take the Secret's password at every start; data is kept", async () => {
  const redis = new Redis();
  await h.acrossSeeds(redis, async (round, seed) => {
    const manifests = h.manifestsFor(seed);
    const container = h.statefulSet(manifests, "redis-").spec.template.spec.containers[0];
    const env = h.containerEnv(manifests, container);
    // The image's entrypoint runs redis-server when the first argument is an option.
    await redis.start(["redis-server", ...container.args.map((a: string) => h.kubeExpand(a, env))]);
    assert.is(redis.probe(container.readinessProbe.exec.command[2], env), 0, "readiness");
    const app = h.k8sWorkloadEnv(manifests);
    if (round === 1) assert.is(redis.cli(app.REDIS_PASSWORD!, "SET", "kept", "from day one").stdout.trim(), "OK");
    else dayTwo(redis, app.REDIS_PASSWORD!, h.k8sWorkloadEnv(h.manifestsFor("day-one")).REDIS_PASSWORD!);
    await redis.stop();
  });
});

test.after(() => h.cleanScratch());
test.run();
