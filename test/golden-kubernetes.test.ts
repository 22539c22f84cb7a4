import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { emitter } from "../src/api/emitters/kubernetes.js";
import { compileWith } from "../src/api/pipeline.js";
import type { CompileInput } from "../src/api/compile-input.js";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { ROOT, listDirs, readText } from "./helpers/corpus.js";
import { expectGolden } from "./helpers/golden.js";
import { secretValues, plainTextOutsideSecrets } from "./unit/kubernetes/secret-check.js";
import { validateManifests } from "./schemas/kubernetes/validator.js";

// fixtures/kubernetes/<case>/ (Score files, optional rules*.yaml, patch*.yaml, options.json) → golden/kubernetes/<case>/:
// manifests.yaml (or one file per manifest with "split"), plus diagnostics.txt when there are any. Every golden
// manifest must pass the strict Kubernetes v1.33 / Gateway API validator, and no secret value may appear outside a
// Secret's data/stringData. See fixtures/kubernetes/README.md.
interface Options {
  description?: string;
  score?: string[];
  rules?: string[];
  patches?: string[];
  env?: string;
  app?: string;
  seed?: string;
  namespace?: string;
  split?: boolean;
  image?: string;
  overridesFile?: string;
  overrideProperties?: string[];
  noDefaultRules?: boolean;
}

const FIXTURES = ROOT + "fixtures/kubernetes";
const GOLDEN = ROOT + "golden/kubernetes";

for (const name of listDirs(FIXTURES)) {
  const dir = `${FIXTURES}/${name}`;
  const options: Options = existsSync(`${dir}/options.json`) ? JSON.parse(readText(`${dir}/options.json`)) : {};
  const files = readdirSync(dir).sort();
  const yamlFiles = files.filter((f) => /\.ya?ml$/.test(f));
  const scoreFiles = options.score ?? yamlFiles.filter((f) => !/^(rules|patch|overrides)/.test(f));
  const rulesFiles = options.rules ?? yamlFiles.filter((f) => f.startsWith("rules"));
  const patchFiles = options.patches ?? files.filter((f) => /^patch.*\.(ya?ml|json)$/.test(f));
  const source = (f: string) => ({ path: f, text: readText(`${dir}/${f}`) });

  test(`kubernetes golden ${name}`, () => {
    const input: CompileInput = {
      sources: scoreFiles.map(source),
      target: "kubernetes",
      rules: rulesFiles.map(source),
      patches: patchFiles.map(source),
      app: options.app ?? name,
      seed: options.seed ?? "golden",
      readFile: (path) => readFileSync(`${dir}/${path}`),
      ...(options.env ? { environment: options.env } : {}),
      ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.split ? { split: true } : {}),
      ...(options.noDefaultRules ? { noDefaultRules: true } : {}),
      ...(options.image || options.overridesFile || options.overrideProperties
        ? {
            overrides: {
              ...(options.image ? { image: options.image } : {}),
              ...(options.overridesFile ? { file: source(options.overridesFile) } : {}),
              ...(options.overrideProperties ? { properties: options.overrideProperties } : {}),
            },
          }
        : {}),
    };
    const result = compileWith(input, emitter);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    assert.equal(errors.map((d) => `${d.code} ${d.file ?? ""}: ${d.message}`), [], "the case must compile");
    if (result.diagnostics.length > 0) expectGolden(`${GOLDEN}/${name}/diagnostics.txt`, formatDiagnostics(result.diagnostics, { format: "text" }));
    else assert.not.ok(existsSync(`${GOLDEN}/${name}/diagnostics.txt`) && !process.env.UPDATE_GOLDEN, "stale diagnostics.txt");
    for (const file of result.files) expectGolden(`${GOLDEN}/${name}/${file.path}`, file.text);
    const goldenFiles = existsSync(`${GOLDEN}/${name}`) ? readdirSync(`${GOLDEN}/${name}`).filter((f) => f !== "diagnostics.txt") : [];
    assert.equal(goldenFiles.sort(), result.files.map((f) => f.path).sort(), "no stale golden files");

    const manifests = result.files.flatMap((f) => parseAllDocuments(f.text).map((d) => d.toJS() as Record<string, unknown>));
    assert.equal(validateManifests(manifests), [], "strict Kubernetes v1.33 / Gateway API validation");
    const leaks = plainTextOutsideSecrets(manifests, result.app ? secretValues(result.app) : []);
    assert.equal(leaks, [], "secret values only in Secret data/stringData");
  });
}

test.run();
