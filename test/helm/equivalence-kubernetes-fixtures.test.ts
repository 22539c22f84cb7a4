import * as assert from "uvu/assert";
import { compile } from "../../src/index.js";
import { emitHelm } from "../../src/targets/helm/index.js";
import { emitKubernetes } from "../../src/targets/kubernetes/index.js";
import { ROOT, listDirs } from "../helpers/corpus.js";
import { helmSuite, helmTemplate, parseManifests } from "./chart.js";
import { objectDifferences } from "./equivalence.js";
import { fixtureInput, readFixture } from "../helpers/fixture-input.js";

// The equivalence property on every kubernetes golden case as well: for one resolved app, the objects that
// `helm template` renders from emitHelm's values are the objects emitKubernetes emits, apart from Helm's own
// labels. Both targets get the app resolved for the kubernetes target (so rules written for kubernetes only apply
// to both), and neither gets the case's patches (they are written against the manifest list).
const test = helmSuite("helm ≡ kubernetes on the kubernetes golden cases");
const FIXTURES = ROOT + "fixtures/kubernetes";

for (const name of listDirs(FIXTURES)) {
  test(`same objects: kubernetes case ${name}`, () => {
    const fixture = readFixture(`${FIXTURES}/${name}`, name);
    const input = { ...fixtureInput(fixture, "kubernetes"), patches: [] };
    const { app, diagnostics } = compile(input);
    assert.ok(app, diagnostics.map((d) => d.message).join("\n"));
    if (!app) return;
    const options = input.namespace !== undefined ? { namespace: input.namespace } : {};
    const kubernetes = emitKubernetes(app, options);
    const helm = emitHelm(app, options);
    assert.equal(
      helm.diagnostics.filter((d) => d.severity === "error").map((d) => d.message),
      [],
    );
    const values = helm.files[0]?.text ?? "";
    const result = helmTemplate(values);
    assert.is(result.status, 0, result.stderr);
    assert.equal(objectDifferences(parseManifests(result.stdout), kubernetes.manifests), []);
  });
}

test.run();
