import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { checkComposeConsistency } from "../../../src/targets/compose/consistency.js";
import { emitCompose } from "../../../src/targets/compose/index.js";
import { composeProjectName } from "../../../src/targets/compose/project-name.js";
import { corpusPath, readText } from "../../helpers/corpus.js";
import { app, resource, workloadFromYaml } from "./app-builder.js";

type Project = { services: Record<string, Record<string, unknown>>; configs?: Record<string, unknown> };

const WEB = workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata: { name: web }
containers:
  main: { image: nginx }
resources:
  db: { type: postgres }
  route: { type: route }
`);

// A shared server with a healthcheck, a per-database init job, and a route that adds a config to a shared router.
const SERVER = resource("postgres-server.default#shared", {
  outputs: { host: "pg-1" },
  artifacts: {
    compose: {
      services: { "pg-1": { image: "postgres", healthcheck: { test: ["CMD", "pg_isready"] } } },
      volumes: { "pg-1-data": {} },
    },
  },
});
const DB = resource("postgres.default#web.db", {
  dependsOn: ["postgres-server.default#shared"],
  outputs: { host: "pg-1" },
  artifacts: {
    compose: {
      services: {
        "pg-1-init-a": { image: "postgres", labels: { "dev.score.compose.labels.is-init-container": "true" } },
      },
    },
  },
});
const ROUTER = resource("route-router.default#shared", {
  artifacts: {
    compose: {
      services: { router: { image: "nginx", configs: [{ source: "router-main", target: "/etc/nginx/nginx.conf" }] } },
      configs: { "router-main": { content: "x" } },
    },
  },
});
const ROUTE = resource("route.default#web.route", {
  dependsOn: ["route-router.default#shared"],
  artifacts: {
    compose: {
      services: { router: { configs: [{ source: "route-a", target: "/etc/nginx/a.conf" }] } },
      configs: { "route-a": { content: "a" } },
    },
  },
});

const merge = suite("resource artifacts");

merge("workloads wait for every resource service they use, with the right condition", () => {
  const result = emitCompose(app([WEB], [SERVER, DB, ROUTER, ROUTE]), { project: "p" });
  assert.equal(result.diagnostics, []);
  const project = parse(result.files[0]!.text) as Project;
  assert.equal(project.services["web-main"]!.depends_on, {
    "pg-1": { condition: "service_healthy", required: true },
    "pg-1-init-a": { condition: "service_completed_successfully", required: true },
    router: { condition: "service_started", required: true },
  });
});

merge("several resources add to one shared service: set-like lists take the union", () => {
  const other = resource("route.default#web.other", {
    dependsOn: ["route-router.default#shared"],
    artifacts: {
      compose: {
        services: { router: { configs: [{ source: "route-b", target: "/etc/nginx/b.conf" }] } },
        configs: { "route-b": { content: "b" } },
      },
    },
  });
  const project = parse(emitCompose(app([WEB], [ROUTER, ROUTE, other]), { project: "p" }).files[0]!.text) as Project;
  assert.equal(project.services.router!.configs, [
    { source: "router-main", target: "/etc/nginx/nginx.conf" },
    { source: "route-a", target: "/etc/nginx/a.conf" },
    { source: "route-b", target: "/etc/nginx/b.conf" },
  ]);
});

merge("two different definitions of one name are a collision naming both resources", () => {
  const clash = resource("redis.default#web.cache", {
    artifacts: { compose: { services: { "pg-1": { image: "redis" } } } },
  });
  const result = emitCompose(app([WEB], [SERVER, clash]), { project: "p" });
  assert.equal(result.files, []);
  assert.equal(
    result.diagnostics.map((d) => d.code),
    ["TARGET_NAME_COLLISION"],
  );
  assert.match(result.diagnostics[0]!.message, /redis\.default#web\.cache.*postgres-server\.default#shared.*image/);
});

merge("a workload service may not take a resource service's name", () => {
  const clash = resource("thing.default#x", { artifacts: { compose: { services: { "web-main": { image: "x" } } } } });
  const result = emitCompose(app([WEB], [clash]), { project: "p" });
  assert.equal(
    result.diagnostics.map((d) => d.code),
    ["TARGET_NAME_COLLISION"],
  );
});

const publish = suite("--publish");

// score-compose generate/publish-ports: the same entries, errors and service choice.
const EXAMPLE = workloadFromYaml(readText(corpusPath("score-compose", "generate", "publish-ports", "score.yaml")));
const PG = [
  resource("postgres.default#example.db1", {
    outputs: { host: "pg-a" },
    artifacts: { compose: { services: { "pg-a": { image: "postgres" } } } },
  }),
  resource("postgres.default#thing", { outputs: { host: "pg-a" } }),
];

publish("workload and resource entries publish on the right services", () => {
  const entries = [
    "8080:example:80",
    "42:postgres#example.db1.host:13",
    "43:postgres.default#example.db1.host:14",
    "44:postgres.default#thing.host:15",
  ];
  const result = emitCompose(app([EXAMPLE], PG), { project: "001", publish: entries });
  assert.equal(result.diagnostics, []);
  const project = parse(result.files[0]!.text) as Project;
  assert.equal(project.services["example-hello"]!.ports, [{ target: 80, published: "8080" }]);
  assert.equal(project.services["pg-a"]!.ports, [
    { target: 13, published: "42" },
    { target: 14, published: "43" },
    { target: 15, published: "44" },
  ]);
});

const ERRORS: [string, string][] = [
  ["something", "--publish[0] expected 3 :-separated parts"],
  ["x:foo:y", "--publish[0] could not parse host port 'x' as integer"],
  ["8080:foo:y", "--publish[0] could not parse container port 'y' as integer"],
  ["42:thing:13", "--publish[0] failed to find a workload named 'thing'"],
  ["42:x#y:13", "--publish[0] must match RES_UID.OUTPUT"],
  ["42:x#y.z:13", "--publish[0] failed to find a resource with uid 'x#y'"],
  ["42:postgres#thing.foo:13", "--publish[0] resource 'postgres.default#thing' has no output 'foo'"],
];
for (const [entry, message] of ERRORS) {
  publish(`error: ${entry}`, () => {
    const result = emitCompose(app([EXAMPLE], PG), { project: "001", publish: [entry] });
    assert.equal(
      result.diagnostics.map((d) => [d.code, d.message, d.file, d.range]),
      [["TARGET_INVALID_PUBLISH", message, undefined, undefined]],
    );
  });
}

publish("the same host port twice is an error", () => {
  const result = emitCompose(app([EXAMPLE], PG), {
    project: "001",
    publish: ["8080:example:80", "8080:postgres#thing.host:5432"],
  });
  assert.equal(
    result.diagnostics.map((d) => d.code),
    ["TARGET_DUPLICATE_PORT"],
  );
});

const checks = suite("consistency");

checks("undefined references and dependency cycles are reported", () => {
  const problems = checkComposeConsistency({
    services: {
      a: {
        image: "x",
        volumes: [{ type: "volume", source: "nope", target: "/x" }, "data:/y", "./dir:/z"],
        configs: ["c1"],
        networks: ["back"],
        depends_on: { b: {} },
      },
      b: { image: "x", network_mode: "service:a", ports: ["80:80"] },
      c: { image: "x", depends_on: ["missing"] },
    },
  });
  assert.equal(problems.map((d) => d.code).sort(), [
    "TARGET_DEPENDENCY_CYCLE",
    "TARGET_UNDEFINED_REFERENCE",
    "TARGET_UNDEFINED_REFERENCE",
    "TARGET_UNDEFINED_REFERENCE",
    "TARGET_UNDEFINED_REFERENCE",
    "TARGET_UNDEFINED_REFERENCE",
    "TARGET_UNSUPPORTED",
  ]);
});

checks("a well-formed project has no problems", () => {
  assert.equal(
    checkComposeConsistency({ services: { a: { image: "x", volumes: ["data:/d"] } }, volumes: { data: {} } }),
    [],
  );
});

const output = suite("output");

output("project names are sanitised", () => {
  assert.is(composeProjectName("My App.v2"), "my-app-v2");
  assert.is(composeProjectName("_x"), "x");
  assert.is(composeProjectName("..."), "default");
  assert.is(composeProjectName("001"), "001");
});

output("same input twice and shuffled input key order give the same bytes", () => {
  const yaml = (order: "a" | "b") => `
apiVersion: score.dev/v1b1
metadata: { name: web${order === "a" ? ", annotations: { z: '1', a: '2' }" : ", annotations: { a: '2', z: '1' }"} }
containers:
  ${order === "a" ? "b: { image: x, variables: { Z: z, A: a } }\n  a: { image: y }" : "a: { image: y }\n  b: { image: x, variables: { A: a, Z: z } }"}
`;
  const first = emitCompose(app([workloadFromYaml(yaml("a"))]), { project: "p" }).files[0]!.text;
  const again = emitCompose(app([workloadFromYaml(yaml("a"))]), { project: "p" }).files[0]!.text;
  const shuffled = emitCompose(app([workloadFromYaml(yaml("b"))]), { project: "p" }).files[0]!.text;
  assert.is(again, first);
  assert.is(shuffled, first);
});

output("a readable key order with one trailing newline", () => {
  const workload = workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata: { name: web }
containers:
  main:
    image: busybox
    command: ["/bin/sh"]
    args: ["-c", "echo $HOME"]
    variables: { B: "on", A: "0755" }
    readinessProbe: { exec: { command: ["true"] } }
`);
  const text = emitCompose(app([workload]), { project: "p" }).files[0]!.text;
  assert.is(
    text,
    `name: p
services:
  web-main:
    image: busybox
    hostname: web
    entrypoint:
      - /bin/sh
    command:
      - -c
      - echo $$HOME
    environment:
      A: "0755"
      B: "on"
    healthcheck:
      test:
        - CMD
        - "true"
      interval: 5s
      timeout: 5s
    annotations:
      compose.score.dev/workload-name: web
`,
  );
});

output("patches apply to the document before it is written", () => {
  const patch = { path: "patch.yaml", text: "- op: add\n  path: /services/web-main/read_only\n  value: true\n" };
  const workload = workloadFromYaml(
    "apiVersion: score.dev/v1b1\nmetadata: { name: web }\ncontainers:\n  main: { image: x }\n",
  );
  const result = emitCompose(app([workload]), { project: "p", patches: [patch] });
  assert.equal((parse(result.files[0]!.text) as Project).services["web-main"]!.read_only, true);
  const broken = emitCompose(app([workload]), {
    project: "p",
    patches: [{ path: "bad.yaml", text: "- op: remove\n  path: /services/nope\n" }],
  });
  assert.equal(broken.files, []);
  assert.equal(
    broken.diagnostics.map((d) => [d.code, d.file]),
    [["PATCH_FAILED", "bad.yaml"]],
  );
});

merge.run();
publish.run();
checks.run();
output.run();
