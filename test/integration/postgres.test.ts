/**
 * PostgreSQL (Debian's, run as the postgres image would) with the Compose init jobs and the Kubernetes start hook:
 * day one, then a recompile with another seed against the same data directory.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import * as h from "./harness.js";
import { composeTemplate } from "./builtin-templates.js";
import { hex, quote, QUOTING_VALUES } from "./quoting.js";
import { HOSTILE_VALUES } from "../helpers/hostile-values.js";

h.requireServers();
const PATH = `${h.PG_BIN}:${process.env.PATH ?? "/usr/bin:/bin"}`;

/** One data directory and socket directory, like one Docker volume; listening on 127.0.0.1. */
class Pg {
  readonly dir = h.scratch("pg");
  readonly data = join(this.dir, "data");
  readonly sock = h.mkdirFor(join(this.dir, "sock"));
  port = 0;
  server?: h.Server;

  /** What the image's entrypoint does on an empty volume: initdb, the optional database, then password auth for remote hosts. */
  async initLikeImage(user: string, password: string, database?: string): Promise<void> {
    const pwfile = h.writeFor(join(this.dir, "pwfile"), password + "\n", 0o600);
    h.runOk([join(h.PG_BIN, "initdb"), "-D", this.data, `--username=${user}`, `--pwfile=${pwfile}`], { env: { PATH } });
    if (database !== undefined && database !== "postgres") {
      await this.start(true);
      h.runOk(
        [
          "psql",
          "-v",
          "ON_ERROR_STOP=1",
          "-h",
          this.sock,
          "-p",
          String(this.port),
          "-U",
          user,
          "-d",
          "postgres",
          "-v",
          `db=${database}`,
        ],
        { env: { PATH }, input: 'CREATE DATABASE :"db";\n' },
      );
      await this.stop();
    }
    // docker-entrypoint.sh (pg_setup_hba_conf): everything not matched by initdb's local/127.0.0.1 trust lines needs a password.
    appendFileSync(join(this.data, "pg_hba.conf"), "host all all all scram-sha-256\n");
  }

  /** Starts the server; `socketOnly` is the image's init-time server (listen_addresses ''). */
  async start(socketOnly = false): Promise<void> {
    this.port = await h.freePort();
    const listen = socketOnly ? "" : "127.0.0.1";
    this.server = h.start(
      [
        join(h.PG_BIN, "postgres"),
        "-D",
        this.data,
        "-p",
        String(this.port),
        "-c",
        `listen_addresses=${listen}`,
        "-c",
        `unix_socket_directories=${this.sock}`,
      ],
      { log: join(this.dir, "server.log") },
    );
    await h.waitFor(
      "postgres to accept connections",
      () => h.run(["pg_isready", "-q", "-h", this.sock, "-p", String(this.port)], { env: { PATH } }).status === 0,
      30_000,
      this.server,
    );
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  /** libpq environment that points a container's commands at this server: its port, and its socket directory as the default. */
  get env(): Record<string, string> {
    return { PATH, PGPORT: String(this.port), PGHOST: this.sock };
  }

  /** A workload's login: from another host (127.0.0.2, which the image does not trust, so the password counts). */
  async sql(user: string, password: string, database: string, sql: string): Promise<h.Run> {
    const proxy = await h.fromAnotherHost(this.port);
    try {
      return await h.runAsync(
        [
          "psql",
          "-X",
          "-v",
          "ON_ERROR_STOP=1",
          "-At",
          "-h",
          "127.0.0.1",
          "-p",
          String(proxy.port),
          "-U",
          user,
          "-d",
          database,
          "-c",
          sql,
        ],
        { env: { PATH, PGPASSWORD: password } },
      );
    } finally {
      await proxy.close();
    }
  }
}

/** Runs a Compose one-off job (entrypoint + command) with its configs in place, as the postgres image would. */
function runComposeJob(file: h.ComposeFile, name: string, pg: Pg): void {
  const job = file.services[name]!;
  const root = h.scratch("job");
  const at = h.materialiseConfigs(file, job, root);
  const argv = [...(job.entrypoint ?? []), ...(job.command ?? [])].map((a) =>
    a.startsWith("/db-scripts/") ? at(a) : h.uncompose(a),
  );
  // Inside the server's network namespace: only the port differs from the container (PGPORT), not the host.
  h.runOk(argv, { env: { PATH, PGPORT: String(pg.port) }, user: "self" });
}

test("compose: postgres servers, init jobs and workload logins survive a seed change with their data", async () => {
  const servers = new Map<string, Pg>();
  try {
    for (const [round, seed] of h.SEEDS) {
      const file = h.composeFor(seed);
      const app = h.workloadEnv(file);
      for (const host of [app.PG_HOST!, app.PGI_HOST!]) {
        const server = file.services[host]!;
        let pg = servers.get(host);
        if (!pg) {
          pg = new Pg();
          servers.set(host, pg);
          await pg.initLikeImage(
            server.environment!.POSTGRES_USER!,
            h.uncompose(server.environment!.POSTGRES_PASSWORD!),
          );
        }
        await pg.start();
        const health = server.healthcheck!.test;
        assert.is(
          h.run(health.slice(1), { env: { PATH, PGPORT: String(pg.port) }, user: "self" }).status,
          0,
          "healthcheck",
        );
        const jobs = Object.keys(file.services).filter((n) => file.services[n]!.network_mode === `service:${host}`);
        assert.ok(jobs.length >= 1, `init jobs for ${host}`);
        // Twice: the jobs must be idempotent (docker compose up runs them on every up).
        for (const name of [...jobs, ...jobs]) runComposeJob(file, name, pg);
      }
      const pg = servers.get(app.PG_HOST!)!;
      const pgi = servers.get(app.PGI_HOST!)!;
      if (round === 1) {
        const w = await pg.sql(
          app.PG_USER!,
          app.PG_PASSWORD!,
          app.PG_DB!,
          "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('from day one')",
        );
        assert.is(w.status, 0, w.stderr);
        const wi = await pgi.sql(
          app.PGI_USER!,
          app.PGI_PASSWORD!,
          "postgres",
          "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('instance day one')",
        );
        assert.is(wi.status, 0, wi.stderr);
      } else {
        const read = await pg.sql(app.PG_USER!, app.PG_PASSWORD!, app.PG_DB!, "SELECT v FROM kept");
        assert.is(read.stderr, "");
        assert.is(read.stdout.trim(), "from day one");
        assert.is(
          (await pgi.sql(app.PGI_USER!, app.PGI_PASSWORD!, "postgres", "SELECT v FROM kept")).stdout.trim(),
          "instance day one",
        );
        // The old password is refused: the job really changed it.
        const old = h.workloadEnv(h.composeFor("day-one"));
        assert.match(
          (await pg.sql(old.PG_USER!, old.PG_PASSWORD!, old.PG_DB!, "SELECT 1")).stderr,
          /password authentication failed/,
        );
        assert.match(
          (await pgi.sql(old.PGI_USER!, old.PGI_PASSWORD!, "postgres", "SELECT 1")).stderr,
          /password authentication failed/,
        );
      }
      for (const s of servers.values()) await s.stop();
    }
  } finally {
    for (const s of servers.values()) await s.stop();
  }
});

for (const prefix of ["pg-", "pgi-"]) {
  test(`kubernetes ${prefix}: readiness waits for TCP, the start hook applies a new seed's password, data is kept`, async () => {
    const pg = new Pg();
    try {
      for (const [round, seed] of h.SEEDS) {
        const manifests = h.manifestsFor(seed);
        const sts = h.statefulSet(manifests, prefix);
        const container = sts.spec.template.spec.containers[0];
        const env = h.containerEnv(manifests, container);
        const probe: string[] = container.readinessProbe.exec.command;
        const hook: string[] = container.lifecycle.postStart.exec.command;
        const database = env.POSTGRES_DB ?? "postgres";
        if (round === 1) {
          const pwfile = h.writeFor(join(pg.dir, "pwfile"), env.POSTGRES_PASSWORD + "\n", 0o600);
          h.runOk([join(h.PG_BIN, "initdb"), "-D", pg.data, `--username=${env.POSTGRES_USER}`, `--pwfile=${pwfile}`], {
            env: { PATH },
          });
          // The image's init-time server listens on the socket only: the probe must not pass yet (the old probe,
          // without -h, did: the pod went Ready ~0.4 s before TCP was open).
          await pg.start(true);
          assert.is.not(
            h.run(probe, { env: pg.env, user: "self" }).status,
            0,
            "readiness must fail while only the socket is open",
          );
          assert.is(
            h.run(
              probe.filter((a, i) => a !== "-h" && probe[i - 1] !== "-h"),
              { env: pg.env, user: "self" },
            ).status,
            0,
            "(the socket-only probe passes here)",
          );
          if (database !== "postgres")
            h.runOk(
              ["psql", "-v", "ON_ERROR_STOP=1", "-U", env.POSTGRES_USER!, "-d", "postgres", "-v", `db=${database}`],
              { env: pg.env, input: 'CREATE DATABASE :"db";\n' },
            );
          await pg.stop();
          appendFileSync(join(pg.data, "pg_hba.conf"), "host all all all scram-sha-256\n");
        }
        await pg.start();
        // The hook runs beside the server's start (postStart); its own wait for TCP is part of what it does.
        h.runOk(hook, { env: { ...env, ...pg.env }, user: "self", timeoutMs: 60_000 });
        assert.is(h.run(probe, { env: pg.env, user: "self" }).status, 0, "readiness over TCP");
        const app = h.k8sWorkloadEnv(manifests);
        const [user, password] =
          prefix === "pg-" ? [app.PG_USER!, app.PG_PASSWORD!] : [app.PGI_USER!, app.PGI_PASSWORD!];
        assert.is(user, env.POSTGRES_USER);
        if (round === 1) {
          const w = await pg.sql(
            user,
            password,
            database,
            "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('k8s day one')",
          );
          assert.is(w.status, 0, w.stderr);
        } else {
          const r = await pg.sql(user, password, database, "SELECT v FROM kept");
          assert.is(r.stderr, "");
          assert.is(r.stdout.trim(), "k8s day one");
          const oldEnv = h.containerEnv(
            h.manifestsFor("day-one"),
            h.statefulSet(h.manifestsFor("day-one"), prefix).spec.template.spec.containers[0],
          );
          assert.match(
            (await pg.sql(user, oldEnv.POSTGRES_PASSWORD!, database, "SELECT 1")).stderr,
            /password authentication failed/,
          );
        }
        await pg.stop();
      }
    } finally {
      await pg.stop();
    }
  });
}

test("sql.literal and sql.ident: psql and PostgreSQL read back exactly the hostile values", async () => {
  const pg = new Pg();
  try {
    await pg.initLikeImage("postgres", "unused");
    await pg.start();
    const expected: string[] = [];
    let script = "";
    for (const v of QUOTING_VALUES) {
      script += `SELECT encode(convert_to(${quote("sql.literal", v)}, 'UTF8'), 'hex');\n`;
      expected.push(hex(v));
      // PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN); an empty one cannot be quoted.
      if (v !== "" && Buffer.byteLength(v) <= 63) {
        script += `SELECT encode(convert_to(json_object_keys(row_to_json(t)), 'UTF8'), 'hex') FROM (SELECT 1 AS ${quote("sql.ident", v)}) t;\n`;
        expected.push(hex(v));
      }
    }
    const r = h.run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-U", "postgres", "-d", "postgres"], {
      env: pg.env,
      input: script,
      user: "self",
    });
    assert.is(r.stderr, "");
    assert.equal(r.stdout.trimEnd().split("\n"), expected);
  } finally {
    await pg.stop();
  }
});

test("built-in rules: the postgres init SQL creates and logs in hostile user, database and password names", async () => {
  const pg = new Pg();
  try {
    await pg.initLikeImage("postgres", "unused");
    await pg.start();
    const names = HOSTILE_VALUES.filter((v) => v !== "" && Buffer.byteLength(v) <= 60);
    for (const [i, v] of names.entries()) {
      const ctx = { outputs: { database: `${v}db`, username: `${v}u${i}` }, secrets: { password: v } };
      const sql = composeTemplate("compose-postgres", ["configs", "${outputs.database}-init", "content"], ctx);
      const superuser = composeTemplate("compose-postgres-server", ["configs", "${outputs.host}-init", "content"], {
        secrets: { password: v },
      });
      for (const script of [sql, sql, superuser])
        h.runOk(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-U", "postgres", "-d", "postgres"], {
          env: pg.env,
          input: script,
          user: "self",
        });
      const login = await pg.sql(
        ctx.outputs.username,
        v,
        ctx.outputs.database,
        "CREATE TABLE t (x int); SELECT current_user = " + quote("sql.literal", ctx.outputs.username),
      );
      assert.is(login.stderr, "", JSON.stringify(v));
      assert.is(login.stdout.trim().split("\n").pop(), "t", "logged in as the hostile user, in its own database");
      assert.is(
        (await pg.sql("postgres", v, "postgres", "SELECT 1")).stdout.trim(),
        "1",
        `superuser password ${JSON.stringify(v)}`,
      );
    }
  } finally {
    await pg.stop();
  }
});

test.after(() => h.cleanScratch());
test.run();
