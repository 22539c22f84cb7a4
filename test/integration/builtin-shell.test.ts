/**
 * The built-in rules' shell scripts with hostile names and passwords: the words each command receives must be the
 * values, byte for byte. A stand-in rabbitmqctl / mysql on PATH records its arguments (NUL-separated).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { composeTemplate } from "./builtin-templates.js";
import * as h from "./harness.js";
import { HOSTILE_VALUES } from "../helpers/hostile-values.js";

const dir = h.scratch("shell");
const log = join(dir, "argv.log");
for (const name of ["rabbitmqctl", "mysql"])
  h.writeFor(join(dir, name), `#!/bin/sh\nprintf '%s\\0' ${name} "$@" >> "${log}"\nprintf '\\n' >> "${log}"\n`, 0o755);

function calls(script: string, env: Record<string, string> = {}): string[][] {
  rmSync(log, { force: true });
  h.runOk(["sh", "-c", script], { env: { PATH: `${dir}:/usr/bin:/bin`, HOME: dir, ...env }, user: "self" });
  return readFileSync(log, "utf8")
    .split("\0\n")
    .filter((l) => l !== "")
    .map((l) => l.split("\0"));
}

test("compose amqp job: rabbitmqctl receives the vhost, user and password exactly", () => {
  for (const v of HOSTILE_VALUES) {
    const ctx = {
      outputs: { vhost: `${v}v`, username: `${v}u` },
      secrets: { password: v },
      deps: { server: { erlang_cookie: "cookie" } },
    };
    const script = composeTemplate("compose-amqp", ["services", "${outputs.vhost}-init", "command", "1"], ctx);
    const got = calls(script, { SCOREC_ERLANG_COOKIE: "cookie" });
    assert.equal(
      got.slice(1, 3),
      [
        ["rabbitmqctl", "add_vhost", `${v}v`],
        ["rabbitmqctl", "add_user", `${v}u`, v],
      ],
      JSON.stringify(v),
    );
    assert.equal(got[3], ["rabbitmqctl", "change_password", `${v}u`, v]);
    assert.equal(got[5], ["rabbitmqctl", "set_permissions", "-p", `${v}v`, `${v}u`, ".*", ".*", ".*"]);
    assert.is(readFileSync(join(dir, ".erlang.cookie"), "utf8"), "cookie");
  }
});

test("compose mysql job: the mysql client receives the server host exactly", () => {
  for (const v of HOSTILE_VALUES) {
    const script = composeTemplate("compose-mysql", ["services", "${outputs.database}-init", "command", "1"], {
      deps: { server: { host: v } },
    }).replace(/<\s*\S+$/, "< /dev/null");
    const got = calls(script, { MYSQL_ROOT_PASSWORD: "p w" });
    assert.equal(got[0], ["mysql", "--default-character-set=utf8mb4", "-h", v, "-uroot", "-pp w"], JSON.stringify(v));
  }
});

test.after(() => h.cleanScratch());
test.run();
