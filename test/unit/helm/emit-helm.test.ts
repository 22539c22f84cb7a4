import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import type { ResolvedApp } from "../../../src/model/resolved.js";
import { emitHelm } from "../../../src/targets/helm/index.js";
import { emitKubernetes } from "../../../src/targets/kubernetes/index.js";
import { app, deepFreeze, resource, workload } from "../kubernetes/build-app.js";

type Values = Record<string, any>;

function values(result: ReturnType<typeof emitHelm>): Values {
  assert.equal(
    result.diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  assert.equal(
    result.files.map((f) => f.path),
    ["values.yaml"],
  );
  return parse(result.files[0]!.text) as Values;
}

function codes(result: ReturnType<typeof emitHelm>): string[] {
  return result.diagnostics.map((d) => d.code);
}

const web = () =>
  workload(
    "web",
    {
      main: {
        spec: {
          image: "nginx:1.27",
          command: ["/bin/sh", "-c"],
          args: ["echo hello"],
          resources: { limits: { memory: "128Mi" }, requests: { cpu: "100m" } },
          livenessProbe: { httpGet: { path: "/healthz", port: 8080, httpHeaders: [{ name: "X-Probe", value: "1" }] } },
          readinessProbe: { exec: { command: ["cat", "/ready"] } },
        },
        variables: { ZED: "last", ALPHA: "first", PASSWORD: { secret: "s3cr3t-password" } },
      },
    },
    { service: { ports: { www: { port: 80, targetPort: 8080 } } } },
  );

const withResources = (resources: ResolvedApp["resources"]): ResolvedApp => ({
  ...app([web()]),
  target: "helm",
  resources,
});

test("one workload: the legacy score-helm layout under workloads.<name>", () => {
  const v = values(emitHelm(deepFreeze(app([web()])), {}));
  assert.equal(Object.keys(v), ["workloads"]);
  const w = v.workloads.web;
  assert.is(w.kind, "Deployment");
  const main = w.containers.main;
  assert.equal(main.image, { name: "nginx:1.27" });
  assert.equal(main.command, ["/bin/sh", "-c"]);
  assert.equal(main.args, ["echo hello"]);
  assert.equal(
    main.env.map((e: Values) => e.name),
    ["ALPHA", "PASSWORD", "ZED"],
  );
  assert.equal(main.livenessProbe, {
    httpGet: { path: "/healthz", port: 8080, httpHeaders: [{ name: "X-Probe", value: "1" }] },
  });
  assert.equal(main.readinessProbe, { exec: { command: ["cat", "/ready"] } });
  assert.equal(main.resources, { limits: { memory: "128Mi" }, requests: { cpu: "100m" } });
  assert.equal(w.service, { ports: [{ name: "www", port: 80, protocol: "TCP", targetPort: 8080 }] });
  assert.equal(w.selectorLabels, { "app.kubernetes.io/instance": "web", "app.kubernetes.io/name": "web" });
  assert.is(w.labels["app.kubernetes.io/managed-by"], undefined, "the chart sets managed-by itself");
});

test("a secret variable goes to the workload's Secret in the values and reaches the container by secretKeyRef", () => {
  const result = emitHelm(app([web()]), {});
  const w = values(result).workloads.web;
  assert.equal(w.secrets, { "web-env": { stringData: { "main.PASSWORD": "s3cr3t-password" } } });
  assert.equal(w.containers.main.env[1], {
    name: "PASSWORD",
    valueFrom: { secretKeyRef: { name: "web-env", key: "main.PASSWORD" } },
  });
  assert.is(result.files[0]!.text.split("s3cr3t-password").length, 2, "the secret appears exactly once");
});

test("several workloads go to one values file, one release; a shared resource's objects appear once", () => {
  const api = workload("api", { server: { spec: { image: "api:1" } } });
  const shared = resource("postgres.default#db", {
    declaredBy: [
      { workload: "api", name: "db" },
      { workload: "web", name: "db" },
    ],
    artifacts: {
      helm: {
        manifests: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "db-settings" }, data: { a: "1" } }],
      },
    },
  });
  const v = values(emitHelm({ ...app([web(), api]), resources: [shared] }, {}));
  assert.equal(Object.keys(v.workloads), ["api", "web"]);
  assert.equal(v.manifests, [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "db-settings" }, data: { a: "1" } },
  ]);
});

test("without helm artifacts the kubernetes manifests are used", () => {
  const r = resource("redis.default#web.cache", {
    artifacts: {
      kubernetes: { manifests: [{ apiVersion: "v1", kind: "Service", metadata: { name: "cache" }, spec: {} }] },
    },
  });
  const v = values(emitHelm(withResources([r]), {}));
  assert.equal(
    v.manifests.map((m: Values) => m.metadata.name),
    ["cache"],
  );
});

test("--namespace: the chart's namespace value, and set directly on namespaced resource manifests", () => {
  const r = resource("redis.default#web.cache", {
    artifacts: {
      helm: {
        manifests: [
          { apiVersion: "v1", kind: "Service", metadata: { name: "cache" }, spec: {} },
          { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "fast" }, provisioner: "x" },
        ],
      },
    },
  });
  const v = values(emitHelm(withResources([r]), { namespace: "shop" }));
  assert.is(v.namespace, "shop");
  assert.equal(
    v.manifests.map((m: Values) => m.metadata.namespace),
    ["shop", undefined],
  );
  assert.equal(codes(emitHelm(app([web()]), { namespace: "Not_A_Namespace" })), ["TARGET_INVALID_NAME"]);
});

test("rule values merge into the values; equal values from two rules are fine, different ones conflict", () => {
  const replicas = (uid: string, n: number) =>
    resource(uid, { artifacts: { helm: { values: { workloads: { web: { replicas: n } } } } } });
  const merged = values(emitHelm(withResources([replicas("a.default#web.a", 2), replicas("b.default#web.b", 2)]), {}));
  assert.is(merged.workloads.web.replicas, 2);
  assert.is(merged.workloads.web.kind, "Deployment", "merging keeps the generated values");
  const conflict = emitHelm(withResources([replicas("a.default#web.a", 2), replicas("b.default#web.b", 3)]), {});
  assert.equal(codes(conflict), ["TARGET_VALUES_CONFLICT"]);
  assert.equal(conflict.files, []);
  const overwrite = emitHelm(
    withResources([
      resource("a.default#web.a", { artifacts: { helm: { values: { workloads: { web: { kind: "StatefulSet" } } } } } }),
    ]),
    {},
  );
  assert.equal(codes(overwrite), ["TARGET_VALUES_CONFLICT"]);
});

test("rule values: manifests lists append; a non-mapping or a prototype key is refused", () => {
  const cm = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name } });
  const r = resource("a.default#web.a", {
    artifacts: { helm: { values: { manifests: [cm("from-values")] }, manifests: [cm("from-manifests")] } },
  });
  assert.equal(
    values(emitHelm(withResources([r]), {})).manifests.map((m: Values) => m.metadata.name),
    ["from-manifests", "from-values"],
  );
  const list = resource("a.default#web.a", {
    artifacts: { helm: { values: [] as unknown as Record<string, unknown> } },
  });
  assert.equal(codes(emitHelm(withResources([list]), {})), ["TARGET_INVALID_OUTPUT"]);
  const proto = resource("a.default#web.a", {
    artifacts: { helm: { values: JSON.parse('{"workloads": {"__proto__": {"x": 1}}}') } },
  });
  assert.equal(codes(emitHelm(withResources([proto]), {})), ["OVERRIDE_FORBIDDEN_PATH"]);
});

test("a malformed resource manifest is reported", () => {
  const r = resource("a.default#web.a", {
    artifacts: { helm: { manifests: [{ kind: "ConfigMap", metadata: { name: "x" } }] } },
  });
  assert.equal(codes(emitHelm(withResources([r]), {})), ["TARGET_INVALID_OUTPUT"]);
});

test("secrets from rules: allowed in a Secret manifest or a values Secret, a leak anywhere else", () => {
  const secret = "rule-secret-value-1234";
  const ok = resource("a.default#web.a", {
    secrets: { key: secret },
    artifacts: {
      helm: {
        values: { workloads: { web: { secrets: { "web-a": { stringData: { key: secret } } } } } },
        manifests: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "a" }, stringData: { key: secret } }],
      },
    },
    secretPaths: ["/helm/values/workloads/web/secrets/web-a/stringData/key", "/helm/manifests/0/stringData/key"],
  });
  assert.equal(values(emitHelm(withResources([ok]), {})).workloads.web.secrets["web-a"], {
    stringData: { key: secret },
  });
  const leakInValues = resource("a.default#web.a", {
    secrets: { key: secret },
    artifacts: { helm: { values: { workloads: { web: { pod: { annotations: { key: secret } } } } } } },
    secretPaths: ["/helm/values/workloads/web/pod/annotations/key"],
  });
  // One error each, from the rule's check: the final scan of the values does not report the same leak again.
  assert.equal(codes(emitHelm(withResources([leakInValues]), {})), ["RULES_SECRET_LEAK"]);
  const leakInConfigMap = resource("a.default#web.a", {
    secrets: { key: secret },
    artifacts: {
      helm: { manifests: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { key: secret } }] },
    },
    secretPaths: ["/helm/manifests/0/data/key"],
  });
  assert.equal(codes(emitHelm(withResources([leakInConfigMap]), {})), ["RULES_SECRET_LEAK"]);
});

test("patches apply to the values; a patch that copies a secret into plain values is caught", () => {
  const patch = (ops: unknown[]) => ({ path: "patch.yaml", text: JSON.stringify(ops) });
  const scaled = values(
    emitHelm(app([web()]), { patches: [patch([{ op: "add", path: "/workloads/web/replicas", value: 4 }])] }),
  );
  assert.is(scaled.workloads.web.replicas, 4);
  const copied = emitHelm(app([web()]), {
    patches: [
      patch([
        {
          op: "copy",
          from: "/workloads/web/secrets/web-env/stringData/main.PASSWORD",
          path: "/workloads/web/annotations/leak",
        },
      ]),
    ],
  });
  assert.equal(codes(copied), ["RULES_SECRET_LEAK"]);
  assert.equal(copied.files, []);
  const replaced = emitHelm(app([web()]), { patches: [patch([{ op: "replace", path: "", value: [] }])] });
  assert.equal(codes(replaced), ["PATCH_FAILED"]);
  const missing = emitHelm(app([web()]), {
    patches: [patch([{ op: "replace", path: "/workloads/nope/replicas", value: 1 }])],
  });
  assert.equal(codes(missing), ["PATCH_FAILED"]);
});

test("a resource object identical to a workload object is left out; a different one with its name collides", () => {
  const envSecret = emitKubernetes(app([web()]), {}).manifests.find((m) => m.kind === "Secret");
  assert.ok(envSecret);
  const identical = resource("a.default#web.a", { artifacts: { helm: { manifests: [envSecret] } } });
  const v = values(emitHelm(withResources([identical]), {}));
  assert.is(v.manifests, undefined);
  assert.ok(v.workloads.web.secrets["web-env"]);
  const other = { apiVersion: "v1", kind: "Secret", metadata: { name: "web-env" }, stringData: {} };
  const colliding = resource("a.default#web.a", { artifacts: { helm: { manifests: [other] } } });
  assert.equal(codes(emitHelm(withResources([colliding]), {})), ["TARGET_NAME_COLLISION"]);
});

test("the same input gives the same bytes, and the input is not modified", () => {
  const input = deepFreeze(
    withResources([
      resource("a.default#web.a", { artifacts: { helm: { values: { workloads: { web: { replicas: 2 } } } } } }),
    ]),
  );
  assert.is(emitHelm(input, {}).files[0]!.text, emitHelm(input, {}).files[0]!.text);
});

test.run();
