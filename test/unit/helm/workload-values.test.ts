import { test } from "uvu";
import * as assert from "uvu/assert";
import { workloadValues } from "../../../src/targets/helm/workload-values.js";
import { workload } from "../kubernetes/build-app.js";

type Obj = Record<string, any>;

const labels = {
  "app.kubernetes.io/instance": "web",
  "app.kubernetes.io/managed-by": "scorec",
  "app.kubernetes.io/name": "web",
  "app.kubernetes.io/part-of": "shop",
};
const selector = { "app.kubernetes.io/instance": "web", "app.kubernetes.io/name": "web" };
const meta = (name: string) => ({ name, labels, annotations: { "k8s.score.dev/workload-name": "web" } });

function deployment(overrides: (d: Obj) => void = () => {}): Obj {
  const d: Obj = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta("web"),
    spec: {
      selector: { matchLabels: selector },
      template: {
        metadata: { labels, annotations: { a: "b" } },
        spec: { containers: [{ name: "main", image: "nginx", imagePullPolicy: "Always", args: ["x"] }] },
      },
    },
  };
  overrides(d);
  return d;
}

const service = (
  name = "web",
  spec: Obj = { selector, ports: [{ name: "www", port: 80, targetPort: 8080, protocol: "TCP" }] },
): Obj => ({ apiVersion: "v1", kind: "Service", metadata: meta(name), spec });
const web = workload("web", { main: {} });

test("the controller, Service, ConfigMaps and Secrets become one workload entry", () => {
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: meta("web-files"),
    data: { a: "1" },
    binaryData: { b: "AA==" },
  };
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: meta("web-env"),
    type: "Opaque",
    stringData: { k: "v" },
  };
  const tls = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: meta("web-tls"),
    type: "kubernetes.io/tls",
    data: { "tls.crt": "AA==", "tls.key": "AA==" },
  };
  const { values, problems } = workloadValues(web, [secret, tls, configMap, service(), deployment()]);
  assert.equal(problems, []);
  assert.equal(values, {
    kind: "Deployment",
    labels: { ...selector, "app.kubernetes.io/part-of": "shop" },
    selectorLabels: selector,
    annotations: { "k8s.score.dev/workload-name": "web" },
    pod: { annotations: { a: "b" } },
    containers: { main: { image: { name: "nginx", pullPolicy: "Always" }, args: ["x"] } },
    service: { ports: [{ name: "www", port: 80, targetPort: 8080, protocol: "TCP" }] },
    files: { "web-files": { data: { a: "1" }, binaryData: { b: "AA==" } } },
    secrets: {
      "web-env": { stringData: { k: "v" } },
      "web-tls": { type: "kubernetes.io/tls", data: { "tls.crt": "AA==", "tls.key": "AA==" } },
    },
  });
});

test("init containers keep their start order, each with its name", () => {
  const withInit = deployment((d) => {
    d.spec.template.spec.initContainers = [
      { name: "zz-migrate", image: "m:1" },
      { name: "aa-proxy", image: "p:1", restartPolicy: "Always" },
    ];
  });
  const { values, problems } = workloadValues(web, [withInit]);
  assert.equal(problems, []);
  assert.equal(values?.initContainers, [
    { name: "zz-migrate", image: { name: "m:1" } },
    { name: "aa-proxy", image: { name: "p:1" }, restartPolicy: "Always" },
  ]);
});

test("a renamed Service keeps its name in the values", () => {
  const renamed = workload(
    "web",
    { main: {} },
    { metadata: { name: "web", annotations: { "k8s.score.dev/service-name": "frontend" } } },
  );
  const { values, problems } = workloadValues(renamed, [service("frontend"), deployment()]);
  assert.equal(problems, []);
  assert.is(values?.service?.name, "frontend");
});

test("whatever the chart could not render back is a problem, not silently dropped", () => {
  const cases: [string, Obj[]][] = [
    ["no controller", [service()]],
    ["an unknown spec field", [deployment((d) => (d.spec.strategy = { type: "Recreate" }))]],
    ["an unknown pod spec field", [deployment((d) => (d.spec.template.spec.hostNetwork = true))]],
    ["unsorted containers", [deployment((d) => d.spec.template.spec.containers.unshift({ name: "zz", image: "x" }))]],
    ["a pod without the workload labels", [deployment((d) => (d.spec.template.metadata.labels = selector)), service()]],
    [
      "an object of another kind",
      [deployment(), { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: meta("claim"), spec: {} }],
    ],
    [
      "an object with other labels",
      [deployment(), { apiVersion: "v1", kind: "ConfigMap", metadata: { ...meta("c"), labels: {} }, data: {} }],
    ],
    [
      "an object with a namespace",
      [deployment(), { apiVersion: "v1", kind: "ConfigMap", metadata: { ...meta("c"), namespace: "x" }, data: {} }],
    ],
    [
      "a Secret without a type",
      [deployment(), { apiVersion: "v1", kind: "Secret", metadata: meta("s"), stringData: {} }],
    ],
    [
      "a Service with another selector",
      [deployment(), service("web", { selector: { a: "b" }, ports: [{ port: 80 }] })],
    ],
    ["a Service with a type", [deployment(), service("web", { selector, type: "NodePort", ports: [{ port: 80 }] })]],
    [
      "a StatefulSet without its headless Service",
      [deployment((d) => ((d.kind = "StatefulSet"), (d.spec.serviceName = "web-headless-svc")))],
    ],
    [
      "a StatefulSet with another governing Service",
      [deployment((d) => ((d.kind = "StatefulSet"), (d.spec.serviceName = "web"))), service()],
    ],
  ];
  for (const [what, objects] of cases) {
    const { values, problems } = workloadValues(web, objects);
    assert.ok(problems.length > 0, what);
    assert.is(values, undefined, what);
  }
});

test("a StatefulSet's headless Service is implied by serviceName when it is the one the chart renders", () => {
  const statefulSet = deployment((d) => ((d.kind = "StatefulSet"), (d.spec.serviceName = "web-headless-svc")));
  const headless = service("web-headless-svc", {
    clusterIP: "None",
    selector,
    ports: [{ name: "www", port: 80, targetPort: 8080, protocol: "TCP" }],
  });
  const { values, problems } = workloadValues(web, [service(), headless, statefulSet]);
  assert.equal(problems, []);
  assert.is(values?.serviceName, "web-headless-svc");
  const portless = service("web-headless-svc", { clusterIP: "None", selector });
  assert.ok(
    workloadValues(web, [service(), portless, statefulSet]).problems.length > 0,
    "ports must match the Service's",
  );
  assert.equal(workloadValues(web, [portless, statefulSet]).problems, []);
});

test.run();
