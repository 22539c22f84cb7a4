import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadRules } from "../../../src/rules/load.js";
import { planPatches } from "../../../src/rules/patch-plan.js";
import { environmentUniverse } from "../../../src/rules/types.js";

const table = (patches: string) =>
  loadRules([{ path: "rules.yaml", text: `apiVersion: scorec.dev/v1alpha1\nkind: Rules\nenvironments:\n  prod: { type: production }\n  stage: { type: staging }\npatches:\n${patches}` }]).table!;
const entry = (id: string, match: string) => `  - id: ${id}\n    match: ${match}\n    select: { kind: Deployment }\n    patch: [{ op: add, path: /spec/replicas, value: 1 }]\n`;
const plan = (patches: string, workload = "api", env = "prod", envType = "production") => {
  const t = table(patches);
  return planPatches(t.patches ?? [], [], [workload], { app: "shop", env, envType, target: "kubernetes" }, environmentUniverse(t)).get(workload) ?? [];
};

test("the most specific patch applies last, whatever the ids say", () => {
  const order = plan(entry("a-most-specific", "{ env: prod, workload: api }") + entry("b-env", "{ env: prod }") + entry("c-type", "{ envType: production }") + entry("z-everything", "{}"));
  assert.equal(order.map((e) => e.patch.id), ["z-everything", "c-type", "b-env", "a-most-specific"]);
  assert.equal(order.map((e) => [...e.unordered]), [[], [], [], []], "a chain: every pair is ordered");
});

test("patches that neither contains apply by id and know each other as unordered", () => {
  const order = plan(entry("b-workload", "{ workload: api }") + entry("a-env", "{ env: prod }"));
  assert.equal(order.map((e) => e.patch.id), ["a-env", "b-workload"]);
  assert.equal(order.map((e) => [...e.unordered]), [["b-workload"], ["a-env"]]);
});

test("only the patches that match the workload's point are planned", () => {
  const patches = entry("prod-only", "{ env: prod }") + entry("other-workload", "{ workload: web }") + entry("helm-only", "{ target: helm }");
  assert.equal(plan(patches).map((e) => e.patch.id), ["prod-only"]);
  assert.equal(plan(patches, "api", "stage", "staging").map((e) => e.patch.id), []);
});

test.run();
