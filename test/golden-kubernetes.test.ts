import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readdirSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { compile } from "../src/index.js";
import type { CompileInput } from "../src/index.js";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { ROOT, listCases } from "./helpers/corpus.js";
import { fixtureInput, readFixture } from "./helpers/fixture-input.js";
import { expectGolden } from "./helpers/golden.js";
import { secretValues, plainTextOutsideSecrets } from "./unit/kubernetes/secret-check.js";
import { validateManifests } from "./schemas/kubernetes/validator.js";

// fixtures/kubernetes/<case>/ (Score files, optional rules*.yaml, patch*.yaml, options.json) → golden/kubernetes/<case>/:
// manifests.yaml (or one file per manifest with "split"), plus diagnostics.txt when there are any. Every golden
// manifest must pass the strict Kubernetes v1.33 / Gateway API validator, and no secret value may appear outside a
// Secret's data/stringData. See fixtures/kubernetes/README.md.
const FIXTURES = ROOT + "fixtures/kubernetes";
const GOLDEN = ROOT + "golden/kubernetes";

for (const name of listCases(FIXTURES)) {
  const fixture = readFixture(`${FIXTURES}/${name}`, name);
  const { options } = fixture;
  // Kubernetes fixtures apply every patch* file (in name order) unless options.json names them.
  const patchFiles =
    options.patches ?? [...fixture.patches.kubernetes, ...fixture.patches.helm, ...fixture.otherPatches].sort();

  test(`kubernetes golden ${name}`, () => {
    const input: CompileInput = {
      ...fixtureInput(fixture, "kubernetes", patchFiles),
      ...(options.split ? { split: true } : {}),
    };
    const result = compile(input);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    assert.equal(
      errors.map((d) => `${d.code} ${d.file ?? ""}: ${d.message}`),
      [],
      "the case must compile",
    );
    if (result.diagnostics.length > 0)
      expectGolden(`${GOLDEN}/${name}/diagnostics.txt`, formatDiagnostics(result.diagnostics, { format: "text" }));
    else
      assert.not.ok(
        existsSync(`${GOLDEN}/${name}/diagnostics.txt`) && !process.env.UPDATE_GOLDEN,
        "stale diagnostics.txt",
      );
    for (const file of result.files) expectGolden(`${GOLDEN}/${name}/${file.path}`, file.text);
    const goldenFiles = existsSync(`${GOLDEN}/${name}`)
      ? readdirSync(`${GOLDEN}/${name}`).filter((f) => f !== "diagnostics.txt")
      : [];
    assert.equal(goldenFiles.sort(), result.files.map((f) => f.path).sort(), "no stale golden files");

    const manifests = result.files.flatMap((f) =>
      parseAllDocuments(f.text).map((d) => d.toJS() as Record<string, unknown>),
    );
    assert.equal(validateManifests(manifests), [], "strict Kubernetes v1.33 / Gateway API validation");
    const leaks = plainTextOutsideSecrets(manifests, result.app ? secretValues(result.app) : []);
    assert.equal(leaks, [], "secret values only in Secret data/stringData");
  });
}

test.run();
