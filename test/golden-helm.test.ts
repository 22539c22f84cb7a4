import { existsSync, readdirSync } from "node:fs";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { compile } from "../src/index.js";
import type { CompileResult } from "../src/index.js";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { ROOT, listCases } from "./helpers/corpus.js";
import { expectGolden } from "./helpers/golden.js";
import {
  CHART,
  helm as runHelmCommand,
  helmLint,
  helmSuite,
  helmTemplate,
  parseManifests,
  withValuesFile,
} from "./helm/chart.js";
import { objectDifferences } from "./helm/equivalence.js";
import { fixtureInput, readFixture, type Fixture } from "./helpers/fixture-input.js";
import { validateManifests } from "./schemas/kubernetes/validator.js";
import { plainTextOutsideSecrets, secretValues } from "./unit/kubernetes/secret-check.js";

// fixtures/helm/<case>/ (Score files, optional rules*.yaml, patch-helm*.yaml, options.json) → golden/helm/<case>/:
// values.yaml, plus diagnostics.txt when there are any. Then, with the real helm binary: `helm lint --strict` and
// `helm template` of charts/workload with the golden values; every rendered object must pass the strict
// Kubernetes v1.33 / Gateway API validator, no secret may appear outside a Secret's data, and the rendered objects
// must be the objects the kubernetes target emits for the same input (patch-kubernetes*.yaml standing in for the
// helm patches), apart from Helm's own labels. Folders starting with `_` hold other helm test data.
const FIXTURES = ROOT + "fixtures/helm";
const GOLDEN = ROOT + "golden/helm";

const golden = suite("helm golden values");
const render = helmSuite("helm golden values through real helm");

interface Compiled {
  helm: CompileResult;
  values: string;
  /** The second values file of a case compiled with `secretsOutput` (rendered with `--values` after the first). */
  secretValues?: string;
}

function runLint(valuesPath: string, extra: readonly string[]) {
  return runHelmCommand(["lint", "--strict", CHART, "--values", valuesPath, ...extra]);
}

// helm template/lint with the case's values file(s): the secrets file, when there is one, comes second.
function withCaseValues<T>(c: Compiled, run: (extra: string[]) => T): T {
  return c.secretValues === undefined ? run([]) : withValuesFile(c.secretValues, (path) => run(["--values", path]));
}

const compiled = new Map<string, Compiled>();
function compileCase(fixture: Fixture): Compiled {
  let hit = compiled.get(fixture.name);
  if (!hit) {
    const helm = compile(fixtureInput(fixture, "helm"));
    const secretsPath = fixture.options.secretsOutput;
    const secretValues = secretsPath === undefined ? undefined : helm.files.find((f) => f.path === secretsPath)?.text;
    hit = {
      helm,
      values: helm.files.find((f) => f.path === "values.yaml")?.text ?? "",
      ...(secretValues !== undefined ? { secretValues } : {}),
    };
    compiled.set(fixture.name, hit);
  }
  return hit;
}

for (const name of listCases(FIXTURES, (n) => !n.startsWith("_"))) {
  const fixture = readFixture(`${FIXTURES}/${name}`, name);

  golden(`helm golden ${name}`, () => {
    assert.equal(fixture.otherPatches, [], "helm cases name their patches patch-helm* / patch-kubernetes*");
    const { helm } = compileCase(fixture);
    const errors = helm.diagnostics.filter((d) => d.severity === "error");
    assert.equal(
      errors.map((d) => `${d.code} ${d.file ?? ""}: ${d.message}`),
      [],
      "the case must compile",
    );
    if (helm.diagnostics.length > 0)
      expectGolden(`${GOLDEN}/${name}/diagnostics.txt`, formatDiagnostics(helm.diagnostics, { format: "text" }));
    else
      assert.not.ok(
        existsSync(`${GOLDEN}/${name}/diagnostics.txt`) && !process.env.UPDATE_GOLDEN,
        "stale diagnostics.txt",
      );
    const expected = [
      "values.yaml",
      ...(fixture.options.secretsOutput !== undefined ? [fixture.options.secretsOutput] : []),
    ];
    assert.equal(
      helm.files.map((f) => f.path),
      expected,
    );
    for (const file of helm.files) expectGolden(`${GOLDEN}/${name}/${file.path}`, file.text);
    const goldenFiles = existsSync(`${GOLDEN}/${name}`)
      ? readdirSync(`${GOLDEN}/${name}`).filter((f) => f !== "diagnostics.txt")
      : [];
    assert.equal(goldenFiles.sort(), [...expected].sort(), "no stale golden files");
  });

  render(`helm lint --strict and helm template: ${name}`, () => {
    const compiled = compileCase(fixture);
    const { helm, values } = compiled;
    const lint =
      compiled.secretValues === undefined
        ? helmLint(values)
        : withValuesFile(values, (path) => withCaseValues(compiled, (extra) => runLint(path, extra)));
    assert.is(lint.status, 0, lint.stdout + lint.stderr);
    const result = withCaseValues(compiled, (extra) => helmTemplate(values, extra));
    assert.is(result.status, 0, result.stderr);
    const rendered = parseManifests(result.stdout);
    assert.ok(rendered.length > 0);
    assert.equal(validateManifests(rendered), [], "strict Kubernetes v1.33 / Gateway API validation");
    assert.equal(
      plainTextOutsideSecrets(rendered, helm.app ? secretValues(helm.app) : []),
      [],
      "secret values only in Secret data/stringData",
    );
  });

  render(`helm template renders the kubernetes target's objects: ${name}`, () => {
    const compiled = compileCase(fixture);
    const { values } = compiled;
    const { secretsOutput: _, ...sameInput } = fixtureInput(fixture, "kubernetes");
    const kubernetes = compile(sameInput);
    assert.equal(
      kubernetes.diagnostics.filter((d) => d.severity === "error").map((d) => d.message),
      [],
    );
    const emitted = kubernetes.files.flatMap((f) => parseManifests(f.text));
    const result = withCaseValues(compiled, (extra) => helmTemplate(values, extra));
    assert.is(result.status, 0, result.stderr);
    assert.equal(objectDifferences(parseManifests(result.stdout), emitted), []);
  });
}

golden.run();
render.run();
