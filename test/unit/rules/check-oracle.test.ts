import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { analyzeRulesTable, pairKey } from "../../../src/rules/check/analyze.js";
import type { DependencyProblem } from "../../../src/rules/check/dependencies.js";
import { toMatch, type RawMatch } from "../../../src/rules/load.js";
import type { EnvironmentDecl, Requirement, Rule, RulesTable } from "../../../src/rules/types.js";
import { PRECEDENCE_CRITERIA } from "../../../src/rules/types.js";
import { exhaustiveRulesCheck } from "../../helpers/exhaustive-rules-check.js";

// Random small tables: the fast rules check (only the overlaps of tied pairs) must reach the same verdicts as the
// exhaustive enumeration over every point: the same conflicting pairs (each example point really ties there), the
// same unreachable rules, the same dependency problems, the same size of the point space.

const ENVS: EnvironmentDecl[] = [
  { id: "dev", type: "development", labels: {} },
  { id: "prod-eu", type: "production", labels: { region: "eu", tier: "gold" } },
  { id: "prod-us", type: "production", labels: { region: "us" } },
  { id: "stage", type: "staging", labels: { region: "eu" } },
];

const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const matchArb = fc.record({
  type: fc.constantFrom("db", "cache", ["db", "cache"]),
  class: maybe(fc.constantFrom("default", "ha", "*", ["default", "ha"])),
  id: maybe(subset(["x", "w1.db", "shared"])),
  workload: maybe(subset(["w1", "w2"])),
  app: maybe(subset(["shop", "other"])),
  env: maybe(subset(ENVS.map((e) => e.id))),
  envType: maybe(subset(["development", "production", "staging", "qa"])),
  labels: maybe(fc.constantFrom({ region: "eu" }, { region: "us" }, { region: "eu", tier: "gold" }, { tier: "gold" }, { region: "ap" })),
  target: maybe(subset(["compose", "kubernetes", "helm"])),
});

const requiresArb = maybe(
  fc.record({
    type: fc.constantFrom("db", "cache", "kv"),
    id: maybe(fc.constantFrom("shared", "x")),
    reads: fc.constantFrom("host", "port"),
  }),
);

const ruleArb = fc.record({ match: matchArb, requires: requiresArb, provides: fc.constantFrom(["host"], ["host", "port"], []) });

const tableArb = fc.record({
  envs: fc.subarray(ENVS, { minLength: 1 }),
  precedence: maybe(fc.shuffledSubarray([...PRECEDENCE_CRITERIA], { minLength: 1 })),
  rules: fc.array(ruleArb, { minLength: 1, maxLength: 8 }),
});

type Generated = typeof tableArb extends fc.Arbitrary<infer T> ? T : never;

function toTable(t: Generated): RulesTable {
  const rules: Rule[] = t.rules.map((r, i) => {
    const raw = Object.fromEntries(Object.entries(r.match).filter(([, v]) => v !== undefined)) as RawMatch;
    const requires: Record<string, Requirement> = r.requires ? { dep: { type: r.requires.type, class: "default", ...(r.requires.id ? { id: r.requires.id } : {}) } } : {};
    const outputs: Record<string, unknown> = Object.fromEntries(r.provides.map((k) => [k, "v"]));
    if (r.requires) outputs.read = `\${deps.dep.${r.requires.reads}}`;
    return { id: `r${i}`, match: toMatch(raw), requires, vars: {}, outputs, secrets: {}, artifacts: {}, origin: { file: "r.yaml", index: i, locate: () => ({ file: "r.yaml" }) } };
  });
  const environments = Object.fromEntries(t.envs.map((e) => [e.id, e]));
  return { environments, rules, ...(t.precedence ? { precedence: { order: t.precedence } } : {}) };
}

function dependencyKeys(problems: readonly DependencyProblem[]): string[] {
  return problems
    .map((p) => (p.kind === "no-match" ? `none ${p.rule.rule.id} ${p.alias}` : p.kind === "missing-output" ? `missing ${p.rule.rule.id} ${p.alias} ${p.key} ${p.provider.rule.id}` : `${p.kind} ${[...new Set(p.rules.map((r) => r.rule.id))].sort().join(",")}`))
    .sort();
}

test("the fast rules check reaches the verdicts of the exhaustive enumeration", () => {
  fc.assert(
    fc.property(tableArb, (generated) => {
      const table = toTable(generated);
      const fast = analyzeRulesTable(table);
      const oracle = exhaustiveRulesCheck(table);
      assert.equal(fast.conflicts.map((c) => pairKey(c.a, c.b)).sort(), [...oracle.conflicts.keys()].sort(), "conflicting pairs");
      for (const c of fast.conflicts) {
        const s = oracle.verdictAt(c.point);
        assert.ok(s.kind === "ambiguous" && s.conflicts.some(([a, b]) => pairKey(a, b) === pairKey(c.a, c.b)), `the pair ${pairKey(c.a, c.b)} ties at its example point`);
      }
      assert.equal(fast.unreachable.map((u) => u.rule.rule.id).sort(), [...oracle.unreachable].sort(), "unreachable rules");
      assert.equal(dependencyKeys(fast.dependencies), dependencyKeys(oracle.dependencies), "dependency problems");
      assert.is(fast.types.reduce((n, t) => n + t.points, 0), oracle.points, "size of the point space");
    }),
    { numRuns: 400, seed: 20261207 },
  );
});

test("the oracle is not vacuous: the generated tables include conflicts, precedence wins and unreachable rules", () => {
  let conflicts = 0;
  let unreachable = 0;
  let resolvedByOrder = 0;
  fc.assert(
    fc.property(tableArb, (generated) => {
      const table = toTable(generated);
      const f = analyzeRulesTable(table);
      conflicts += f.conflicts.length;
      unreachable += f.unreachable.length;
      if (table.precedence && f.conflicts.length < analyzeRulesTable({ environments: table.environments, rules: table.rules }).conflicts.length) resolvedByOrder++;
    }),
    { numRuns: 200, seed: 7 },
  );
  assert.ok(conflicts > 50 && unreachable > 10 && resolvedByOrder > 5, `conflicts ${conflicts}, unreachable ${unreachable}, settled by precedence ${resolvedByOrder}`);
});

test.run();
