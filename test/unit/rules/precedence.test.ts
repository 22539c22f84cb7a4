import { test } from "uvu";
import * as assert from "uvu/assert";
import { toMatch } from "../../../src/rules/load.js";
import type { MatchPoint } from "../../../src/rules/match.js";
import { firstFailure } from "../../../src/rules/match.js";
import { isStrictSubset, isSubset, matchSetOf } from "../../../src/rules/match-set.js";
import { meetCriteria } from "../../../src/rules/precedence-text.js";
import { decide, indexRules, selectRule } from "../../../src/rules/select.js";
import type { EnvironmentDecl, Rule, RulesTable } from "../../../src/rules/types.js";

const envs: Record<string, EnvironmentDecl> = {
  local: { id: "local", type: "development", labels: {} },
  "prod-eu": { id: "prod-eu", type: "production", labels: {} },
  "prod-us": { id: "prod-us", type: "production", labels: {} },
};

function rule(id: string, match: Record<string, string | string[]>): Rule {
  return { id, match: toMatch(match), requires: {}, outputs: {}, secrets: {}, artifacts: {}, origin: { file: "r.yaml", index: 0, locate: () => ({ file: "r.yaml" }) } };
}
const set = (m: Record<string, string | string[]>) => matchSetOf(rule("x", m), envs);
const point = (p: Partial<MatchPoint> = {}): MatchPoint => ({ type: "db", class: "default", id: "api.db", workload: "api", app: "shop", env: "prod-eu", envType: "production", target: "kubernetes", ...p });

test("class: omitted = {default} ⊊ '*'; a named class ⊊ '*'; default and ha are disjoint", () => {
  assert.ok(isStrictSubset(set({ type: "db" }), set({ type: "db", class: "*" })));
  assert.ok(isStrictSubset(set({ type: "db", class: "ha" }), set({ type: "db", class: "*" })));
  assert.not.ok(isSubset(set({ type: "db", class: "ha" }), set({ type: "db" })));
  assert.ok(isStrictSubset(set({ type: "db", class: "ha" }), set({ type: "db", class: ["ha", "default"] })));
});

test("env ⊊ envType, even when the type has one environment; env+envType is an intersection", () => {
  const single: Record<string, EnvironmentDecl> = { local: envs.local! };
  assert.ok(isStrictSubset(matchSetOf(rule("a", { type: "db", env: "local" }), single), matchSetOf(rule("b", { type: "db", envType: "development" }), single)));
  assert.ok(isStrictSubset(set({ type: "db", env: ["prod-eu", "prod-us"] }), set({ type: "db", envType: "production" })));
  assert.ok(isStrictSubset(set({ type: "db", envType: "production" }), set({ type: "db" })));
  assert.ok(isSubset(set({ type: "db", env: "prod-eu", envType: "production" }), set({ type: "db", env: "prod-eu" })));
  assert.equal([...set({ type: "db", env: "local", envType: "production" }).env.ids], []);
});

test("target is a closed universe: listing all three equals omitting it", () => {
  const all = set({ type: "db", target: ["compose", "kubernetes", "helm"] });
  const omitted = set({ type: "db" });
  assert.ok(isSubset(all, omitted) && isSubset(omitted, all));
});

test("first failing criterion follows the documented order", () => {
  const r = rule("r", { type: "db", class: "ha", env: "local", target: "compose" });
  assert.equal(firstFailure(r, point()), { criterion: "class", message: 'class: "default" is not "ha"' });
  assert.equal(firstFailure(r, point({ class: "ha" }))?.criterion, "env");
  assert.equal(firstFailure(rule("w", { type: "db", workload: "api" }), point({ workload: undefined, id: "shared" }))?.criterion, "workload");
  assert.is(firstFailure(rule("t", { type: ["db", "cache"] }), point()), undefined);
});

test("the winner is inside every other candidate; incomparable or identical candidates are ambiguous", () => {
  const table: RulesTable = {
    environments: envs,
    rules: [rule("any", { type: "db" }), rule("prod", { type: "db", envType: "production" }), rule("eu", { type: "db", env: "prod-eu" }), rule("api", { type: "db", workload: "api" })],
  };
  const index = indexRules(table, envs, false);
  const s = selectRule(point({ workload: "web", id: "web.db" }), [index]);
  assert.ok(s.kind === "winner" && s.winner.rule.id === "eu");
  const tie = selectRule(point(), [index]);
  assert.ok(tie.kind === "ambiguous");
  if (tie.kind === "ambiguous") assert.equal(tie.pair.map((p) => p.rule.id), ["api", "eu"]);
  const same = decide(indexRules({ environments: envs, rules: [rule("a", { type: "db" }), rule("b", { type: "db", target: ["compose", "helm", "kubernetes"] })] }, envs, false).all());
  assert.is(same.kind, "ambiguous");
});

test("a lower tier is consulted only when the upper one has no candidate", () => {
  const user = indexRules({ environments: envs, rules: [rule("user-prod", { type: "db", envType: "production" })] }, envs, false);
  const builtin = indexRules({ environments: {}, rules: [rule("builtin", { type: "db", class: "*", env: "prod-eu" })] }, envs, true);
  const prod = selectRule(point(), [user, builtin]);
  assert.ok(prod.kind === "winner" && prod.winner.rule.id === "user-prod");
  const local = selectRule(point({ env: "local", envType: "development" }), [user, builtin]);
  assert.is(local.kind, "none");
  const eu = selectRule(point({ env: "prod-eu" }), [indexRules({ environments: envs, rules: [] }, envs, false), builtin]);
  assert.ok(eu.kind === "winner" && eu.winner.builtin);
});

test("declared order: among incomparable candidates the one narrower on the earliest listed criterion wins", () => {
  const table: RulesTable = { environments: envs, rules: [rule("eu", { type: "db", env: "prod-eu" }), rule("api", { type: "db", workload: "api" }), rule("any", { type: "db" })], precedence: { order: ["workload", "env"] } };
  const s = selectRule(point(), [indexRules(table, envs, false)]);
  assert.ok(s.kind === "winner" && s.winner.rule.id === "api");
  if (s.kind === "winner") assert.equal(s.byPrecedence?.map((r) => r.rule.id), ["eu"]);
  const reversed = selectRule(point(), [indexRules({ ...table, precedence: { order: ["env", "workload"] } }, envs, false)]);
  assert.ok(reversed.kind === "winner" && reversed.winner.rule.id === "eu");
  // A criterion neither rule names does not separate them.
  const unlisted = selectRule(point(), [indexRules({ ...table, precedence: { order: ["id", "app"] } }, envs, false)]);
  assert.ok(unlisted.kind === "ambiguous" && unlisted.conflicts.length === 1);
});

test("declared order: a shorter list is narrower; containment still comes first; the same match set stays a tie", () => {
  const order = { order: ["env", "workload"] as ("env" | "workload")[] };
  const two = indexRules({ environments: envs, rules: [rule("both", { type: "db", env: ["prod-eu", "prod-us"] }), rule("api", { type: "db", workload: ["api", "web"], target: "kubernetes" })], precedence: order }, envs, false);
  const s = selectRule(point(), [two]);
  assert.ok(s.kind === "winner" && s.winner.rule.id === "both");
  // eu-api is inside eu by containment even though the order ranks env first and both name prod-eu.
  const nested = indexRules({ environments: envs, rules: [rule("eu", { type: "db", env: "prod-eu" }), rule("eu-api", { type: "db", env: "prod-eu", workload: "api" })], precedence: order }, envs, false);
  const n = selectRule(point(), [nested]);
  assert.ok(n.kind === "winner" && n.winner.rule.id === "eu-api" && n.byPrecedence === undefined);
  const twins = indexRules({ environments: envs, rules: [rule("a", { type: "db" }), rule("b", { type: "db", target: ["compose", "helm", "kubernetes"] })], precedence: { order: ["target"] } }, envs, false);
  const t2 = selectRule(point(), [twins]);
  assert.ok(t2.kind === "ambiguous" && t2.pair.map((r) => r.rule.id).join() === "a,b");
});

test("declared order: the built-in tier keeps containment alone", () => {
  const user = indexRules({ environments: envs, rules: [], precedence: { order: ["workload", "env"] } }, envs, false);
  const builtin = indexRules({ environments: {}, rules: [rule("eu", { type: "db", env: "prod-eu" }), rule("api", { type: "db", workload: "api" })] }, envs, true);
  assert.is(selectRule(point(), [user, builtin]).kind, "ambiguous");
});

test("the meet of two overlapping rules is expressible as criteria", () => {
  assert.is(meetCriteria(set({ type: "db", workload: "billing" }), set({ type: "db", env: "prod-eu" }), "db"), "{ type: db, workload: billing, env: prod-eu }");
  assert.is(meetCriteria(set({ type: "db", class: "*", envType: "production" }), set({ type: "db", class: "*", target: "helm" }), "db"), '{ type: db, class: "*", envType: production, target: helm }');
});

test.run();
