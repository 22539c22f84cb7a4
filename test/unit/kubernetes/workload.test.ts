import { test } from "uvu";
import * as assert from "uvu/assert";
import { emitKubernetes } from "../../../src/targets/kubernetes/index.js";
import { validateManifests } from "../../schemas/kubernetes/validator.js";
import { app, deepFreeze, find, workload } from "./build-app.js";

const web = () =>
  workload(
    "web",
    {
      main: {
        spec: {
          image: "nginx:1.27",
          command: ["/bin/sh", "-c"],
          args: ["echo $(HOME) ${args}"],
          resources: { limits: { memory: "128Mi", cpu: "500m" }, requests: { cpu: "100m" } },
          livenessProbe: {
            httpGet: { path: "/healthz", port: 8080, scheme: "HTTP", httpHeaders: [{ name: "X-Probe", value: "1" }] },
          },
          readinessProbe: { exec: { command: ["cat", "/ready"] }, httpGet: { path: "/ready", port: 8080 } },
        },
        variables: { ZED: "last", ALPHA: "first", PRICE: "costs $(5) or $$" },
      },
    },
    {
      metadata: { name: "web", annotations: { "example.com/team": "shop", "k8s.score.dev/service-name": "web" } },
      service: { ports: { www: { port: 80, targetPort: 8080 }, metrics: { port: 9090, protocol: "UDP" } } },
    },
  );

test("a workload becomes a Deployment and a Service that pass the strict schemas", () => {
  const result = emitKubernetes(deepFreeze(app([web()])), {});
  assert.equal(result.diagnostics, []);
  assert.equal(
    result.manifests.map((m) => `${String(m.kind)}/${(m.metadata as any).name}`),
    ["Service/web", "Deployment/web"],
  );
  assert.equal(validateManifests(result.manifests), []);
  assert.equal(
    result.files.map((f) => f.path),
    ["manifests.yaml"],
  );
});

test("labels, a name-only selector and pod annotations", () => {
  const [deployment] = find(emitKubernetes(app([web()]), {}).manifests, "Deployment");
  const labels = {
    "app.kubernetes.io/instance": "web",
    "app.kubernetes.io/managed-by": "scorec",
    "app.kubernetes.io/name": "web",
    "app.kubernetes.io/part-of": "shop",
  };
  assert.equal(deployment.metadata, { annotations: { "k8s.score.dev/workload-name": "web" }, labels, name: "web" });
  assert.equal(deployment.spec.selector, {
    matchLabels: { "app.kubernetes.io/instance": "web", "app.kubernetes.io/name": "web" },
  });
  assert.equal(deployment.spec.template.metadata, {
    annotations: { "example.com/team": "shop", "k8s.score.dev/workload-name": "web" },
    labels,
  });
  assert.not.ok("replicas" in deployment.spec);
});

test("container: verbatim command/args, sorted env with $( escaped, resources, probes (exec preferred), ports", () => {
  const [deployment] = find(emitKubernetes(app([web()]), {}).manifests, "Deployment");
  const [main] = deployment.spec.template.spec.containers;
  assert.equal(main.command, ["/bin/sh", "-c"]);
  assert.equal(main.args, ["echo $(HOME) ${args}"]);
  assert.equal(main.env, [
    { name: "ALPHA", value: "first" },
    { name: "PRICE", value: "costs $$(5) or $$$" },
    { name: "ZED", value: "last" },
  ]);
  assert.equal(main.resources, { limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "100m" } });
  assert.equal(main.livenessProbe, {
    httpGet: { httpHeaders: [{ name: "X-Probe", value: "1" }], path: "/healthz", port: 8080, scheme: "HTTP" },
  });
  assert.equal(main.readinessProbe, { exec: { command: ["cat", "/ready"] } });
  assert.equal(main.ports, [
    { containerPort: 9090, name: "metrics", protocol: "UDP" },
    { containerPort: 8080, name: "www", protocol: "TCP" },
  ]);
});

test("Service ports sorted by name with targetPort and protocol defaults", () => {
  const [service] = find(emitKubernetes(app([web()]), {}).manifests, "Service");
  assert.equal(service.spec, {
    ports: [
      { name: "metrics", port: 9090, protocol: "UDP", targetPort: 9090 },
      { name: "www", port: 80, protocol: "TCP", targetPort: 8080 },
    ],
    selector: { "app.kubernetes.io/instance": "web", "app.kubernetes.io/name": "web" },
  });
});

test("no Service without ports; several containers are sorted and declare no container ports", () => {
  const w = workload("worker", { zeta: {}, alpha: {} }, { service: { ports: { api: { port: 80 } } } });
  const manifests = emitKubernetes(app([w]), {}).manifests;
  const [deployment] = find(manifests, "Deployment");
  assert.equal(
    deployment.spec.template.spec.containers.map((c: any) => c.name),
    ["alpha", "zeta"],
  );
  assert.ok(deployment.spec.template.spec.containers.every((c: any) => c.ports === undefined));
  assert.equal(find(emitKubernetes(app([workload("quiet", { main: {} })]), {}).manifests, "Service"), []);
});

test("k8s.score.dev/kind: StatefulSet gives a StatefulSet with a headless governing Service", () => {
  const w = workload(
    "db",
    { main: {} },
    { metadata: { name: "db", annotations: { "k8s.score.dev/kind": "StatefulSet" } } },
  );
  const result = emitKubernetes(app([w]), {});
  assert.equal(result.diagnostics, []);
  assert.equal(
    result.manifests.map((m) => `${String(m.kind)}/${(m.metadata as any).name}`),
    ["Service/db-headless-svc", "StatefulSet/db"],
  );
  const [sts] = find(result.manifests, "StatefulSet");
  assert.is(sts.spec.serviceName, "db-headless-svc");
  assert.equal(find(result.manifests, "Service")[0].spec.clusterIP, "None");
  assert.equal(sts.spec.template.metadata.annotations, { "k8s.score.dev/workload-name": "db" });
  assert.equal(validateManifests(result.manifests), []);
});

test("an unknown k8s.score.dev/kind is an error pointing at the annotation", () => {
  const w = workload(
    "db",
    { main: {} },
    { metadata: { name: "db", annotations: { "k8s.score.dev/kind": "DaemonSet" } } },
  );
  const result = emitKubernetes(app([w]), {});
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.file, d.pointer]),
    [["TARGET_UNSUPPORTED", "db/score.yaml", "/metadata/annotations/k8s.score.dev~1kind"]],
  );
  assert.equal(result.files, []);
});

test("a workload with ports whose name starts with a digit cannot have a Service unless the annotation names one", () => {
  const w = workload("9lives", { main: {} }, { service: { ports: { web: { port: 80 } } } });
  assert.equal(
    emitKubernetes(app([w]), {}).diagnostics.map((d) => [d.code, d.pointer]),
    [["TARGET_INVALID_NAME", "/metadata/name"]],
  );
  const named = workload(
    "9lives",
    { main: {} },
    {
      metadata: { name: "9lives", annotations: { "k8s.score.dev/service-name": "cat" } },
      service: { ports: { web: { port: 80 } } },
    },
  );
  const result = emitKubernetes(app([named]), {});
  assert.equal(result.diagnostics, []);
  assert.equal(
    find(result.manifests, "Service").map((s) => s.metadata.name),
    ["cat"],
  );
  const bad = workload(
    "web",
    { main: {} },
    {
      metadata: { name: "web", annotations: { "k8s.score.dev/service-name": "Bad" } },
      service: { ports: { web: { port: 80 } } },
    },
  );
  assert.equal(
    emitKubernetes(app([bad]), {}).diagnostics.map((d) => d.pointer),
    ["/metadata/annotations/k8s.score.dev~1service-name"],
  );
});

test("diagnostics carry the Score file's range when the workload can locate paths", () => {
  const w = workload("db", { main: {} }, { metadata: { name: "db", annotations: { "k8s.score.dev/kind": "Job" } } });
  const range = { start: { line: 5, col: 5, offset: 40 }, end: { line: 5, col: 25, offset: 60 } };
  const seen: unknown[] = [];
  const located = {
    ...w,
    locate: (path: readonly (string | number)[], mode?: string) => (
      seen.push([path, mode]),
      { file: "db/score.yaml", range }
    ),
  };
  const [d] = emitKubernetes(app([located]), {}).diagnostics;
  assert.equal([d?.file, d?.range, d?.pointer], ["db/score.yaml", range, "/metadata/annotations/k8s.score.dev~1kind"]);
  assert.equal(seen, [[["metadata", "annotations", "k8s.score.dev/kind"], "value"]]);
});

test("two service ports on the same port and protocol are an error", () => {
  const w = workload("web", { main: {} }, { service: { ports: { a: { port: 80 }, b: { port: 80, targetPort: 81 } } } });
  const result = emitKubernetes(app([w]), {});
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.pointer]),
    [["TARGET_DUPLICATE_PORT", "/service/ports/b"]],
  );
});

test("invalid env names are errors pointing at the variable", () => {
  const w = workload("web", { main: { variables: { "BAD=NAME": "x", "tab\tname": "y", "OK name.with-dots": "z" } } });
  const result = emitKubernetes(app([w]), {});
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.pointer]),
    [
      ["TARGET_INVALID_NAME", "/containers/main/variables/BAD=NAME"],
      ["TARGET_INVALID_NAME", "/containers/main/variables/tab\tname"],
    ],
  );
});

test("before: complete → init container (probes dropped, warned), started → sidecar, healthy → sidecar with a startup probe; ordered along before", () => {
  const probe = { exec: { command: ["ready"] } };
  const w = workload(
    "web",
    {
      app: {},
      migrate: { spec: { before: { app: { ready: "complete" } }, readinessProbe: probe } },
      proxy: { spec: { before: { app: { ready: "healthy" } }, readinessProbe: probe } },
      vault: { spec: { before: { migrate: { ready: "started" }, proxy: { ready: "started" } } } },
    },
    { service: { ports: { http: { port: 80 } } } },
  );
  const result = emitKubernetes(app([w]), {});
  assert.equal(
    result.diagnostics.map((d) => [d.severity, d.code, d.pointer]),
    [["warning", "TARGET_UNSUPPORTED", "/containers/migrate/before"]],
  );
  const spec = find(result.manifests, "Deployment")[0].spec.template.spec;
  assert.equal(
    spec.containers.map((c: any) => c.name),
    ["app"],
  );
  assert.is(spec.containers[0].ports, undefined, "with several containers none declares the ports");
  assert.equal(
    spec.initContainers.map((c: any) => c.name),
    ["vault", "migrate", "proxy"],
  );
  const [vault, migrate, proxy] = spec.initContainers;
  assert.equal([vault.restartPolicy, vault.startupProbe], ["Always", undefined]);
  assert.equal([migrate.restartPolicy, migrate.readinessProbe], [undefined, undefined]);
  assert.equal([proxy.restartPolicy, proxy.startupProbe, proxy.readinessProbe], ["Always", probe, probe]);
  assert.equal(validateManifests(result.manifests), []);
});

test("output is deterministic and identical for identical input", () => {
  const a = emitKubernetes(app([web(), workload("api", { main: {} })]), {});
  const b = emitKubernetes(app([workload("api", { main: {} }), web()]), {});
  assert.equal(a.files, b.files);
  assert.ok(
    a.files[0]?.text.startsWith(
      "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    k8s.score.dev/workload-name: api\n",
    ),
  );
});

test.run();
