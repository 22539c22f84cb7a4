import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseAllDocuments } from "yaml";
import { ROOT, corpusPath, readText } from "../../helpers/corpus.js";

// Our goldens against score-k8s's own expected output, field by field, after removing the differences that
// docs/kubernetes.md lists (random instance suffix, part-of label, selector keys, serializer leftovers such as
// `status: {}`, file layout: one subPath mount per file instead of a projected volume over the folder).
type Obj = Record<string, any>;

const docs = (text: string): Obj[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((d) => d !== null);
const ours = (name: string) => docs(readText(`${ROOT}golden/kubernetes/${name}/manifests.yaml`));
const byKind = (list: Obj[], kind: string, name?: string) =>
  list.find((m) => m.kind === kind && (name === undefined || m.metadata.name === name)) as Obj;

/** Labels without the two that differ on purpose (instance carries score-k8s's random suffix; part-of is ours). */
function comparableLabels(labels: Record<string, string> = {}): Record<string, string> {
  const {
    "app.kubernetes.io/instance": _i,
    "app.kubernetes.io/part-of": _p,
    "app.kubernetes.io/managed-by": _m,
    ...rest
  } = labels;
  return rest;
}

/** A container without what the Kubernetes serializer adds (`resources: {}`). */
function comparableContainer(c: Obj): Obj {
  const { resources, ports: _ports, volumeMounts: _mounts, ...rest } = c;
  return resources && Object.keys(resources).length > 0 ? { ...rest, resources } : rest;
}

/** Every file a pod spec mounts, as mount path → bytes (base64), whichever way the file is projected. */
function mountedFiles(spec: Obj, configMaps: Obj[]): Record<string, string> {
  const content = (name: string, key: string) => {
    const cm = configMaps.find((c) => c.metadata.name === name) as Obj;
    return cm.binaryData?.[key] ?? Buffer.from(cm.data[key], "utf8").toString("base64");
  };
  const out: Record<string, string> = {};
  for (const c of spec.containers) {
    for (const m of c.volumeMounts ?? []) {
      const volume = spec.volumes.find((v: Obj) => v.name === m.name);
      const sources = volume.projected
        ? volume.projected.sources.map((s: Obj) => s.configMap)
        : volume.configMap
          ? [volume.configMap]
          : [];
      for (const source of sources) {
        for (const item of source.items) {
          const path = m.subPath !== undefined ? m.mountPath : `${m.mountPath.replace(/\/$/, "")}/${item.path}`;
          out[path] = content(source.name, item.key);
        }
      }
    }
  }
  return out;
}

/** Every non-file volume mount, as mount path → volume source (without its generated name). */
function mountedVolumes(spec: Obj): Record<string, Obj> {
  const out: Record<string, Obj> = {};
  for (const c of spec.containers) {
    for (const m of c.volumeMounts ?? []) {
      const { name: _n, ...source } = spec.volumes.find((v: Obj) => v.name === m.name);
      if (source.configMap || source.projected) continue;
      out[m.mountPath] = {
        ...source,
        ...(m.subPath ? { subPath: m.subPath } : {}),
        ...(m.readOnly ? { readOnly: true } : {}),
      };
    }
  }
  return out;
}

test("score-k8s TestMassive: same Service, containers, env, probes, resources, files and volumes", () => {
  const upstream = docs(readText(corpusPath("score-k8s/convert/massive/expected-manifests.k8s-serializer.yaml")));
  const mine = ours("score-k8s-massive");
  const [us, ms] = [byKind(upstream, "Service"), byKind(mine, "Service")];
  assert.equal(ms.metadata.name, us.metadata.name);
  assert.equal(ms.metadata.annotations, us.metadata.annotations);
  assert.equal(comparableLabels(ms.metadata.labels), comparableLabels(us.metadata.labels));
  assert.equal(ms.spec.ports, us.spec.ports);

  const [ud, md] = [byKind(upstream, "Deployment"), byKind(mine, "Deployment")];
  assert.equal(md.metadata.annotations, ud.metadata.annotations);
  assert.equal(md.spec.template.metadata.annotations, ud.spec.template.metadata.annotations);
  assert.equal(comparableLabels(md.spec.template.metadata.labels), comparableLabels(ud.spec.template.metadata.labels));
  // The Go test bypasses the schema, which requires httpGet.path; our fixture adds path "/".
  const expectedContainers = ud.spec.template.spec.containers.map(comparableContainer);
  expectedContainers[0].readinessProbe.httpGet.path = "/";
  assert.equal(md.spec.template.spec.containers.map(comparableContainer), expectedContainers);

  const upstreamFiles = mountedFiles(
    ud.spec.template.spec,
    upstream.filter((m) => m.kind === "ConfigMap"),
  );
  assert.equal(
    mountedFiles(
      md.spec.template.spec,
      mine.filter((m) => m.kind === "ConfigMap"),
    ),
    upstreamFiles,
  );
  assert.equal(Object.keys(upstreamFiles).sort(), ["/binary", "/root.md"]);
  assert.equal(Object.keys(mountedVolumes(ud.spec.template.spec)), ["/mount/thing"]);
  assert.equal(mountedVolumes(md.spec.template.spec), mountedVolumes(ud.spec.template.spec));
});

test("score-k8s patch template Deployment → StatefulSet: same StatefulSet and headless Service", () => {
  const upstream = docs(
    readText(
      corpusPath("score-k8s/generate/patch-templates-deployment-to-statefulset/expected-manifests.yaml"),
    ).replaceAll("%[1]s", "-0123456789"),
  );
  const mine = ours("score-k8s-patch-deployment-to-statefulset");
  assert.equal(
    mine.map((m) => `${m.kind}/${m.metadata.name}`),
    upstream.map((m) => `${m.kind}/${m.metadata.name}`),
  );
  const [us, ms] = [byKind(upstream, "StatefulSet"), byKind(mine, "StatefulSet")];
  assert.equal(ms.metadata.annotations, us.metadata.annotations);
  assert.is(ms.spec.serviceName, us.spec.serviceName);
  assert.equal(
    ms.spec.template.spec.containers.map(comparableContainer),
    us.spec.template.spec.containers.map(comparableContainer),
  );
  const [uh, mh] = [byKind(upstream, "Service"), byKind(mine, "Service")];
  assert.equal({ ...mh.spec, selector: undefined }, { ...uh.spec, selector: undefined });
});

test("score-k8s dedupe and namespace cases: one Secret; every object in the namespace, no Namespace object", () => {
  const dedupe = ours("score-k8s-dedupe-resource-manifests");
  assert.is(dedupe.filter((m) => m.kind === "Secret").length, 1);
  const namespaced = ours("score-k8s-namespace-flag");
  assert.ok(namespaced.every((m) => m.metadata.namespace === "test-ns"));
  assert.not.ok(namespaced.some((m) => m.kind === "Namespace"));
  const ops = readText(`${ROOT}golden/kubernetes/score-k8s-patch-templates-ops/manifests.yaml`);
  assert.not.ok(ops.includes("my-secret"));
  assert.ok(ops.includes("other-secret"));
  assert.is(ops.split("custom.annotation/key: something").length - 1, 1);
});

test.run();
