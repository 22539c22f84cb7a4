import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseAllDocuments } from "yaml";
import { emitKubernetes } from "../../../src/targets/kubernetes/index.js";
import { manifestFiles } from "../../../src/targets/kubernetes/output-files.js";
import { validateManifests } from "../../schemas/kubernetes/validator.js";
import { app, find, resource, workload } from "./build-app.js";

const PASSWORD = "derived-password-0123456789abcdef";

const pgSecret = (name = "pg-1a2b3c4d") => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name },
  stringData: { password: PASSWORD },
});
const pgService = (port = 5432) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "pg-1a2b3c4d" },
  spec: { selector: { "app.kubernetes.io/instance": "pg-1a2b3c4d" }, ports: [{ port }] },
});
const namespaceObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: "other" } };

const db = (
  manifests: Record<string, unknown>[],
  secretPaths = ["/kubernetes/manifests/0/stringData/password"],
  uid = "postgres.default#api.db",
) =>
  resource(uid, {
    secrets: { password: PASSWORD },
    outputs: { host: "pg-1a2b3c4d" },
    artifacts: { kubernetes: { manifests } },
    secretPaths,
  });

const api = () => workload("api", { main: { variables: { PGPASSWORD: { secret: PASSWORD } } } });

test("resource manifests come first, in resolved order, and pass the strict schemas", () => {
  const result = emitKubernetes(app([api()], [db([pgSecret(), pgService()])]), {});
  assert.equal(result.diagnostics, []);
  assert.equal(
    result.manifests.map((m) => `${String(m.kind)}/${(m.metadata as any).name}`),
    ["Secret/pg-1a2b3c4d", "Service/pg-1a2b3c4d", "Secret/api-env", "Deployment/api"],
  );
  assert.equal(validateManifests(result.manifests), []);
});

test("identical manifests from shared resources collapse; different ones with the same identity collide", () => {
  const same = emitKubernetes(
    app([api()], [db([pgSecret(), pgService()]), db([pgService()], [], "postgres.default#other.db")]),
    {},
  );
  assert.equal(same.diagnostics, []);
  assert.is(find(same.manifests, "Service").length, 1);
  const different = emitKubernetes(
    app([api()], [db([pgService()], []), db([pgService(5433)], [], "postgres.default#other.db")]),
    {},
  );
  assert.equal(
    different.diagnostics.map((d) => d.code),
    ["TARGET_NAME_COLLISION"],
  );
  assert.equal(different.files, []);
  const withWorkload = emitKubernetes(
    app([api()], [db([{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api" }, spec: {} }], [])]),
    {},
  );
  assert.equal(
    withWorkload.diagnostics.map((d) => d.code),
    ["TARGET_NAME_COLLISION"],
  );
});

test("a secret path outside a Secret's data/stringData is RULES_SECRET_LEAK; malformed manifests are TARGET_INVALID_OUTPUT", () => {
  const leaking = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "pg-config" },
    data: { password: PASSWORD },
  };
  const result = emitKubernetes(app([api()], [db([leaking], ["/kubernetes/manifests/0/data/password"])]), {});
  // One error, from the rule's check (located there); the final scan does not report the same leak again.
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.message.includes("pg-config' at /kubernetes/manifests/0/data/password")]),
    [["RULES_SECRET_LEAK", true]],
  );
  assert.ok(
    result.diagnostics.every((d) => !d.message.includes(PASSWORD)),
    "diagnostics never print the secret",
  );
  const malformed = emitKubernetes(
    app([], [db([{ kind: "Secret" }, { apiVersion: "v1", kind: "Secret", metadata: {} }], [])]),
    {},
  );
  assert.equal(
    malformed.diagnostics.map((d) => d.code),
    ["TARGET_INVALID_OUTPUT", "TARGET_INVALID_OUTPUT"],
  );
});

test("the final scan finds secret values that reach plain fields by any route", () => {
  const env = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "unlisted" },
    data: { note: `pw is ${PASSWORD}` },
  };
  const result = emitKubernetes(app([api()], [db([pgSecret(), env])]), {});
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.message.includes("ConfigMap 'unlisted' at /data/note")]),
    [["RULES_SECRET_LEAK", true]],
  );
  assert.equal(result.files, []);
});

test("--namespace goes on namespaced objects without one, never on cluster-scoped kinds", () => {
  const explicit = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", namespace: "kept" }, data: {} };
  const result = emitKubernetes(app([api()], [db([pgSecret(), namespaceObject, explicit])]), { namespace: "shop" });
  assert.equal(result.diagnostics, []);
  assert.equal(
    result.manifests.map((m) => (m.metadata as any).namespace),
    ["shop", undefined, "kept", "shop", "shop"],
  );
  assert.equal(
    emitKubernetes(app([api()]), { namespace: "Not_Valid" }).diagnostics.map((d) => d.code),
    ["TARGET_INVALID_NAME"],
  );
});

test("JSON patches apply to the manifest list: replace by index, append with /-, remove", () => {
  const patch = {
    path: "patches/replicas.yaml",
    text: [
      "- op: add",
      "  path: /1/spec/replicas",
      "  value: 3",
      "- op: add",
      "  path: /-",
      "  value: {apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: {name: api}, spec: {maxUnavailable: 1, selector: {matchLabels: {app.kubernetes.io/name: api}}}}",
      "- op: remove",
      "  path: /0",
    ].join("\n"),
  };
  const result = emitKubernetes(app([api()]), { patches: [patch], namespace: "shop" });
  assert.equal(result.diagnostics, []);
  assert.equal(
    result.manifests.map((m) => m.kind),
    ["Deployment", "PodDisruptionBudget"],
  );
  assert.is((result.manifests[0] as any).spec.replicas, 3);
  assert.is((result.manifests[1] as any).metadata.namespace, "shop", "appended manifests land in the namespace");
  assert.equal(validateManifests(result.manifests), []);
});

test("a failing or breaking patch is an error with the patch file; copying a secret into plain text is caught", () => {
  const failing = emitKubernetes(app([api()]), {
    patches: [{ path: "p.yaml", text: "- op: replace\n  path: /7/spec\n  value: {}\n" }],
  });
  assert.equal(
    failing.diagnostics.map((d) => [d.code, d.file]),
    [["PATCH_FAILED", "p.yaml"]],
  );
  const breaking = emitKubernetes(app([api()]), {
    patches: [{ path: "p.yaml", text: "- op: add\n  path: /-\n  value: 42\n" }],
  });
  assert.equal(
    breaking.diagnostics.map((d) => [d.code, d.file]),
    [["PATCH_FAILED", "p.yaml"]],
  );
  const copying = emitKubernetes(app([api()]), {
    patches: [
      {
        path: "p.yaml",
        text: "- op: copy\n  from: /0/stringData/main.PGPASSWORD\n  path: /1/metadata/annotations/leak\n",
      },
    ],
  });
  assert.equal(
    copying.diagnostics.map((d) => d.code),
    ["RULES_SECRET_LEAK"],
  );
});

test("split output: one file per manifest, kind-name.yaml (no position), same objects as the single file", () => {
  const input = app([api()], [db([pgSecret(), pgService()])]);
  const split = emitKubernetes(input, { split: true });
  assert.equal(
    split.files.map((f) => f.path),
    ["secret-pg-1a2b3c4d.yaml", "service-pg-1a2b3c4d.yaml", "secret-api-env.yaml", "deployment-api.yaml"],
  );
  const single = emitKubernetes(input, {});
  const reparsed = parseAllDocuments(single.files[0]?.text ?? "").map((d) => d.toJS());
  assert.equal(reparsed, single.manifests);
  assert.equal(
    split.files.map((f) => parseAllDocuments(f.text)[0]?.toJS()),
    single.manifests,
  );
});

test("split output: objects that would share a file name each get a hash of their identity; a name never shifts", () => {
  const cm = (name: string, namespace?: string) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, ...(namespace ? { namespace } : {}) },
  });
  const names = (ms: Record<string, unknown>[]) =>
    manifestFiles(
      ms,
      ms.map(() => ""),
      true,
    ).map((f) => f.path);
  const both = names([cm("web", "a"), cm("web", "b"), cm("Other_Name")]);
  assert.is(both[2], "configmap-other-name.yaml");
  assert.match(both[0]!, /^configmap-web-[0-9a-f]{8}\.yaml$/);
  assert.match(both[1]!, /^configmap-web-[0-9a-f]{8}\.yaml$/);
  assert.is.not(both[0], both[1]);
  // Removing the first object does not rename the last one.
  assert.equal(names([cm("web", "b"), cm("Other_Name")]), ["configmap-web.yaml", "configmap-other-name.yaml"]);
  const same = names([cm("x"), cm("x")]);
  assert.match(same[0]!, /^configmap-x-[0-9a-f]{8}\.yaml$/);
  assert.is(same[1], same[0]!.replace(".yaml", "~2.yaml"));
});

test.run();
