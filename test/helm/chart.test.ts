import * as assert from "uvu/assert";
import { readText } from "../helpers/corpus.js";
import { validateManifests } from "../schemas/kubernetes/validator.js";
import { helmLint, helmSuite, helmTemplate, parseManifests, RELEASE } from "./chart.js";
import { ROOT } from "../helpers/corpus.js";

const test = helmSuite("chart");
const FULL = readText(`${ROOT}fixtures/helm/_chart/full.values.yaml`);
const LEGACY = readText(`${ROOT}fixtures/helm/_chart/legacy-score-helm.values.yaml`);

type Obj = Record<string, any>;

function render(values: string): Obj[] {
  const result = helmTemplate(values);
  assert.is(result.status, 0, result.stderr);
  return parseManifests(result.stdout);
}

function find(objects: Obj[], kind: string, name: string): Obj {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found)
    assert.unreachable(`no ${kind}/${name} in ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(", ")}`);
  return found as Obj;
}

test("helm lint --strict passes with the chart's own defaults", () => {
  const result = helmLint();
  assert.is(result.status, 0, result.stdout + result.stderr);
});

test("helm lint --strict passes with hand-written values covering every template, and with legacy values", () => {
  for (const values of [FULL, LEGACY]) {
    const result = helmLint(values);
    assert.is(result.status, 0, result.stdout + result.stderr);
  }
});

test("the chart's defaults render nothing", () => {
  assert.equal(render(""), []);
});

test("every template renders objects that pass the strict Kubernetes schemas", () => {
  const objects = render(FULL);
  assert.equal(validateManifests(objects), []);
  const kinds = objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
  assert.equal(kinds, [
    "ConfigMap/shop-settings",
    "ConfigMap/web-files",
    "Deployment/web",
    "HTTPRoute/web-route",
    "PersistentVolumeClaim/web-data",
    "Secret/web-secrets",
    "Service/db",
    "Service/queue",
    "Service/queue-headless-svc",
    "Service/web",
    "StatefulSet/db",
    "StatefulSet/queue",
  ]);
});

test("Helm's own labels are on every object; chart-built objects get the values' namespace", () => {
  const objects = render(FULL);
  for (const o of objects) {
    assert.is(o.metadata.labels["helm.sh/chart"], "workload-0.1.0");
    assert.is(o.metadata.labels["app.kubernetes.io/managed-by"], "Helm");
    assert.is(o.metadata.namespace, "shop");
  }
});

test("workload values map onto the pod spec: sorted containers, flattened image, workload labels on the pod", () => {
  const objects = render(FULL);
  const web = find(objects, "Deployment", "web");
  assert.is(web.spec.replicas, 2);
  assert.equal(web.spec.selector.matchLabels, { "app.kubernetes.io/instance": "web" });
  assert.equal(web.spec.template.metadata.labels, {
    "app.kubernetes.io/instance": "web",
    "app.kubernetes.io/managed-by": "Helm",
    "app.kubernetes.io/name": "web",
    "app.kubernetes.io/part-of": "shop",
    "helm.sh/chart": "workload-0.1.0",
  });
  assert.equal(find(objects, "ConfigMap", "web-files").metadata.annotations, { "example.com/owner": "team-a" });
  assert.equal(web.metadata.annotations, { "example.com/owner": "team-a" });
  const pod = web.spec.template.spec;
  assert.equal(
    pod.initContainers.map((c: Obj) => c.name),
    ["proxy", "migrate"],
    "init containers keep their start order",
  );
  assert.is(pod.initContainers[0].imagePullPolicy, "IfNotPresent");
  assert.is(pod.initContainers[0].restartPolicy, "Always");
  assert.is(pod.containers[0].image, "registry.example.com/web:1.2.0");
  assert.equal(pod.containers[0].args, ["--port", "8080"]);
  const service = find(objects, "Service", "web");
  assert.equal(service.spec.selector, { "app.kubernetes.io/instance": "web" });
  const db = find(objects, "StatefulSet", "db");
  assert.is(db.spec.serviceName, "db");
  assert.is(db.spec.replicas, undefined);
  assert.is(db.spec.volumeClaimTemplates[0].metadata.name, "pgdata");
  assert.is(find(objects, "Service", "db").spec.clusterIP, "None");
});

test("a StatefulSet without serviceName gets a headless governing Service with its ports", () => {
  const objects = render(FULL);
  assert.is(find(objects, "StatefulSet", "queue").spec.serviceName, "queue-headless-svc");
  const headless = find(objects, "Service", "queue-headless-svc");
  assert.equal(headless.spec, {
    clusterIP: "None",
    selector: { "app.kubernetes.io/instance": RELEASE, "app.kubernetes.io/name": "queue" },
    ports: [{ name: "client", port: 4222 }],
  });
  assert.is(find(objects, "Service", "queue").spec.clusterIP, undefined);
});

test("file and secret content survives rendering byte for byte", () => {
  const objects = render(FULL);
  assert.is(find(objects, "ConfigMap", "web-files").data["config.yaml"], 'listen: 8080\nmode: "on"\n');
  assert.equal(find(objects, "Secret", "web-secrets").stringData, { DB_PASSWORD: "s3cr3t", token: "abc" });
  assert.is(find(objects, "Secret", "web-secrets").type, "Opaque");
});

test("extra manifests render verbatim apart from Helm's labels", () => {
  const settings = find(render(FULL), "ConfigMap", "shop-settings");
  assert.equal(settings, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "shop-settings",
      namespace: "shop",
      labels: { "app.kubernetes.io/managed-by": "Helm", "helm.sh/chart": "workload-0.1.0" },
    },
    data: { region: "eu" },
  });
});

test("legacy score-helm values still render: one workload named after the release", () => {
  const objects = render(LEGACY);
  assert.equal(validateManifests(objects), []);
  const deployment = find(objects, "Deployment", RELEASE);
  assert.is(deployment.metadata.labels.team, "a");
  assert.equal(deployment.spec.template.metadata.annotations, { "example.com/scrape": "true" });
  const container = deployment.spec.template.spec.containers[0];
  assert.is(container.name, "my-container");
  assert.is(container.image, "busybox:latest");
  assert.equal(container.env, [{ name: "FRIEND", value: "World!" }]);
  const service = find(objects, "Service", RELEASE);
  assert.is(service.spec.type, "ClusterIP");
  assert.equal(service.spec.ports, [{ name: "www", port: 80, protocol: "TCP", targetPort: 8080 }]);
});

test("a workload given both at the top level and under workloads is an error", () => {
  const result = helmTemplate(
    `${LEGACY}workloads:\n  ${RELEASE}:\n    containers:\n      main:\n        image: { name: nginx }\n`,
  );
  assert.is.not(result.status, 0);
  assert.match(result.stderr, `workload "${RELEASE}" is given both at the top level and under workloads`);
});

test("values.schema.json: a misspelt key fails with Helm's own error", () => {
  const result = helmTemplate(
    "workloads:\n  web:\n    replcas: 2\n    containers:\n      main:\n        image: { name: nginx }\n",
  );
  assert.is.not(result.status, 0);
  assert.match(result.stderr, "values don't meet the specifications of the schema(s)");
  assert.match(result.stderr, "workloads.web: Additional property replcas is not allowed");
});

test("values.schema.json: a wrong type fails with Helm's own error", () => {
  const result = helmTemplate(
    "workloads:\n  web:\n    replicas: two\n    containers:\n      main:\n        image: { name: nginx }\n",
  );
  assert.is.not(result.status, 0);
  assert.match(result.stderr, "workloads.web.replicas: Invalid type. Expected: integer, given: string");
});

test("values.schema.json: a secretKeyRef must name a valid Secret and key", () => {
  const values = (name: string, key: string) =>
    `workloads:\n  web:\n    containers:\n      main:\n        image: { name: nginx }\n        env:\n          - name: PW\n            valueFrom: { secretKeyRef: { name: "${name}", key: "${key}" } }\n`;
  assert.is(helmTemplate(values("orders-db", "password")).status, 0);
  const badName = helmTemplate(values("Orders_DB", "password"));
  assert.is.not(badName.status, 0);
  assert.match(badName.stderr, "secretKeyRef.name: Does not match pattern");
  const badKey = helmTemplate(values("orders-db", "pass word"));
  assert.is.not(badKey.status, 0);
  assert.match(badKey.stderr, "secretKeyRef.key: Does not match pattern");
});

test("values.schema.json: helm lint reports schema errors too", () => {
  const result = helmLint("workloads:\n  web:\n    containers:\n      main:\n        image: nginx\n");
  assert.is.not(result.status, 0);
  assert.match(result.stdout, "workloads.web.containers.main.image: Invalid type. Expected: object, given: string");
});

test("values.schema.json: legacy score-helm's invalid probe shape is rejected", () => {
  const result = helmTemplate(
    "workloads:\n  web:\n    containers:\n      main:\n        image: { name: nginx }\n        livenessProbe: { type: http, path: /, port: 80 }\n",
  );
  assert.is.not(result.status, 0);
  assert.match(result.stderr, "workloads.web.containers.main.livenessProbe: Additional property type is not allowed");
});

test("values.schema.json: top-level workload keys need top-level containers", () => {
  const result = helmTemplate("replicas: 2\n");
  assert.is.not(result.status, 0);
  assert.match(result.stderr, "Has a dependency on containers");
});

test.run();
