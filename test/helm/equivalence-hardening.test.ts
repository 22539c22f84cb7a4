import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { compile } from "../../src/index.js";
import { planPatches } from "../../src/rules/patch-plan.js";
import { loadRules } from "../../src/rules/load.js";
import { environmentUniverse } from "../../src/rules/types.js";
import { emitHelm } from "../../src/targets/helm/index.js";
import { emitKubernetes } from "../../src/targets/kubernetes/index.js";
import { ROOT, listDirs } from "../helpers/corpus.js";
import { fixtureInput, readFixture } from "../helpers/fixture-input.js";
import { helmSuite, helmTemplate, parseManifests } from "./chart.js";
import { objectDifferences } from "./equivalence.js";

// helm ≡ kubernetes with production hardening patches (pod and container securityContext, serviceAccountName,
// priorityClassName, imagePullSecrets, topologySpreadConstraints, replicas and a PodDisruptionBudget) on every
// workload of every kubernetes golden case: the chart renders from its values what the kubernetes target emits.
const test = helmSuite("helm ≡ kubernetes with hardening patches");
const FIXTURES = ROOT + "fixtures/kubernetes";
const table = loadRules([
  { path: "hardening-rules.yaml", text: readFileSync(new URL("./hardening-rules.yaml", import.meta.url), "utf8") },
]).table!;

for (const name of listDirs(FIXTURES)) {
  test(`same hardened objects: kubernetes case ${name}`, () => {
    const fixture = readFixture(`${FIXTURES}/${name}`, name);
    const input = { ...fixtureInput(fixture, "kubernetes"), patches: [] };
    const { app, diagnostics } = compile(input);
    assert.ok(app, diagnostics.map((d) => d.message).join("\n"));
    if (!app) return;
    const plan = (target: "kubernetes" | "helm") =>
      planPatches(
        table.patches ?? [],
        [],
        app.workloads.map((w) => w.name),
        { app: app.appId, env: "local", envType: "development", target },
        environmentUniverse(table),
      );
    const namespace = input.namespace !== undefined ? { namespace: input.namespace } : {};
    const kubernetes = emitKubernetes(app, { ...namespace, workloadPatches: plan("kubernetes") });
    assert.equal(
      kubernetes.diagnostics.filter((d) => d.severity === "error").map((d) => d.message),
      [],
    );
    const budgets = kubernetes.manifests.filter((m) => m.kind === "PodDisruptionBudget");
    assert.is(budgets.length, app.workloads.length, "one PodDisruptionBudget per workload");
    const helm = emitHelm(app, { ...namespace, workloadPatches: plan("helm") });
    assert.equal(
      helm.diagnostics.filter((d) => d.severity === "error").map((d) => d.message),
      [],
    );
    const result = helmTemplate(helm.files[0]?.text ?? "");
    assert.is(result.status, 0, result.stderr);
    assert.equal(objectDifferences(parseManifests(result.stdout), kubernetes.manifests), []);
  });
}

test.run();
