import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync } from "node:fs";
import { parse } from "yaml";
import { checkRules, compile, explain, formatDiagnostics } from "../src/index.js";
import type { TargetName } from "../src/model/resolved.js";
import { explainText } from "../src/resolve/explain-text.js";
import { ROOT, listCases, readText } from "./helpers/corpus.js";
import { expectGolden } from "./helpers/golden.js";

// fixtures/policies/<case>/ → golden/policies/<case>/: compiles through the public API with the case's policies and
// patches (see fixtures/policies/README.md). A run that fails must return no file.
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
      const result = compile({ sources, rules, patches, environment: run.env, target: run.target, seed: "golden", app: "shop" });
      const errors = result.diagnostics.some((d) => d.severity === "error");
      let text = formatDiagnostics(result.diagnostics, { format: "text" });
      for (const f of result.files) text += `--- ${f.path}\n${f.text}`;
      expectGolden(`${GOLDEN}/${name}/${run.env}.${run.target}.txt`, text);
      assert.is(errors, Boolean(spec.expectErrors), spec.expectErrors ? "this case must fail" : "this case must compile");
      if (errors) assert.equal(result.files, [], "nothing is written when a policy or patch fails");
    });
  }
  for (const run of spec.explain ?? []) {
    test(`policies golden ${name}: explain ${run.env}.${run.target}`, () => {
      const { report, diagnostics } = explain({ sources, rules, environment: run.env, target: run.target, app: "shop" });
      assert.ok(report, formatDiagnostics(diagnostics, { format: "text" }));
      expectGolden(`${GOLDEN}/${name}/${run.env}.${run.target}.explain.txt`, explainText(report));
    });
  }
  if (spec.check) {
    test(`policies golden ${name}: rules check`, () => {
      const { diagnostics } = checkRules(rules);
      expectGolden(`${GOLDEN}/${name}/check.txt`, formatDiagnostics(diagnostics, { format: "text" }) || "no problems\n");
    });
  }
}

test.run();
