import { test } from "uvu";
import * as assert from "uvu/assert";
import { emitKubernetes } from "../../../src/targets/kubernetes/index.js";
import { fileObjectName } from "../../../src/targets/kubernetes/names.js";
import { validateManifests } from "../../schemas/kubernetes/validator.js";
import { app, find, interp, resource, workload } from "./build-app.js";

const withFiles = (content = "server { listen 80; }\n") =>
  workload("web", {
    main: {
      files: {
        "/etc/nginx/conf.d/site.conf": { kind: "text", content: interp(content), mode: "0644" },
        "/usr/share/nginx/html/logo.png": { kind: "binary", base64: "iVBORw0K\nGgo=\n" },
        "/run/secrets/db.ini": {
          kind: "text",
          content: interp("password=", { secret: "s3cret-password-1" }, "\n"),
          mode: "600",
        },
      },
    },
  });

test("files: text → ConfigMap data, binary → binaryData, secret content → Secret; each mounted with subPath", () => {
  const result = emitKubernetes(app([withFiles()]), {});
  assert.equal(result.diagnostics, []);
  assert.equal(validateManifests(result.manifests), []);
  const site = fileObjectName("web", "main", "/etc/nginx/conf.d/site.conf");
  const logo = fileObjectName("web", "main", "/usr/share/nginx/html/logo.png");
  const db = fileObjectName("web", "main", "/run/secrets/db.ini");
  assert.equal(find(result.manifests, "ConfigMap", site)[0].data, { "site.conf": "server { listen 80; }\n" });
  assert.equal(find(result.manifests, "ConfigMap", logo)[0].binaryData, { "logo.png": "iVBORw0KGgo=" });
  assert.equal(find(result.manifests, "Secret", db)[0].stringData, { "db.ini": "password=s3cret-password-1\n" });
  assert.equal(find(result.manifests, "ConfigMap", db), []);
  const spec = find(result.manifests, "Deployment")[0].spec.template.spec;
  const mounts = spec.containers[0].volumeMounts;
  assert.equal(
    mounts.map((m: any) => [m.mountPath, m.subPath, m.readOnly]),
    [
      ["/etc/nginx/conf.d/site.conf", "site.conf", true],
      ["/run/secrets/db.ini", "db.ini", true],
      ["/usr/share/nginx/html/logo.png", "logo.png", true],
    ],
  );
  const volumeOf = (path: string) =>
    spec.volumes.find((v: any) => v.name === mounts.find((m: any) => m.mountPath === path).name);
  assert.equal(volumeOf("/etc/nginx/conf.d/site.conf").configMap, {
    items: [{ key: "site.conf", mode: 420, path: "site.conf" }],
    name: site,
  });
  assert.equal(volumeOf("/run/secrets/db.ini").secret, {
    items: [{ key: "db.ini", mode: 384, path: "db.ini" }],
    secretName: db,
  });
});

test("file object names depend on workload, container and target, never on content", () => {
  const a = emitKubernetes(app([withFiles("one")]), {}).manifests.map((m) => (m.metadata as any).name);
  const b = emitKubernetes(app([withFiles("two")]), {}).manifests.map((m) => (m.metadata as any).name);
  assert.equal(a, b);
  assert.is.not(fileObjectName("a-b", "c", "/x"), fileObjectName("a", "b-c", "/x"));
  assert.match(fileObjectName("web", "main", "/x"), /^web-main-file-[0-9a-f]{10}$/);
});

test("a file whose base name is not a valid key is stored under 'file'; relative targets are refused", () => {
  const w = workload("web", {
    main: {
      files: {
        "/etc/app/my config!.txt": { kind: "text", content: interp("x") },
        "relative.txt": { kind: "text", content: interp("y") },
      },
    },
  });
  const result = emitKubernetes(app([w]), {});
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.pointer]),
    [["TARGET_UNSUPPORTED", "/containers/main/files/relative.txt"]],
  );
  assert.equal(find(result.manifests, "ConfigMap")[0].data, { file: "x" });
});

test("a file beyond the 1 MiB ConfigMap/Secret limit is an error", () => {
  const big = "x".repeat(1024 * 1024 + 1);
  const w = workload("web", {
    main: {
      files: {
        "/big.txt": { kind: "text", content: interp(big) },
        "/ok.bin": { kind: "binary", base64: Buffer.from("x".repeat(1024 * 1024)).toString("base64") },
      },
    },
  });
  const result = emitKubernetes(app([w]), {});
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.pointer]),
    [["TARGET_UNSUPPORTED", "/containers/main/files/~1big.txt"]],
  );
});

const volumeApp = (outputs: Record<string, unknown>, annotations: Record<string, string> = {}) =>
  app(
    [
      workload(
        "app",
        {
          main: {
            volumes: {
              "/data": {
                source: { kind: "resource", uid: "volume.default#app.data" },
                path: "sub/dir",
                readOnly: true,
              },
            },
          },
          helper: {
            volumes: {
              "/scratch": { source: { kind: "resource", uid: "volume.default#app.data" }, readOnly: false },
              "/existing": { source: { kind: "literal", name: "legacy-claim" }, readOnly: false },
            },
          },
        },
        { metadata: { name: "app", annotations } },
      ),
    ],
    [resource("volume.default#app.data", { outputs })],
  );

test("volumes: one pod volume per resource shared by containers; path → subPath; readOnly; literal → existing claim", () => {
  const result = emitKubernetes(volumeApp({ source: { emptyDir: { sizeLimit: "1Gi" } } }), {});
  assert.equal(result.diagnostics, []);
  assert.equal(validateManifests(result.manifests), []);
  const spec = find(result.manifests, "Deployment")[0].spec.template.spec;
  assert.is(spec.volumes.length, 2);
  const shared = spec.volumes.find((v: any) => v.emptyDir);
  assert.equal(shared.emptyDir, { sizeLimit: "1Gi" });
  assert.equal(spec.volumes.find((v: any) => v.persistentVolumeClaim).persistentVolumeClaim, {
    claimName: "legacy-claim",
  });
  const [helper, main] = spec.containers;
  assert.equal(main.volumeMounts, [{ mountPath: "/data", name: shared.name, readOnly: true, subPath: "sub/dir" }]);
  assert.equal(
    helper.volumeMounts.find((m: any) => m.mountPath === "/scratch"),
    { mountPath: "/scratch", name: shared.name },
  );
});

test("a claimSpec output makes the workload a StatefulSet with a claim template", () => {
  const claimSpec = { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } };
  const result = emitKubernetes(volumeApp({ claimSpec }), {});
  assert.equal(result.diagnostics, []);
  assert.equal(validateManifests(result.manifests), []);
  const [sts] = find(result.manifests, "StatefulSet");
  assert.equal(
    sts.spec.volumeClaimTemplates.map((t: any) => t.spec),
    [claimSpec],
  );
  assert.is(sts.spec.serviceName, "app-headless-svc");
  const mountName = sts.spec.template.spec.containers[1].volumeMounts[0].name;
  assert.is(mountName, sts.spec.volumeClaimTemplates[0].metadata.name);
  const explicit = emitKubernetes(volumeApp({ claimSpec }, { "k8s.score.dev/kind": "Deployment" }), {});
  assert.equal(
    explicit.diagnostics.map((d) => d.code),
    ["TARGET_UNSUPPORTED"],
  );
});

test("volume outputs of the wrong shape are TARGET_INVALID_OUTPUT errors", () => {
  for (const outputs of [
    {},
    { source: {} },
    { source: { emptyDir: {}, hostPath: { path: "/x" } } },
    { source: { bogus: {} } },
    { source: "emptyDir" },
    { source: { emptyDir: {} }, claimSpec: {} },
  ]) {
    const result = emitKubernetes(volumeApp(outputs), {});
    assert.ok(
      result.diagnostics.length > 0 && result.diagnostics.every((d) => d.code === "TARGET_INVALID_OUTPUT"),
      JSON.stringify(outputs),
    );
  }
  const escaping = app(
    [
      workload("app", {
        main: {
          volumes: {
            "/d": { source: { kind: "resource", uid: "volume.default#app.data" }, path: "../up", readOnly: false },
          },
        },
      }),
    ],
    [resource("volume.default#app.data", { outputs: { source: { emptyDir: {} } } })],
  );
  assert.equal(
    emitKubernetes(escaping, {}).diagnostics.map((d) => d.code),
    ["TARGET_UNSUPPORTED"],
  );
});

test("a target used by both a file and a volume is a collision", () => {
  const w = workload("app", {
    main: {
      files: { "/data": { kind: "text", content: interp("x") } },
      volumes: { "/data": { source: { kind: "literal", name: "claim" }, readOnly: false } },
    },
  });
  assert.ok(emitKubernetes(app([w]), {}).diagnostics.some((d) => d.code === "TARGET_NAME_COLLISION"));
});

test.run();
