import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadRules } from "../../../src/rules/load.js";

const base = `apiVersion: scorec.dev/v1alpha1
kind: Rules
environments:
  local: { type: development }
  prod: { type: production, labels: { region: eu } }
rules:
  - id: pg-local
    match: { type: postgres, env: local }
    outputs: { host: localhost }
  - id: pg-prod
    description: prod
    match: { type: [postgres, mysql], class: "*", envType: production, target: [kubernetes, helm] }
    requires:
      net: { type: vpc, id: main }
    outputs: { host: "pg.\${environment.labels.region}", port: 5432 }
    secrets: { password: "\${derive.password(resource.uid)}" }
`;

test("loads and normalises a table", () => {
  const { table, diagnostics } = loadRules([{ path: "rules.yaml", text: base }]);
  assert.equal(diagnostics, []);
  assert.ok(table);
  assert.equal(Object.keys(table.environments), ["local", "prod"]);
  assert.equal(table.environments.prod, { id: "prod", type: "production", labels: { region: "eu" }, location: table.environments.prod!.location });
  const [local, prod] = table.rules;
  assert.equal(local!.match, { type: ["postgres"], class: ["default"], env: ["local"] });
  assert.equal(prod!.match, { type: ["mysql", "postgres"], class: "*", envType: ["production"], target: ["helm", "kubernetes"] });
  assert.equal(prod!.requires, { net: { type: "vpc", class: "default", id: "main" } });
  assert.equal(prod!.origin.locate(["id"]).range?.start.line, 10);
});

test("schema errors are RULES_SCHEMA at the offending node", () => {
  const text = `apiVersion: scorec.dev/v1alpha1
kind: Rules
rules:
  - id: a
    match: { type: postgres, colour: red }
  - id: b
    match: { class: x }
`;
  const { table, diagnostics } = loadRules([{ path: "r.yaml", text }]);
  assert.is(table, undefined);
  assert.ok(diagnostics.every((d) => d.code === "RULES_SCHEMA"));
  const at = diagnostics.map((d) => `${d.range?.start.line}:${d.range?.start.col}`).sort();
  assert.equal(at, ["5:30", "7:14", "7:5"]);
});

test("wrong apiVersion and kind are schema errors", () => {
  const { diagnostics } = loadRules([{ path: "r.yaml", text: "apiVersion: v1\nkind: Rule\n" }]);
  assert.equal(diagnostics.map((d) => [d.code, d.range?.start.line]), [["RULES_SCHEMA", 1], ["RULES_SCHEMA", 2]]);
});

test("a rule id defined twice is located at the second, naming the first", () => {
  const other = `apiVersion: scorec.dev/v1alpha1
kind: Rules
rules:
  - id: pg-local
    match: { type: postgres }
`;
  const { table, diagnostics } = loadRules([{ path: "z.yaml", text: other }, { path: "a.yaml", text: base }]);
  assert.is(table, undefined);
  assert.is(diagnostics.length, 1);
  const d = diagnostics[0]!;
  assert.is(d.code, "RULES_DUPLICATE_ID");
  assert.is(d.file, "z.yaml");
  assert.is(d.range?.start.line, 4);
  assert.match(d.message, /a\.yaml:7:9/);
});

test("environments unite across files; a conflicting redeclaration is an error", () => {
  const same = "apiVersion: scorec.dev/v1alpha1\nkind: Rules\nenvironments:\n  local: { type: development }\n  qa: { type: staging }\n";
  const ok = loadRules([{ path: "a.yaml", text: base }, { path: "b.yaml", text: same }]);
  assert.equal(ok.diagnostics, []);
  assert.equal(Object.keys(ok.table!.environments), ["local", "prod", "qa"]);
  const clash = "apiVersion: scorec.dev/v1alpha1\nkind: Rules\nenvironments:\n  prod: { type: staging }\n";
  const bad = loadRules([{ path: "a.yaml", text: base }, { path: "b.yaml", text: clash }]);
  assert.equal(bad.diagnostics.map((d) => [d.code, d.file, d.range?.start.line]), [["RULES_DUPLICATE_ENVIRONMENT", "b.yaml", 4]]);
});

test("an environment criterion must name a declared environment (local is implicit)", () => {
  const text = `apiVersion: scorec.dev/v1alpha1
kind: Rules
rules:
  - id: a
    match: { type: postgres, env: [local, stage] }
`;
  const { diagnostics } = loadRules([{ path: "r.yaml", text }]);
  assert.equal(diagnostics.map((d) => [d.code, d.range?.start.line]), [["RULES_UNKNOWN_ENVIRONMENT", 5]]);
});

test("expressions are checked at load: syntax, roots, deps aliases, own outputs, output.key", () => {
  const text = `apiVersion: scorec.dev/v1alpha1
kind: Rules
rules:
  - id: a
    match: { type: postgres }
    requires: { inst: { type: pg-instance } }
    outputs:
      host: "\${deps.inst.host}"
      bad1: "x-\${deps.other.host}"
      bad2: "\${resource.nmae}"
      bad3: "\${outputs.nope}"
      bad4: "\${output.key}"
      bad5: "\${slug()}"
      bad6: "\${oops"
      "*": "\${output.key}"
    secrets:
      host: "dup"
    artifacts:
      compose:
        services:
          "svc-\${nope.x}": { image: x }
`;
  const { diagnostics } = loadRules([{ path: "r.yaml", text }]);
  const got = diagnostics.map((d) => [d.code, d.range?.start.line, d.range?.start.col]);
  assert.equal(got, [
    ["RULES_EXPRESSION", 9, 16],
    ["RULES_EXPRESSION", 10, 14],
    ["RULES_EXPRESSION", 12, 14],
    ["RULES_EXPRESSION", 13, 14],
    ["RULES_EXPRESSION", 14, 14],
    ["RULES_SCHEMA", 17, 7],
    ["RULES_EXPRESSION", 21, 11],
  ]);
});

test("extends: inherited keys, per-key overrides across outputs and secrets, locations of inherited templates", () => {
  const text = `apiVersion: scorec.dev/v1alpha1
kind: Rules
rules:
  - id: parent
    match: { type: pg }
    requires: { net: { type: vpc, id: main } }
    vars: { a: "1", b: "2" }
    outputs: { host: h, user: "\${vars.nope}" }
    secrets: { password: p }
    artifacts: { compose: { services: { x: { image: x } } }, kubernetes: { manifests: [] } }
  - id: child
    extends: parent
    match: { type: pg, id: special }
    vars: { b: "3" }
    outputs: { password: plain }
    artifacts: { compose: { services: { y: { image: y } } } }
`;
  const { diagnostics } = loadRules([{ path: "r.yaml", text }]);
  // The bad template is the parent's: reported there for both rules (line 8), never at the child.
  assert.equal(diagnostics.map((d) => [d.code, d.range?.start.line, d.message.slice(0, 13)]), [
    ["RULES_EXPRESSION", 8, 'rule "child":'],
    ["RULES_EXPRESSION", 8, 'rule "parent"'],
  ]);
  const fixed = loadRules([{ path: "r.yaml", text: text.replace("${vars.nope}", "${vars.a}") }]);
  const child = fixed.table!.rules.find((r) => r.id === "child")!;
  assert.equal(child.vars, { a: "1", b: "3" });
  assert.equal(child.outputs, { host: "h", user: "${vars.a}", password: "plain" });
  assert.equal(child.secrets, {});
  assert.equal(Object.keys(child.requires), ["net"]);
  assert.equal(child.artifacts, { compose: { services: { y: { image: "y" } } }, kubernetes: { manifests: [] } });
  assert.is(child.origin.locate(["outputs", "host"]).range?.start.line, 8);
  assert.is(child.origin.locate(["outputs", "password"]).range?.start.line, 15);
});

test.run();
