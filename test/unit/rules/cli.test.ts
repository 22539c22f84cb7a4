import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../../src/cli/main.js";
import { memoryIO } from "../../helpers/memory-io.js";

const score = `apiVersion: score.dev/v1b1
metadata:
  name: billing
containers:
  main:
    image: billing:1
resources:
  db:
    type: postgres
`;
const rules = `apiVersion: scorec.dev/v1alpha1
kind: Rules
environments:
  staging: { type: staging }
  prod: { type: production }
rules:
  - id: pg-default
    match: { type: postgres }
    outputs: { host: pg }
  - id: pg-billing
    match: { type: postgres, workload: billing }
    outputs: { host: billing-pg }
  - id: pg-prod
    match: { type: postgres, env: prod }
    outputs: { host: prod-pg }
`;

test("rules check: exit 1, the summary first on stderr, then the ambiguity located at the rule", async () => {
  const io = memoryIO({ "rules.yaml": rules });
  const code = await run(["rules", "check", "rules.yaml"], io);
  assert.is(code, 1);
  assert.is(io.stdoutText(), "");
  assert.match(io.stderrText(), /^checked 3 rule\(s\) over 3 environment\(s\) × 3 targets \(\d+ points\): 1 error\(s\)\n {2}1 conflicting pair\(s\) \(postgres 1\), 0 unreachable rule\(s\), 0 missing output\(s\)\nrules\.yaml:11:5: error RULES_AMBIGUOUS: /);
});

test("rules check: a sound table gets one line on stdout and nothing on stderr", async () => {
  const io = memoryIO({ "rules.yaml": rules.replace(/ {2}- id: pg-prod[\s\S]*$/, "") });
  assert.is(await run(["rules", "check", "rules.yaml"], io), 0);
  assert.is(io.stderrText(), "");
  assert.match(io.stdoutText(), /^checked 2 rule\(s\) over 3 environment\(s\) × 3 targets \(\d+ points\): no problems\n$/);
});

test("rules check --format json: ok, summary and diagnostics", async () => {
  const io = memoryIO({ "rules.yaml": rules.replace(/ {2}- id: pg-prod[\s\S]*$/, "") });
  const code = await run(["rules", "check", "rules.yaml", "--format", "json"], io);
  assert.is(code, 0);
  const out = JSON.parse(io.stdoutText());
  assert.equal(out, { ok: true, exitCode: 0, command: "rules check", summary: { rules: 2, environments: 3, points: out.summary.points, examined: out.summary.examined, conflicts: {}, unreachable: 0, missingOutputs: 0 }, conflicts: [], diagnostics: [] });
});

test("rules check --format json: every conflicting pair with a point, and the grouped diagnostics", async () => {
  const io = memoryIO({ "rules.yaml": rules });
  assert.is(await run(["rules", "check", "rules.yaml", "--format", "json"], io), 1);
  const out = JSON.parse(io.stdoutText());
  assert.equal(out.summary.conflicts, { postgres: 1 });
  assert.equal(out.conflicts.map((c: { rules: string[] }) => c.rules), [["pg-billing", "pg-prod"]]);
  assert.equal(out.conflicts[0].point.workload, "billing");
  assert.equal(out.conflicts[0].point.env, "prod");
  assert.equal(out.diagnostics.map((d: { code: string }) => d.code), ["RULES_AMBIGUOUS"]);
});

test("rules check: unknown subcommand and unreadable file", async () => {
  assert.is(await run(["rules", "lint", "x.yaml"], memoryIO()), 2);
  const io = memoryIO();
  assert.is(await run(["rules", "check", "missing.yaml"], io), 1);
  assert.match(io.stderrText(), /CLI_IO/);
});

test("explain: text report on stdout, exit 0 where one rule wins", async () => {
  const io = memoryIO({ "score.yaml": score, "rules.yaml": rules });
  const code = await run(["explain", "-r", "rules.yaml", "-e", "staging", "-t", "kubernetes", "--app", "shop", "--no-default-rules"], io);
  assert.is(code, 0);
  const text = io.stdoutText();
  assert.match(text, /^environment staging \(type staging\), target kubernetes, app shop$/m);
  assert.match(text, /→ pg-billing +the most specific of 2 matching rules/);
  assert.match(text, /✗ pg-prod +env: "staging" is not "prod"/);
});

test("explain --format json: the ambiguity is in the report and exit is 1", async () => {
  const io = memoryIO({ "score.yaml": score, "rules.yaml": rules });
  const code = await run(["explain", "score.yaml", "-r", "rules.yaml", "-e", "prod", "--app", "shop", "--format", "json", "--no-default-rules"], io);
  assert.is(code, 1);
  const out = JSON.parse(io.stdoutText());
  assert.is(out.ok, false);
  assert.is(out.resources[0].outcome, "ambiguous");
  assert.equal(out.resources[0].point.workload, "billing");
  assert.equal(out.resources[0].rules.map((r: { id: string; verdict: string }) => [r.id, r.verdict]), [["pg-billing", "ambiguous"], ["pg-default", "less-specific"], ["pg-prod", "ambiguous"]]);
  assert.is(out.diagnostics[0].code, "RULES_AMBIGUOUS");
});

test("explain: an undeclared environment is an error listing the declared ones", async () => {
  const io = memoryIO({ "score.yaml": score, "rules.yaml": rules });
  assert.is(await run(["explain", "-r", "rules.yaml", "-e", "qa"], io), 1);
  assert.match(io.stderrText(), /RULES_UNKNOWN_ENVIRONMENT: environment "qa" is not declared; declared environments: local, prod, staging/);
});

test.run();
