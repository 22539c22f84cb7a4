import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync } from "node:fs";
import { parse } from "yaml";
import { loadWorkloads } from "../src/validate/load-workloads.js";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { sortDiagnostics, type Diagnostic } from "../src/diagnostics/diagnostic.js";
import type { ResolvedApp, TargetName } from "../src/model/resolved.js";
import type { Interpolated } from "../src/placeholders/types.js";
import { targetArtifactCheck } from "../src/api/artifact-check.js";
import { checkRulesTable } from "../src/rules/check.js";
import { explainApp } from "../src/resolve/explain.js";
import { explainText } from "../src/resolve/explain-text.js";
import { loadRules } from "../src/rules/load.js";
import { resolveApp } from "../src/resolve/resolve-app.js";
import { toYaml } from "../src/targets/shared/serialize.js";
import { ROOT, listCases, readText } from "./helpers/corpus.js";
import { expectGolden } from "./helpers/golden.js";

// fixtures/rules/<case>/ (case.yaml, *.score.yaml, rules*.yaml) → golden/rules/<case>/: the resolved resources and
// substituted workloads per run, explain text, and the static check. See fixtures/rules/README.md.
interface Run {
  env: string;
  target: TargetName;
  seed?: string;
}
interface Case {
  description: string;
  app?: string;
  score?: string[];
  rules?: string[];
  defaults?: string;
  runs?: Run[];
  explain?: Run[];
  check?: boolean;
  /** Each run must produce at least one error (the case documents a failure). */
  expectErrors?: boolean;
}

const FIXTURES = ROOT + "fixtures/rules";
const GOLDEN = ROOT + "golden/rules";

for (const name of listCases(FIXTURES)) {
  const dir = `${FIXTURES}/${name}`;
  const spec = parse(readText(`${dir}/case.yaml`)) as Case;
  const files = readdirSync(dir).sort();
  const scoreFiles = spec.score ?? files.filter((f) => f.endsWith(".score.yaml"));
  const rulesFiles = spec.rules ?? files.filter((f) => /^rules.*\.yaml$/.test(f));
  const source = (f: string) => ({ path: f, text: readText(`${dir}/${f}`) });
  const load = () => {
    const w = loadWorkloads(scoreFiles.map(source));
    const r = loadRules(rulesFiles.map(source));
    const d = spec.defaults ? loadRules([source(spec.defaults)]) : undefined;
    return { w, r, d, diagnostics: [...w.diagnostics, ...r.diagnostics, ...(d?.diagnostics ?? [])] };
  };

  for (const run of spec.runs ?? []) {
    const label = `${run.env}.${run.target}${run.seed ? `.${run.seed}` : ""}`;
    test(`rules golden ${name}: resolve ${label}`, () => {
      const { w, r, d, diagnostics } = load();
      let text: string;
      let errors = diagnostics.some((x) => x.severity === "error");
      if (errors) text = render({ diagnostics });
      else {
        const res = resolveApp({
          workloads: w.workloads,
          ...(r.table ? { rules: r.table } : {}),
          ...(d?.table ? { defaults: d.table } : {}),
          environment: run.env,
          app: spec.app ?? "shop",
          target: run.target,
          ...(run.seed ? { seed: run.seed } : {}),
        });
        errors = res.diagnostics.some((x) => x.severity === "error");
        text = render({ diagnostics: res.diagnostics, ...(res.app ? { app: res.app } : {}) });
      }
      expectGolden(`${GOLDEN}/${name}/${label}.yaml`, text);
      assert.is(
        errors,
        Boolean(spec.expectErrors),
        spec.expectErrors ? "this case must fail" : "this case must resolve",
      );
    });
  }

  for (const run of spec.explain ?? []) {
    test(`rules golden ${name}: explain ${run.env}.${run.target}`, () => {
      const { w, r, d } = load();
      const report = explainApp({
        workloads: w.workloads,
        ...(r.table ? { rules: r.table } : {}),
        ...(d?.table ? { defaults: d.table } : {}),
        environment: run.env,
        app: spec.app ?? "shop",
        target: run.target,
      });
      const text =
        "resources" in report
          ? explainText(report) + diagnosticsText(report.diagnostics)
          : diagnosticsText(report.diagnostics);
      expectGolden(`${GOLDEN}/${name}/${run.env}.${run.target}.explain.txt`, text);
    });
  }

  if (spec.check) {
    test(`rules golden ${name}: rules check`, () => {
      const r = loadRules(rulesFiles.map(source));
      const d = spec.defaults ? loadRules([source(spec.defaults)]).table : undefined;
      const diagnostics = r.table
        ? [
            ...r.diagnostics,
            ...checkRulesTable(r.table, { artifactCheck: targetArtifactCheck, ...(d ? { defaults: () => d } : {}) })
              .diagnostics,
          ]
        : r.diagnostics;
      expectGolden(`${GOLDEN}/${name}/check.txt`, diagnosticsText(sortDiagnostics(diagnostics)) || "no problems\n");
    });
  }
}

function diagnosticsText(diagnostics: readonly Diagnostic[]): string {
  return formatDiagnostics(diagnostics, { format: "text" });
}

function render(result: { app?: ResolvedApp; diagnostics: readonly Diagnostic[] }): string {
  const out: Record<string, unknown> = {};
  if (result.diagnostics.length > 0) out.diagnostics = diagnosticsText(result.diagnostics).trimEnd().split("\n");
  const app = result.app;
  if (app) {
    out.resources = app.resources.map((r) => ({
      uid: r.uid,
      rule: r.rule.builtin ? `${r.rule.id} (builtin)` : r.rule.id,
      ...(r.declaredBy.length ? { declaredBy: r.declaredBy.map((d) => `${d.workload}.${d.name}`) } : {}),
      sourceWorkload: r.sourceWorkload,
      ...(Object.keys(r.params).length ? { params: r.params } : {}),
      ...(r.dependsOn.length ? { dependsOn: r.dependsOn } : {}),
      ...(Object.keys(r.outputs).length ? { outputs: r.outputs } : {}),
      ...(Object.keys(r.secrets).length ? { secrets: r.secrets } : {}),
      ...(Object.keys(r.artifacts).length ? { artifacts: r.artifacts } : {}),
      ...(r.secretPaths.length ? { secretPaths: r.secretPaths } : {}),
    }));
    out.workloads = Object.fromEntries(
      app.workloads.map((w) => [
        w.name,
        Object.fromEntries(
          Object.entries(w.containers).map(([c, rc]) => [
            c,
            {
              ...(Object.keys(rc.variables).length
                ? { variables: Object.fromEntries(Object.entries(rc.variables).map(([k, v]) => [k, show(v)])) }
                : {}),
              ...(Object.keys(rc.files).length
                ? {
                    files: Object.fromEntries(
                      Object.entries(rc.files).map(([k, f]) => [
                        k,
                        f.kind === "text" ? show(f.content) : `(binary ${f.base64.length} base64 chars)`,
                      ]),
                    ),
                  }
                : {}),
              ...(Object.keys(rc.volumes).length ? { volumes: rc.volumes } : {}),
            },
          ]),
        ),
      ]),
    );
  }
  return toYaml(out);
}

// Secret pieces are shown as ⟦secret:…⟧ and verbatim pieces as ⟦verbatim:…⟧, so the golden shows the taint.
function show(v: Interpolated): string {
  return v.segments
    .map((s) => (s.secret ? `⟦secret:${s.text}⟧` : s.verbatim ? `⟦verbatim:${s.text}⟧` : s.text))
    .join("");
}

test.run();
