import { test } from "uvu";
import * as assert from "uvu/assert";
import { compile } from "../../../src/index.js";
import { selects } from "../../../src/rules/patches.js";

const SCORE = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n  extra: yes\ncontainers:\n  main:\n    image: nginx\n  side:\n    image: busybox\n";
const rules = (policies: string) => [{ path: "rules.yaml", text: `apiVersion: scorec.dev/v1alpha1\nkind: Rules\nenvironments:\n  prod: { type: production }\npolicies:\n${policies}` }];
const violations = (policies: string, environment = "prod") =>
  compile({ sources: [{ path: "score.yaml", text: SCORE }], rules: rules(policies), environment, target: "kubernetes", seed: "s" }).diagnostics
    .filter((d) => d.code === "POLICY_VIOLATION")
    .map((d) => [d.range?.start.line, d.range?.start.col, d.message.split("\n")[0]]);

test("every violation of every container is reported at once, each at its value", () => {
  const found = violations("  - id: tagged\n    workload: { properties: { containers: { additionalProperties: { properties: { image: { pattern: ':' } } } } } }\n    message: images carry a tag\n");
  assert.equal(found.map(([line, col]) => [line, col]), [[7, 12], [9, 12]]);
  assert.match(String(found[0]![2]), /workload "web" breaks policy "tagged": images carry a tag \(containers\.main\.image must match pattern/);
});

test("a missing key points at its parent's key; an unexpected key at itself", () => {
  assert.equal(violations("  - id: desc\n    workload: { required: [service] }\n    message: m\n").map(([l]) => l), [1]);
  assert.equal(violations("  - id: closed\n    workload: { properties: { metadata: { additionalProperties: false, properties: { name: {} } } } }\n    message: m\n").map(([l, c, m]) => [l, c, /has extra, which the policy does not allow/.test(String(m))]), [[4, 3, true]]);
});

test("a policy applies only where its criteria hold", () => {
  assert.equal(violations("  - id: never-in-prod\n    match: { env: local }\n    workload: false\n    message: m\n"), []);
  assert.equal(violations("  - id: always\n    workload: false\n    message: m\n").length, 1);
});

test("selectors: exact kind and name, * for any characters", () => {
  assert.ok(selects({ kind: "Deployment" }, "Deployment", "web"));
  assert.not.ok(selects({ kind: "Deploy" }, "Deployment", "web"));
  assert.ok(selects({ name: "web-*" }, "Service", "web-main"));
  assert.not.ok(selects({ name: "web-*" }, "Service", "api-web-main"));
  assert.ok(selects({ kind: "*Set", name: "*" }, "StatefulSet", "db"));
  assert.not.ok(selects({ name: "a.c" }, "Service", "abc"), "only * is special");
});

test.run();
