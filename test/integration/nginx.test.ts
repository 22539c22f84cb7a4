/**
 * nginx from Debian with the Compose router's generated configuration: `nginx -t`, then requests through the route
 * (`/api` and below reach the workload, `/apix` does not).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync } from "node:fs";
import { createServer, request } from "node:http";
import { dirname, join } from "node:path";
import * as h from "./harness.js";

h.requireServers();

function get(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
    req.end();
  });
}

test("compose: the router's nginx configuration passes nginx -t and routes /api, not /apix", async () => {
  const file = h.composeFor("day-one");
  const [routerName, router] = h.service(file, (_, s) => String(s.image).includes("nginx"));
  assert.ok(routerName);
  const seen: string[] = [];
  const backend = createServer((req, res) => {
    seen.push(req.url ?? "");
    res.end(`backend saw ${req.url}`);
  });
  await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
  const backendPort = (backend.address() as { port: number }).port;
  const port = await h.freePort();
  const root = h.scratch("nginx");
  let nginx: h.Server | undefined;
  try {
    // The container's files under `root`. Substituted, and nothing else: the listen port (80 -> the test's, IPv4
    // loopback only) and the workload's Compose host name:port (resolved by Docker's DNS there) -> the test backend.
    for (const c of router.configs ?? []) {
      const text = h
        .uncompose(file.configs![c.source]!.content)
        .replaceAll("/etc/nginx/", `${root}/etc/nginx/`)
        .replace(/^(\s*)listen 80;$/gm, `$1listen 127.0.0.1:${port};`)
        .replace(/^\s*listen \[::\]:80;\n/gm, "")
        .replace(/\bapp:8080\b/g, `127.0.0.1:${backendPort}`);
      h.mkdirFor(dirname(join(root, c.target)));
      h.writeFor(join(root, c.target), text);
    }
    // Scratch paths for an unprivileged nginx (the package has them under /var/lib/nginx and /var/log/nginx), in the
    // http block's include folder.
    for (const d of ["logs", "tmp"]) h.mkdirFor(join(root, d));
    mkdirSync(join(root, "etc/nginx/scorec"), { recursive: true });
    h.writeFor(
      join(root, "etc/nginx/scorec/zz-test-scratch.conf"),
      ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${root}/tmp/${t};`).join("\n") +
        `\naccess_log ${root}/logs/access.log;\n`,
    );
    const conf = join(root, "etc/nginx/nginx.conf");
    const globals = `pid ${root}/nginx.pid; error_log ${root}/logs/error.log;`;
    const check = h.run(["/usr/sbin/nginx", "-t", "-p", root + "/", "-c", conf, "-g", globals]);
    assert.is(check.status, 0, check.stderr);
    assert.match(check.stderr, /syntax is ok/);
    nginx = h.start(["/usr/sbin/nginx", "-p", root + "/", "-c", conf, "-g", `daemon off; ${globals}`], {
      log: join(root, "server.log"),
    });
    const host = h.workloadEnv(file).ROUTE_HOST!;
    let ready = false;
    for (let i = 0; i < 50 && !ready; i++)
      ready = await get(port, host, "/api").then(
        () => true,
        () => h.sleep(200).then(() => false),
      );
    assert.ok(ready, "nginx answers");
    seen.length = 0;
    const api = await get(port, host, "/api");
    assert.is(api.status, 200);
    assert.is(api.body, "backend saw /api");
    const below = await get(port, host, "/api/users?id=1");
    assert.is(below.body, "backend saw /api/users?id=1");
    const other = await get(port, host, "/apix");
    assert.is(other.status, 404);
    assert.equal(seen, ["/api", "/api/users?id=1"], "/apix never reaches the workload");
  } finally {
    await nginx?.stop();
    await new Promise<void>((resolve) => backend.close(() => resolve()));
  }
});

test.after(() => h.cleanScratch());
test.run();
