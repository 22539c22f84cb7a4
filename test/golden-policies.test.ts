import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync } from "node:fs";
import { parse, parseAllDocuments } from "yaml";
import { checkRules, compile, explain, formatDiagnostics } from "../src/index.js";
import type { TargetName } from "../src/model/resolved.js";
import { explainText } from "../src/resolve/explain-text.js";
import { ROOT, listCases, readText } from "./helpers/corpus.js";
import { expectGolden } from "./helpers/golden.js";
import { helmLint, helmSuite, helmTemplate, parseManifests } from "./helm/chart.js";
import { validateManifests } from "./schemas/kubernetes/validator.js";

// fixtures/policies/<case>/ → golden/policies/<case>/: compiles through the public API with the case's policies and
// patches (see fixtures/policies/README.md). A run that fails must return no file; kubernetes output must pass the
// strict Kubernetes validator, and helm values must pass helm lint --strict and render valid objects.
const rendered = helmSuite("policies golden: helm renders the patched values");
interface Run {
  env: string;
  target: TargetName;
}
interface Case {
  description: string;
  patches?: string[];
  runs?: Run[];
  explain?: Run[];
  check?: boolean;
  expectErrors?: boolean;
}

const FIXTURES = ROOT + "fixtures/policies";
const GOLDEN = ROOT + "golden/policies";

for (const name of listCases(FIXTURES)) {
  const dir = `${FIXTURES}/${name}`;
  const spec = parse(readText(`${dir}/case.yaml`)) as Case;
  const files = readdirSync(dir).sort();
  const source = (f: string) => ({ path: f, text: readText(`${dir}/${f}`) });
  const sources = files.filter((f) => f.endsWith(".score.yaml")).map(source);
  const rules = files.filter((f) => /^rules.*\.yaml$/.test(f)).map(source);
  const patches = (spec.patches ?? []).map(source);

  for (const run of spec.runs ?? []) {
    test(`policies golden ${name}: ${run.env}.${run.target}`, () => {
      const result = compile({
        sources,
        rules,
        patches,
        environment: run.env,
        target: run.target,
        seed: "golden",
        app: "shop",
      });
      const errors = result.diagnostics.some((d) => d.severity === "error");
      let text = formatDiagnostics(result.diagnostics, { format: "text" });
      for (const f of result.files) text += `--- ${f.path}\n${f.text}`;
      expectGolden(`${GOLDEN}/${name}/${run.env}.${run.target}.txt`, text);
      assert.is(
        errors,
        Boolean(spec.expectErrors),
        spec.expectErrors ? "this case must fail" : "this case must compile",
      );
      if (errors) assert.equal(result.files, [], "nothing is written when a policy or patch fails");
      if (run.target === "kubernetes") {
        const manifests = result.files.flatMap((f) =>
          parseAllDocuments(f.text).map((d) => d.toJS() as Record<string, unknown>),
        );
        assert.equal(validateManifests(manifests), [], "strict Kubernetes v1.33 validation");
      }
    });
    if (run.target === "helm" && !spec.expectErrors) {
      rendered(`policies golden ${name}: ${run.env}.helm renders`, () => {
        const values = compile({
          sources,
          rules,
          patches,
          environment: run.env,
          target: "helm",
          seed: "golden",
          app: "shop",
        }).files[0]!.text;
        const lint = helmLint(values);
        assert.is(lint.status, 0, lint.stdout + lint.stderr);
        const out = helmTemplate(values);
        assert.is(out.status, 0, out.stderr);
        assert.equal(validateManifests(parseManifests(out.stdout)), [], "strict Kubernetes v1.33 validation");
      });
    }
  }
  for (const run of spec.explain ?? []) {
    test(`policies golden ${name}: explain ${run.env}.${run.target}`, () => {
      const { report, diagnostics } = explain({
        sources,
        rules,
        environment: run.env,
        target: run.target,
        app: "shop",
      });
      assert.ok(report, formatDiagnostics(diagnostics, { format: "text" }));
      expectGolden(`${GOLDEN}/${name}/${run.env}.${run.target}.explain.txt`, explainText(report));
    });
  }
  if (spec.check) {
    test(`policies golden ${name}: rules check`, () => {
      const { diagnostics } = checkRules(rules);
      expectGolden(
        `${GOLDEN}/${name}/check.txt`,
        formatDiagnostics(diagnostics, { format: "text" }) || "no problems\n",
      );
    });
  }
}

test.run();
rendered.run();
