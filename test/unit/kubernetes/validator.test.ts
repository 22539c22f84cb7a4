import { test } from "uvu";
import * as assert from "uvu/assert";
import { validateManifest } from "../../schemas/kubernetes/validator.js";

const deployment = () => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { "app.kubernetes.io/name": "web" } },
  spec: {
    selector: { matchLabels: { "app.kubernetes.io/name": "web" } },
    template: {
      metadata: { labels: { "app.kubernetes.io/name": "web" } },
      spec: {
        containers: [{ name: "main", image: "nginx", volumeMounts: [{ name: "data", mountPath: "/data" }] }],
        volumes: [{ name: "data", emptyDir: {} }],
      },
    },
  },
});

test("a well-formed Deployment passes", () => {
  assert.equal(validateManifest(deployment()), []);
});

test("unknown fields are errors at every depth", () => {
  const d = deployment() as any;
  d.spec.template.spec.containers[0].imagePullPolicyy = "Always";
  d.metadata.labelz = {};
  const problems = validateManifest(d);
  assert.ok(
    problems.some((p) => p.includes('/spec/template/spec/containers/0: unknown field "imagePullPolicyy"')),
    problems.join("\n"),
  );
  assert.ok(
    problems.some((p) => p.includes('/metadata: unknown field "labelz"')),
    problems.join("\n"),
  );
});

test("wrong types, missing required fields and unknown kinds are errors", () => {
  const d = deployment() as any;
  delete d.spec.selector;
  d.spec.replicas = "3";
  const problems = validateManifest(d);
  assert.ok(
    problems.some((p) => p.startsWith("/spec: must have required property 'selector'")),
    problems.join("\n"),
  );
  assert.ok(
    problems.some((p) => p.startsWith("/spec/replicas")),
    problems.join("\n"),
  );
  assert.equal(validateManifest({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "x" } }), [
    "/: no schema for example.com/v1 Widget",
  ]);
});

test("names, labels, keys, selectors and mounts are checked like the API server does", () => {
  const d = deployment() as any;
  d.metadata.name = "Web_1";
  d.spec.template.metadata.labels["app.kubernetes.io/name"] = "other";
  d.spec.template.spec.containers[0].volumeMounts.push({ name: "missing", mountPath: "/x" });
  const problems = validateManifest(d);
  assert.ok(problems.includes('/metadata/name: invalid name "Web_1"'));
  assert.ok(
    problems.includes("/spec/selector/matchLabels/app.kubernetes.io/name: does not match the pod template labels"),
  );
  assert.ok(problems.some((p) => p.includes('no volume named "missing"')));
  const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { "bad key": "not base64!" } };
  const secretProblems = validateManifest(secret);
  assert.ok(secretProblems.some((p) => p.includes('must match format "byte"')));
  assert.ok(secretProblems.includes('/data: invalid key "bad key"'));
  const service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "1web" },
    spec: { ports: [{ port: 80 }, { port: 81 }] },
  };
  const serviceProblems = validateManifest(service);
  assert.ok(serviceProblems.includes('/metadata/name: invalid name "1web"'));
  assert.ok(serviceProblems.includes("/spec/ports/0/name: required when there are several ports"));
});

test("Gateway API HTTPRoute is checked strictly against its CRD schema", () => {
  const route = {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "r" },
    spec: {
      parentRefs: [{ name: "default" }],
      hostnames: ["example.localhost"],
      rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "web", port: 80 }] }],
    },
  };
  assert.equal(validateManifest(route), []);
  const bad = structuredClone(route) as any;
  bad.spec.rules[0].backendRefs[0].weight = "heavy";
  bad.spec.rules[0].matches[0].path.kind = "x";
  bad.metadata.nam = "r";
  const problems = validateManifest(bad);
  assert.ok(
    problems.some((p) => p.startsWith("/spec/rules/0/backendRefs/0/weight")),
    problems.join("\n"),
  );
  assert.ok(
    problems.some((p) => p.includes('unknown field "kind"')),
    problems.join("\n"),
  );
  assert.ok(
    problems.some((p) => p.includes('/metadata: unknown field "nam"')),
    problems.join("\n"),
  );
});

test.run();
