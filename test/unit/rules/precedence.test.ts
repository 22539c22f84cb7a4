import { test } from "uvu";
import * as assert from "uvu/assert";
import { toMatch, type RawMatch } from "../../../src/rules/load.js";
import type { MatchPoint } from "../../../src/rules/match.js";
import { firstFailure } from "../../../src/rules/match.js";
import { isStrictSubset, isSubset, matchSetOf } from "../../../src/rules/match-set.js";
import { meetCriteria } from "../../../src/rules/precedence-text.js";
import { decide, indexRules, selectRule } from "../../../src/rules/select.js";
import type { EnvironmentDecl, Rule, RulesTable } from "../../../src/rules/types.js";

const envs: Record<string, EnvironmentDecl> = {
  local: { id: "local", type: "development", labels: {} },
  "prod-eu": { id: "prod-eu", type: "production", labels: { region: "eu" } },
  "prod-us": { id: "prod-us", type: "production", labels: { region: "us" } },
};

function rule(id: string, match: RawMatch): Rule {
  return { id, match: toMatch(match), requires: {}, outputs: {}, secrets: {}, vars: {}, artifacts: {}, origin: { file: "r.yaml", index: 0, locate: () => ({ file: "r.yaml" }) } };
}
const set = (m: RawMatch) => matchSetOf(rule("x", m), envs);
const point = (p: Partial<MatchPoint> = {}): MatchPoint => ({ type: "db", class: "default", id: "api.db", workload: "api", app: "shop", env: "prod-eu", envType: "production", labels: { region: "eu" }, target: "kubernetes", ...p });

test("labels: every listed label must be equal; a rule with a label is narrower than the same rule without", () => {
  assert.is(firstFailure(rule("eu", { type: "db", labels: { region: "eu" } }), point()), undefined);
  assert.is(firstFailure(rule("us", { type: "db", labels: { region: "us" } }), point())?.criterion, "labels");
  assert.match(firstFailure(rule("tier", { type: "db", labels: { region: "eu", tier: "gold" } }), point())!.message, "label tier is not set");
  assert.ok(isStrictSubset(set({ type: "db", labels: { region: "eu" } }), set({ type: "db" })));
  assert.ok(isStrictSubset(set({ type: "db", envType: "production", labels: { region: "eu" } }), set({ type: "db", envType: "production" })));
  // A named environment is one environment; a label also stands for environments declared later.
  assert.ok(isStrictSubset(set({ type: "db", env: "prod-eu" }), set({ type: "db", labels: { region: "eu" } })));
  // Incomparable: eu environments of any type vs production environments of any region.
  assert.not.ok(isSubset(set({ type: "db", labels: { region: "eu" } }), set({ type: "db", envType: "production" })));
  assert.not.ok(isSubset(set({ type: "db", envType: "production" }), set({ type: "db", labels: { region: "eu" } })));
  // More labels = narrower.
  assert.ok(isStrictSubset(set({ type: "db", labels: { region: "eu", tier: "gold" } }), set({ type: "db", labels: { region: "eu" } })));
  assert.equal([...set({ type: "db", env: "prod-us", labels: { region: "eu" } }).env.ids], []);
  const s = decide([rule("any", { type: "db" }), rule("eu", { type: "db", labels: { region: "eu" } })].map((r) => ({ rule: r, builtin: false, set: matchSetOf(r, envs) })));
  assert.is(s.kind === "winner" && s.winner.rule.id, "eu");
});

test("labels in precedence: a rule naming labels is narrower than one without, and more labels narrower than fewer", () => {
  const gold: Record<string, EnvironmentDecl> = { ...envs, "prod-eu": { id: "prod-eu", type: "production", labels: { region: "eu", tier: "gold" } } };
  const at = point({ labels: { region: "eu", tier: "gold" } });
  const winner = (precedence: RulesTable["precedence"], ...rules: Rule[]) => {
    const s = selectRule(at, [indexRules({ environments: gold, rules, ...(precedence ? { precedence } : {}) }, gold, false)]);
    return s.kind === "winner" ? s.winner.rule.id : s.kind;
  };
  const eu = rule("eu", { type: "db", labels: { region: "eu" } });
  const prod = rule("prod", { type: "db", envType: "production" });
  assert.is(winner(undefined, eu, prod), "ambiguous");
  assert.is(winner({ order: ["labels"] }, eu, prod), "eu");
  assert.is(winner({ order: ["envType", "labels"] }, eu, prod), "prod");
  // Two label lists that contain no one another: the longer one is narrower; the same count leaves the tie.
  const euGold = rule("eu-gold", { type: "db", labels: { region: "eu", tier: "gold" } });
  const euProd = rule("eu-prod", { type: "db", envType: "production", labels: { region: "eu" } });
  assert.is(winner(undefined, euGold, euProd), "ambiguous");
  assert.is(winner({ order: ["labels"] }, euGold, euProd), "eu-gold");
  const gold2 = rule("gold", { type: "db", envType: "production", labels: { tier: "gold" } });
  assert.is(winner({ order: ["labels"] }, euProd, gold2), "ambiguous");
});

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
