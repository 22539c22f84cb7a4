/**
 * MariaDB from Debian, run as the mysql:8 image would (initialise, temporary socket-only server for the entrypoint's
 * setup, then `mysqld "$@"`), with the Compose server command, init file and database job, and the Kubernetes init
 * container: day one, then a recompile with another seed against the same data directory.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import * as h from "./harness.js";
import { composeTemplate } from "./builtin-templates.js";
import { hex, quote, QUOTING_VALUES } from "./quoting.js";
import { HOSTILE_VALUES } from "../helpers/hostile-values.js";

h.requireServers();

class Maria {
  readonly dir = h.scratch("mysql");
  readonly data = join(this.dir, "data");
  readonly sock = join(this.dir, "mysqld.sock");
  port = 0;
  server?: h.Server;

  /** `mysqld` in a container's command is MariaDB here, with its files in the scratch directory and TCP on 127.0.0.1 only. */
  private argv(args: string[], networking: boolean): string[] {
    const [bin, ...rest] = args;
    assert.is(bin, "mysqld");
    // --no-defaults keeps /etc/mysql out; skip-name-resolve is the image's own setting (docker.cnf).
    const base = [
      "/usr/sbin/mariadbd",
      "--no-defaults",
      `--datadir=${this.data}`,
      `--socket=${this.sock}`,
      `--pid-file=${join(this.dir, "mysqld.pid")}`,
      "--skip-name-resolve",
      "--skip-log-bin",
      "--innodb-buffer-pool-size=16M",
    ];
    return [
      ...base,
      ...(networking ? ["--bind-address=127.0.0.1", `--port=${this.port}`] : ["--skip-networking"]),
      ...rest,
    ];
  }

  /** The entrypoint on an empty volume: initialise, then root@localhost, root@'%' and the optional database and user. */
  async initLikeImage(args: string[], env: Record<string, string>): Promise<void> {
    h.mkdirFor(this.data, 0o700);
    h.runOk(
      [
        "/usr/bin/mariadb-install-db",
        "--no-defaults",
        `--datadir=${this.data}`,
        "--auth-root-authentication-method=normal",
        "--skip-test-db",
        "--basedir=/usr",
      ],
      { timeoutMs: 120_000 },
    );
    await this.start(args, false);
    const q = (s: string) => "'" + s.replace(/[\\']/g, (c) => "\\" + c) + "'";
    // mariadb-install-db also makes password-less root@127.0.0.1, root@::1 and root@<host>; mysqld --initialize makes
    // root@localhost only: remove the others, as the mariadb image's entrypoint does.
    let setup = `DELETE FROM mysql.global_priv WHERE User NOT IN ('mariadb.sys', 'root') OR Host <> 'localhost';\nFLUSH PRIVILEGES;\nALTER USER 'root'@'localhost' IDENTIFIED BY ${q(env.MYSQL_ROOT_PASSWORD!)};\nCREATE USER 'root'@'%' IDENTIFIED BY ${q(env.MYSQL_ROOT_PASSWORD!)};\nGRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;\n`;
    if (env.MYSQL_DATABASE) setup += `CREATE DATABASE IF NOT EXISTS \`${env.MYSQL_DATABASE}\`;\n`;
    if (env.MYSQL_USER)
      setup += `CREATE USER ${q(env.MYSQL_USER)}@'%' IDENTIFIED BY ${q(env.MYSQL_PASSWORD!)};\nGRANT ALL ON \`${env.MYSQL_DATABASE}\`.* TO ${q(env.MYSQL_USER)}@'%';\n`;
    h.runOk(["mariadb", "--no-defaults", `--socket=${this.sock}`, "-uroot", "--default-character-set=utf8mb4"], {
      input: setup,
      user: "self",
    });
    await this.stop();
  }

  async start(args: string[], networking = true): Promise<void> {
    this.port = await h.freePort();
    this.server = h.start(this.argv(args, networking), { log: join(this.dir, "server.log") });
    // Up is up, whether or not root@localhost still has no password.
    const up = () => {
      const r = h.run(["mariadb-admin", "--no-defaults", `--socket=${this.sock}`, "-uroot", "ping"], { user: "self" });
      return r.stdout.includes("alive") || r.stderr.includes("Access denied");
    };
    await h.waitFor("mariadb to accept connections", up, 60_000, this.server);
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  /** A client login over TCP (as a workload in another container would). */
  sql(user: string, password: string, database: string, sql: string): h.Run {
    return h.run(
      [
        "mariadb",
        "--no-defaults",
        "--default-character-set=utf8mb4",
        "-h",
        "127.0.0.1",
        "-P",
        String(this.port),
        `--user=${user}`,
        `--password=${password}`,
        "-N",
        "-B",
        `--database=${database}`,
        "-e",
        sql,
      ],
      { user: "self" },
    );
  }
}

/** The container's view: its paths under `root`, the server's host name replaced by 127.0.0.1 (the port comes from MYSQL_TCP_PORT). */
function substitute(text: string, paths: Record<string, string>, host?: string): string {
  let out = text;
  for (const [from, to] of Object.entries(paths)) out = out.replaceAll(from, to);
  return host ? out.replaceAll(host, "127.0.0.1") : out;
}

test("compose: the mysql server's init file and the database job converge after a seed change; data is kept", async () => {
  const db = new Maria();
  await h.acrossSeeds(db, async (round, seed) => {
    const file = h.composeFor(seed);
    const app = h.workloadEnv(file);
    const server = file.services[app.MY_HOST!]!;
    const env = Object.fromEntries(Object.entries(server.environment ?? {}).map(([k, v]) => [k, h.uncompose(v)]));
    const root = h.scratch("cfg");
    const at = h.materialiseConfigs(file, server, root);
    const args = server.command!.map((a) => a.replace(/=(\/etc\/mysql\/.*)$/, (_, p: string) => "=" + at(p)));
    if (round === 1) await db.initLikeImage(args, env);
    await db.start(args);
    const health = server.healthcheck!.test;
    assert.is(
      h.run(["sh", "-c", h.uncompose(health[1]!)], { env: { ...env, MYSQL_TCP_PORT: String(db.port) }, user: "self" })
        .status,
      0,
      "healthcheck",
    );
    const [jobName, job] = h.service(file, (n, s) => n.endsWith("-init") && s.image === server.image);
    const jobRoot = h.scratch("job");
    const jobAt = h.materialiseConfigs(file, job, jobRoot);
    const script = substitute(
      h.uncompose(job.command![1]!),
      { "/db-scripts/init.sql": jobAt("/db-scripts/init.sql") },
      app.MY_HOST,
    );
    const jobEnv = {
      ...Object.fromEntries(Object.entries(job.environment ?? {}).map(([k, v]) => [k, h.uncompose(v)])),
      MYSQL_TCP_PORT: String(db.port),
    };
    for (let i = 0; i < 2; i++) h.runOk([...job.entrypoint!, job.command![0]!, script], { env: jobEnv, user: "self" });
    assert.ok(jobName);
    if (round === 1) {
      const w = db.sql(
        app.MY_USER!,
        app.MY_PASSWORD!,
        app.MY_DB!,
        "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('from day one')",
      );
      assert.is(w.status, 0, w.stderr);
    } else {
      const r = db.sql(app.MY_USER!, app.MY_PASSWORD!, app.MY_DB!, "SELECT v FROM kept");
      assert.is(r.status, 0, r.stderr);
      assert.is(r.stdout.trim(), "from day one");
      assert.is(
        db.sql("root", env.MYSQL_ROOT_PASSWORD!, "mysql", "SELECT 1").status,
        0,
        "root@'%' has the new password",
      );
      const old = h.composeFor("day-one");
      const oldRoot = h.uncompose(old.services[app.MY_HOST!]!.environment!.MYSQL_ROOT_PASSWORD!);
      assert.match(db.sql("root", oldRoot, "mysql", "SELECT 1").stderr, /Access denied/);
      assert.match(
        db.sql(app.MY_USER!, h.workloadEnv(old).MY_PASSWORD!, app.MY_DB!, "SELECT 1").stderr,
        /Access denied/,
      );
    }
    await db.stop();
  });
});

test("kubernetes: the init container's init file applies a new seed's passwords on start; data is kept", async () => {
  const db = new Maria();
  await h.acrossSeeds(db, async (round, seed) => {
    const manifests = h.manifestsFor(seed);
    const sts = h.statefulSet(manifests, "mysql-");
    const pod = sts.spec.template.spec;
    const init = pod.initContainers[0];
    const container = pod.containers[0];
    const env = h.containerEnv(manifests, container);
    const mount = h.mkdirFor(join(h.scratch("converge"), "scorec"));
    const paths = { "/scorec/": mount + "/" };
    const initEnv = h.containerEnv(manifests, init);
    h.runOk(
      init.command.map((a: string) => substitute(h.kubeExpand(a, initEnv), paths)),
      { env: initEnv },
    );
    const args = container.args.map((a: string) => substitute(h.kubeExpand(a, env), paths));
    if (round === 1) await db.initLikeImage(args, env);
    await db.start(args);
    assert.is(
      h.run(container.readinessProbe.exec.command, { env: { MYSQL_TCP_PORT: String(db.port) }, user: "self" }).status,
      0,
      "readiness",
    );
    const app = h.k8sWorkloadEnv(manifests);
    if (round === 1) {
      const w = db.sql(
        app.MY_USER!,
        app.MY_PASSWORD!,
        app.MY_DB!,
        "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('k8s day one')",
      );
      assert.is(w.status, 0, w.stderr);
    } else {
      const r = db.sql(app.MY_USER!, app.MY_PASSWORD!, app.MY_DB!, "SELECT v FROM kept");
      assert.is(r.status, 0, r.stderr);
      assert.is(r.stdout.trim(), "k8s day one");
      assert.is(
        db.sql("root", env.MYSQL_ROOT_PASSWORD!, "mysql", "SELECT 1").status,
        0,
        "root@'%' has the new password",
      );
      const old = h.k8sWorkloadEnv(h.manifestsFor("day-one"));
      assert.match(db.sql(app.MY_USER!, old.MY_PASSWORD!, app.MY_DB!, "SELECT 1").stderr, /Access denied/);
    }
    await db.stop();
  });
});

test("sql.literal and sql.ident (mysql): the mariadb client and server read back exactly the hostile values", async () => {
  const db = new Maria();
  try {
    await db.initLikeImage(["mysqld"], { MYSQL_ROOT_PASSWORD: "unused" });
    await db.start(["mysqld"]);
    const expected: string[] = [];
    let script = "CREATE DATABASE q;\nUSE q;\n";
    QUOTING_VALUES.forEach((v, i) => {
      script += `SELECT HEX(${quote("sql.literal", v, "mysql")});\n`;
      expected.push(hex(v).toUpperCase());
      // Column names: 1 to 64 characters of the BMP, not ending in white space (MySQL's rules for quoted identifiers),
      // without a carriage return (sql.ident refuses it for MySQL: the client drops it).
      if (
        v !== "" &&
        [...v].length <= 64 &&
        !/[\u{10000}-\u{10FFFF}]/u.test(v) &&
        !/\s$/.test(v) &&
        !v.includes("\r")
      ) {
        script += `CREATE TABLE t${i} (${quote("sql.ident", v, "mysql")} int);\nSELECT HEX(COLUMN_NAME) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'q' AND TABLE_NAME = 't${i}';\n`;
        expected.push(hex(v).toUpperCase());
      }
    });
    const r = h.run(
      [
        "mariadb",
        "--no-defaults",
        "--default-character-set=utf8mb4",
        `--socket=${db.sock}`,
        "-uroot",
        "-punused",
        "-N",
        "-B",
      ],
      { input: script, user: "self" },
    );
    assert.is(r.stderr, "");
    assert.equal(r.stdout.trimEnd().split("\n"), expected);

    // The built-in rules' own SQL (database job, server init file) with hostile names and passwords.
    const root = (sql: string) =>
      h.runOk(
        ["mariadb", "--no-defaults", "--default-character-set=utf8mb4", `--socket=${db.sock}`, "-uroot", "-punused"],
        { input: sql, user: "self" },
      );
    for (const [i, v] of HOSTILE_VALUES.filter(
      (x) =>
        x !== "" && !x.includes("\r") && !/\s$/.test(x) && [...x].length <= 50 && !/[\u{10000}-\u{10FFFF}]/u.test(x),
    ).entries()) {
      const ctx = { outputs: { database: `${v}db`, username: `${v}u${i}`.slice(0, 80) }, secrets: { password: v } };
      const init = composeTemplate("compose-mysql", ["configs", "${outputs.database}-init", "content"], ctx);
      root(init);
      root(init);
      const login = db.sql(
        ctx.outputs.username,
        v,
        ctx.outputs.database,
        "CREATE TABLE t (x int); SELECT DATABASE() = " + quote("sql.literal", ctx.outputs.database, "mysql"),
      );
      assert.is(login.stderr, "", JSON.stringify(v));
      assert.is(login.stdout.trim(), "1");
      if (/[_%]/.test(ctx.outputs.database)) {
        // GRANT reads the database name as a LIKE pattern: escaped, it does not reach a look-alike database.
        const twin = ctx.outputs.database.replace(/[_%]/g, "x");
        root(`CREATE DATABASE IF NOT EXISTS ${quote("sql.ident", twin, "mysql")};`);
        assert.match(db.sql(ctx.outputs.username, v, twin, "SELECT 1").stderr, /Access denied/);
      }
    }
    for (const v of HOSTILE_VALUES) {
      root(
        composeTemplate("compose-mysql-server", ["configs", "${outputs.host}-converge", "content"], {
          secrets: { root_password: v },
        }),
      );
      assert.is(db.sql("root", v, "mysql", "SELECT 1").stdout.trim(), "1", `root password ${JSON.stringify(v)}`);
    }
  } finally {
    await db.stop();
  }
});

test.after(() => h.cleanScratch());
test.run();
