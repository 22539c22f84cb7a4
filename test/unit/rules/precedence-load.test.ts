import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkRules } from "../../../src/api/check-rules.js";
import { STARTER_RULES } from "../../../src/cli/commands/init-templates.js";
import { loadRules } from "../../../src/rules/load.js";

const head = (precedence?: string) => `apiVersion: scorec.dev/v1alpha1
kind: Rules
${precedence ? `precedence: ${precedence}\n` : ""}environments:
  prod: { type: production }
`;
const rules = `rules:
  - id: pg-prod
    match: { type: postgres, env: prod }
    outputs: { host: prod }
  - id: pg-orders
    match: { type: postgres, id: orders-db }
    outputs: { host: orders }
`;

test("precedence is read into the table; without it the table has none", () => {
  assert.equal(loadRules([{ path: "r.yaml", text: head("[id, env]") + rules }]).table?.precedence?.order, ["id", "env"]);
  assert.is(loadRules([{ path: "r.yaml", text: head() + rules }]).table?.precedence, undefined);
});

test("the schema accepts only match criteria other than type and class, and at least one", () => {
  for (const bad of ["[type]", "[class]", "[region]", "[]", "id"]) {
    const { table, diagnostics } = loadRules([{ path: "r.yaml", text: head(bad) + rules }]);
    assert.is(table, undefined, bad);
    assert.is(diagnostics[0]?.code, "RULES_SCHEMA", bad);
  }
});

test("a criterion listed twice is RULES_PRECEDENCE at the list", () => {
  const { diagnostics } = loadRules([{ path: "r.yaml", text: head("[id, env, id]") + rules }]);
  assert.equal(diagnostics.map((d) => [d.code, d.range?.start.line]), [["RULES_PRECEDENCE", 3]]);
  assert.match(diagnostics[0]!.message, /"id" more than once/);
});

test("several files may declare the same order; a different one is an error at the second file, naming the first", () => {
  const same = loadRules([{ path: "a.yaml", text: head("[id, env]") + rules }, { path: "b.yaml", text: `apiVersion: scorec.dev/v1alpha1\nkind: Rules\nprecedence: [id, env]\n` }]);
  assert.equal(same.table?.precedence?.order, ["id", "env"]);
  // Path order, not argument order: b.yaml is the second even when given first.
  const differs = loadRules([{ path: "b.yaml", text: `apiVersion: scorec.dev/v1alpha1\nkind: Rules\nprecedence: [env, id]\n` }, { path: "a.yaml", text: head("[id, env]") + rules }]);
  assert.is(differs.table, undefined);
  assert.equal(differs.diagnostics.map((d) => [d.code, d.file]), [["RULES_PRECEDENCE", "b.yaml"]]);
  assert.match(differs.diagnostics[0]!.message, /precedence \[env, id\] differs from \[id, env\] declared at a\.yaml:3:13/);
});

test("the declared order settles the overlap for rules check; without it the check suggests one", () => {
  const without = checkRules([{ path: "r.yaml", text: head() + rules }]);
  assert.equal(without.diagnostics.map((d) => d.code), ["RULES_AMBIGUOUS"]);
  assert.match(without.diagnostics[0]!.hint!, /precedence: \[id, env\]/);
  const withOrder = checkRules([{ path: "r.yaml", text: head("[id, env]") + rules }]);
  assert.equal(withOrder.diagnostics, []);
  assert.equal(withOrder.summary?.precedence, ["id", "env"]);
});

test("scorec init --rules shows precedence commented out, and the starter is sound with it uncommented", () => {
  assert.match(STARTER_RULES, /^# precedence: \[id, workload, env, app, envType, labels, target\]$/m);
  const uncommented = STARTER_RULES.replace(/^# (precedence: .*)$/m, "$1");
  const checked = checkRules([{ path: "rules.yaml", text: uncommented }]);
  assert.equal(checked.diagnostics, []);
  assert.equal(checked.summary?.precedence, ["id", "workload", "env", "app", "envType", "labels", "target"]);
});

test.run();
