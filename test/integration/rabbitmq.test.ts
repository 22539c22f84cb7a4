/**
 * RabbitMQ 3.10 from Debian with the Compose server command (cookie file, stable host name) and vhost job, and the
 * Kubernetes start hook: day one, then a recompile with another seed against the same data directory; AMQP logins
 * with the workload's values (amqplib), and a durable queue with a persistent message that must survive.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connect } from "amqplib";
import { join } from "node:path";
import * as h from "./harness.js";

h.requireServers();

/** One RabbitMQ data directory (the volume) and the container's HOME for the cookie, on loopback ports. */
class Rabbit {
  readonly dir = h.scratch("rabbitmq");
  readonly home = h.mkdirFor(join(this.dir, "home"));
  readonly bin = h.mkdirFor(join(this.dir, "bin"));
  readonly inetrc = join(this.dir, "inetrc");
  ports = { amqp: 0, dist: 0, epmd: 0 };
  server?: h.Server;
  node = "";

  constructor() {
    // The images' entrypoint, as far as these tests need it: run the command.
    h.writeFor(join(this.bin, "docker-entrypoint.sh"), '#!/bin/sh\nexec "$@"\n', 0o755);
    h.writeFor(join(this.dir, "enabled_plugins"), "[].\n");
  }

  /** The environment of a process in the server's container (or network namespace): where the node is, and its host name. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: `${this.bin}:${h.RABBITMQ_BIN}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      HOME: this.home,
      RABBITMQ_NODENAME: this.node,
      ERL_EPMD_PORT: String(this.ports.epmd),
      ERL_INETRC: this.inetrc,
      LANG: "C.UTF-8",
      ...extra,
    };
  }

  /** Starts `argv` (the container's entrypoint + command) as node rabbit@`hostname`. */
  async start(argv: string[], hostname: string, containerEnv: Record<string, string>): Promise<void> {
    this.ports = { amqp: await h.freePort(), dist: await h.freePort(), epmd: await h.freePort() };
    this.node = `rabbit@${hostname}`;
    // The container's host name resolves to itself (Docker's /etc/hosts), here through Erlang's own resolver file.
    h.writeFor(this.inetrc, `{host, {127,0,0,1}, ["${hostname}"]}.\n{lookup, [file, native]}.\n`);
    const env = this.env({
      ...containerEnv,
      RABBITMQ_NODE_IP_ADDRESS: "127.0.0.1",
      RABBITMQ_NODE_PORT: String(this.ports.amqp),
      RABBITMQ_DIST_PORT: String(this.ports.dist),
      RABBITMQ_MNESIA_BASE: h.mkdirFor(join(this.dir, "mnesia")),
      RABBITMQ_LOG_BASE: h.mkdirFor(join(this.dir, "log")),
      RABBITMQ_LOGS: "-",
      RABBITMQ_PID_FILE: join(this.dir, "rabbit.pid"),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(this.dir, "enabled_plugins"),
      RABBITMQ_CONFIG_FILE: join(this.dir, "rabbitmq"),
      RABBITMQ_CONF_ENV_FILE: join(this.dir, "rabbitmq-env.conf"),
    });
    this.server = h.start(argv, { env, cwd: this.home, log: join(this.dir, "server.log") });
    const wait = h.run(["rabbitmqctl", "-q", "wait", "--timeout", "90", join(this.dir, "rabbit.pid")], {
      env: this.env(),
      timeoutMs: 100_000,
    });
    if (wait.status !== 0)
      throw new Error(
        `rabbitmq did not start: ${wait.stdout}${wait.stderr}\n${(await import("node:fs")).readFileSync(join(this.dir, "server.log"), "utf8").slice(-3000)}`,
      );
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
    // The node started epmd on the test's port; it outlives the node, so stop it too.
    if (this.ports.epmd) h.run(["epmd", "-kill"], { env: { ERL_EPMD_PORT: String(this.ports.epmd) }, user: "self" });
  }

  /** A workload's AMQP login; returns the connection's channel and a closer, or the error. */
  async amqp(user: string, password: string, vhost: string) {
    const url = `amqp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${this.ports.amqp}/${encodeURIComponent(vhost)}`;
    return connect(url);
  }
}

async function writeDayOne(rabbit: Rabbit, user: string, password: string, vhost: string): Promise<void> {
  const conn = await rabbit.amqp(user, password, vhost);
  const ch = await conn.createChannel();
  await ch.assertQueue("kept", { durable: true });
  ch.sendToQueue("kept", Buffer.from("from day one"), { persistent: true });
  await ch.close();
  await conn.close();
}

async function readDayTwo(
  rabbit: Rabbit,
  user: string,
  password: string,
  vhost: string,
  oldPassword: string,
): Promise<void> {
  const conn = await rabbit.amqp(user, password, vhost);
  const ch = await conn.createChannel();
  const msg = await ch.get("kept", { noAck: false });
  assert.ok(msg, "the durable queue still holds day one's message");
  assert.is(msg && msg.content.toString(), "from day one");
  ch.nack(msg, false, true);
  await ch.close();
  await conn.close();
  let refused = "";
  await rabbit.amqp(user, oldPassword, vhost).then(
    (c) => c.close(),
    (e: Error) => (refused = String(e.message)),
  );
  assert.match(refused, /ACCESS_REFUSED|403/);
}

test("compose: the cookie file and the vhost job converge after a seed change; the stable node name keeps the queues", async () => {
  const rabbit = new Rabbit();
  try {
    let hostname = "";
    for (const [round, seed] of h.SEEDS) {
      const file = h.composeFor(seed);
      const app = h.workloadEnv(file);
      const server = file.services[app.AMQP_HOST!]!;
      assert.is(server.hostname, app.AMQP_HOST, "the node name comes from a fixed host name, not the container id");
      hostname = server.hostname!;
      const serverEnv = Object.fromEntries(
        Object.entries(server.environment ?? {}).map(([k, v]) => [k, h.uncompose(v)]),
      );
      assert.not.ok("RABBITMQ_ERLANG_COOKIE" in serverEnv, "the deprecated cookie variable is not used");
      await rabbit.start([...server.entrypoint!, ...server.command!.map(h.uncompose)], hostname, serverEnv);
      assert.is(server.healthcheck!.test[0], "CMD-SHELL");
      assert.is(
        h.run(["sh", "-c", h.uncompose(server.healthcheck!.test[1]!)], { env: rabbit.env(), user: "self" }).status,
        0,
        "healthcheck",
      );
      const [, job] = h.service(file, (_, s) => s.network_mode === `service:${app.AMQP_HOST}`);
      // The job is another container: its own HOME (so its own cookie file), the server's network namespace and host name.
      const jobHome = h.mkdirFor(join(h.scratch("job"), "home"));
      const jobEnv = rabbit.env({
        ...Object.fromEntries(Object.entries(job.environment ?? {}).map(([k, v]) => [k, h.uncompose(v)])),
        HOME: jobHome,
      });
      // Once per round: day two runs it against day one's users (rabbitmqctl takes ~1 s per call here).
      h.runOk([...job.entrypoint!, ...job.command!.map(h.uncompose)], {
        env: jobEnv,
        user: "self",
        timeoutMs: 120_000,
      });
      if (round === 1) await writeDayOne(rabbit, app.AMQP_USER!, app.AMQP_PASSWORD!, app.AMQP_VHOST!);
      else
        await readDayTwo(
          rabbit,
          app.AMQP_USER!,
          app.AMQP_PASSWORD!,
          app.AMQP_VHOST!,
          h.workloadEnv(h.composeFor("day-one")).AMQP_PASSWORD!,
        );
      await rabbit.stop();
    }
    // Why hostname: matters: the same data directory under another node name (what a container id gives) starts empty.
    const file = h.composeFor("day-two");
    const server = file.services[hostname]!;
    await rabbit.start(
      [...server.entrypoint!, ...server.command!.map(h.uncompose)],
      "another-container-id",
      Object.fromEntries(Object.entries(server.environment ?? {}).map(([k, v]) => [k, h.uncompose(v)])),
    );
    const vhosts = h.runOk(["rabbitmqctl", "-q", "list_vhosts"], { env: rabbit.env(), user: "self" });
    assert.not.match(vhosts, h.workloadEnv(file).AMQP_VHOST!);
  } finally {
    await rabbit.stop();
  }
});

test("kubernetes: the start hook applies a new seed's user and password; data is kept", async () => {
  const rabbit = new Rabbit();
  await h.acrossSeeds(rabbit, async (round, seed) => {
    const manifests = h.manifestsFor(seed);
    const sts = h.statefulSet(manifests, "rabbitmq-");
    const container = sts.spec.template.spec.containers[0];
    const env = h.containerEnv(manifests, container);
    // A StatefulSet pod's host name is stable: <name>-0. The image's command is rabbitmq-server.
    await rabbit.start(["rabbitmq-server"], `${sts.metadata.name}-0`, env);
    h.runOk(container.lifecycle.postStart.exec.command, { env: rabbit.env(env), user: "self", timeoutMs: 120_000 });
    const app = h.k8sWorkloadEnv(manifests);
    if (round === 1) await writeDayOne(rabbit, app.AMQP_USER!, app.AMQP_PASSWORD!, app.AMQP_VHOST!);
    else
      await readDayTwo(
        rabbit,
        app.AMQP_USER!,
        app.AMQP_PASSWORD!,
        app.AMQP_VHOST!,
        h.k8sWorkloadEnv(h.manifestsFor("day-one")).AMQP_PASSWORD!,
      );
    await rabbit.stop();
  });
});

test.after(() => h.cleanScratch());
test.run();
