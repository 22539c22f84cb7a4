import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseAllDocuments } from "yaml";
import { compile as compileApp } from "../../../src/index.js";

const compile = (score: string, seed = "unit") => {
  const result = compileApp({
    sources: [{ path: "score.yaml", text: score }],
    target: "kubernetes",
    app: "unit",
    seed,
  });
  const manifests = result.files.flatMap((f) => parseAllDocuments(f.text).map((d) => d.toJS()));
  return { ...result, manifests };
};

const withResource = (resource: string, service = "") => `apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  main:
    image: nginx
${service}resources:
${resource}`;

test("route: the port param may be a port name or the Service port number; an unknown port is an error", () => {
  const service = "service:\n  ports:\n    web:\n      port: 80\n      targetPort: 8080\n";
  for (const port of ["web", "80"]) {
    const { manifests, diagnostics } = compile(
      withResource(`  rt:\n    type: route\n    params: {host: a.localhost, path: /, port: ${port}}\n`, service),
    );
    assert.equal(
      diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    assert.equal(manifests.find((m) => m.kind === "HTTPRoute").spec.rules[0].backendRefs, [{ name: "api", port: 80 }]);
  }
  const wrong = compile(
    withResource("  rt:\n    type: route\n    params: {host: a.localhost, path: /, port: 8080}\n", service),
  );
  assert.ok(wrong.diagnostics.some((d) => d.code === "RULES_EXPRESSION"));
  assert.equal(wrong.files, []);
});

test("volume: a PVC sized by params.size; class ephemeral: an emptyDir", () => {
  const { manifests } = compile(withResource("  vol:\n    type: volume\n    params: {size: 5Gi}\n"));
  assert.equal(manifests.find((m) => m.kind === "PersistentVolumeClaim").spec.resources.requests, { storage: "5Gi" });
  const ephemeral = compile(withResource("  vol:\n    type: volume\n    class: ephemeral\n"));
  assert.equal(
    ephemeral.manifests.map((m) => m.kind),
    ["Deployment"],
  );
});

test("names depend on the resource, passwords on the seed", () => {
  const score = withResource("  db:\n    type: postgres\n");
  const a = compile(score, "one").manifests.find((m) => m.kind === "Secret");
  const b = compile(score, "two").manifests.find((m) => m.kind === "Secret");
  assert.is(a.metadata.name, b.metadata.name);
  assert.match(a.metadata.name, /^pg-[0-9a-f]{8}$/);
  assert.is.not(a.stringData.password, b.stringData.password);
  assert.match(a.stringData.password, /^[A-Za-z0-9]{32}$/);
});

test("s3 buckets and kafka topics of one app share one server", () => {
  const { manifests, diagnostics } = compile(
    withResource(
      "  b1:\n    type: s3\n  b2:\n    type: s3\n  t1:\n    type: kafka-topic\n  t2:\n    type: kafka-topic\n",
    ),
  );
  assert.equal(
    diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  const count = (kind: string, prefix: string) =>
    manifests.filter((m) => m.kind === kind && m.metadata.name.startsWith(prefix)).length;
  assert.equal([count("StatefulSet", "minio-"), count("Job", "minio-bucket-")], [1, 2]);
  assert.equal([count("StatefulSet", "kafka-"), count("Job", "kafka-topic-")], [1, 2]);
});

test.run();
