import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { targetArtifactCheck } from "../../../src/api/artifact-check.js";
import type { Diagnostic } from "../../../src/diagnostics/diagnostic.js";
import type { TargetName } from "../../../src/model/resolved.js";
import { checkRulesTable } from "../../../src/rules/check.js";
import { ruleReads } from "../../../src/rules/check/reads.js";
import { builtinRules } from "../../../src/rules/defaults/index.js";
import { loadRules } from "../../../src/rules/load.js";

// `rules check` evaluates a rule once per distinct context it reads (src/rules/check/reads.ts); evaluating it at
// every point where it wins is the oracle. On random tables both must report exactly the same diagnostics, in the
// same order, naming the same example points. The templates read every part of the context (environment, labels,
// resource fields, params, workload, app, target, computed indexes), secretRef variables that collide
// under Compose, vars, outputs, "*" outputs, deps of private and shared requirements (cycles included), and
// artifacts the targets check. `npm test` runs 300 cases; SCOREC_PROPERTY_RUNS=10000 is a long mode,
// SCOREC_PROPERTY_SEED picks another sequence.

const RUNS = Number(process.env.SCOREC_PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.SCOREC_PROPERTY_SEED ?? 20261207);
const TARGETS: TargetName[] = ["compose", "kubernetes", "helm"];
const TYPES = ["db", "cache", "queue"] as const;

const ENVIRONMENTS: Record<string, string> = {
  local: "{ type: development }",
  staging: "{ type: staging, labels: { region: eu } }",
  "prod-eu": "{ type: production, labels: { region: eu, gateway: public } }",
  "prod-us": "{ type: production, labels: { region: us } }",
};

// Loading rejects unknown names and undeclared vars, outputs and deps; these are the templates that load.
const TEMPLATES = [
  "plain",
  "${environment.id}",
  "h-${environment.labels.region}",
  "${default(environment.labels.gateway, 'none')}",
  "${upper(environment.labels)}",
  "${environment[resource.id]}",
  "${resource.type}",
  "${resource.class}",
  "${resource.id}",
  "${slug(resource.uid)}",
  "${resource.name}",
  "${resource.params.size}",
  "${default(resource.params.size, 1)}",
  "${resource.metadata.annotations}",
  "${resource[target]}",
  "${workload.name}-x",
  "${default(workload.name, 'shared')}",
  "${workloads.api}",
  "${app.id}.${target}",
  "${interpolate('HOST')}",
  "${derive.password(resource.uid, environment.type)}",
  // Fine at the first points (unknown or missing values, which default() covers), failing at later ones.
  "${default(environment.labels.region.x, 'x')}",
  "${environment.labels[environment.type]}",
  "${default(resource.class.x, 'x')}",
  "${default(resource.id.x, 'x')}",
  "${default(resource.uid.x, 'x')}",
  "${default(resource.name.x, 'x')}",
  "${default(workload.name.x, 'x')}",
  "${default(app.id.x, 'x')}",
];
// Only where they are declared: vars.v and outputs.extra always are, deps.dep when the rule requires it.
const SIBLING_TEMPLATES = ["${vars.v}", "${outputs.extra}:1"];
const DEPS_TEMPLATES = ["${deps.dep.host}", "${default(deps.dep.port, 5432)}", "x-${deps.dep.nope}"];

type Criteria = { env?: string[]; envType?: string; labels?: string; target?: TargetName[]; class?: string; id?: string; workload?: string; app?: string };
const criteria: fc.Arbitrary<Criteria> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  fc.record({ env: fc.subarray(Object.keys(ENVIRONMENTS), { minLength: 1, maxLength: 2 }) }),
  fc.record({ envType: fc.constantFrom("development", "production", "staging") }),
  fc.record({ labels: fc.constantFrom("{ region: eu }", "{ region: us }", "{ gateway: public }") }),
  fc.record({ target: fc.subarray(TARGETS, { minLength: 1, maxLength: 2 }) }),
  { weight: 2, arbitrary: fc.record({ class: fc.constantFrom("ha", '"*"', '"*"') }) },
  { weight: 2, arbitrary: fc.record({ id: fc.constantFrom("shared-1", "api.res0") }) },
  fc.record({ workload: fc.constantFrom("api", "web") }),
  fc.record({ app: fc.constant("shop") }),
);

const template = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TEMPLATES) }, { weight: 1, arbitrary: fc.constantFrom(...SIBLING_TEMPLATES) }, { weight: 1, arbitrary: fc.constantFrom(...DEPS_TEMPLATES) });
const plain = fc.constantFrom(...TEMPLATES);

const ruleArb = fc.record({
  // A rule may match several types: it is then evaluated per type.
  type: fc.constantFrom<string>(...TYPES, "[db, cache]"),
  match: criteria,
  host: template,
  extra: plain,
  star: fc.option(fc.constantFrom("${output.key}-x", "${output.key}-${environment.id}", "${resource.params[output.key]}"), { nil: undefined, freq: 4 }),
  varsV: plain,
  password: fc.constantFrom("none", "derive", "ref", "ref2"),
  requires: fc.option(fc.record({ type: fc.constantFrom(...TYPES), shared: fc.boolean() }), { nil: undefined, freq: 3 }),
  // Artifacts make the targets' checks read the resource's class, id and workload: not on most rules.
  manifest: fc.constantFrom("none", "none", "none", "secret", "configmap", "leak"),
  compose: fc.constantFrom(false, false, false, true),
  extendsPrevious: fc.boolean(),
});

const caseArb = fc.record({
  envs: fc.subarray(Object.keys(ENVIRONMENTS), { minLength: 1 }),
  bases: fc.subarray([...TYPES]),
  precedence: fc.boolean(),
  defaults: fc.boolean(),
  rules: fc.array(ruleArb, { minLength: 1, maxLength: 6 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function rulesText(c: Case): string {
  const lines = ["apiVersion: scorec.dev/v1alpha1", "kind: Rules"];
  if (c.precedence) lines.push("precedence: [id, workload, env, target]");
  lines.push("environments:");
  for (const e of c.envs) lines.push(`  ${e}: ${ENVIRONMENTS[e]}`);
  lines.push("rules:");
  for (const t of c.bases) lines.push(`  - id: base-${t}`, `    match: { type: ${t}, class: "*" }`, "    outputs: { host: base, port: 1 }");
  c.rules.forEach((r, i) => {
    const m = r.match;
    const match = [`type: ${r.type}`];
    if (m.class) match.push(`class: ${m.class}`);
    if (m.id) match.push(`id: ${m.id}`);
    if (m.workload) match.push(`workload: ${m.workload}`);
    if (m.app) match.push(`app: ${m.app}`);
    const envs = (m.env ?? []).filter((e) => c.envs.includes(e));
    if (envs.length) match.push(`env: [${envs.join(", ")}]`);
    if (m.envType) match.push(`envType: ${m.envType}`);
    if (m.labels) match.push(`labels: ${m.labels}`);
    if (m.target) match.push(`target: [${m.target.join(", ")}]`);
    lines.push(`  - id: r${i}`, `    match: { ${match.join(", ")} }`);
    if (r.extendsPrevious && i > 0) lines.push(`    extends: r${i - 1}`);
    if (r.requires) lines.push("    requires:", `      dep: { type: ${r.requires.type}${r.requires.shared ? ", id: shared-dep" : ""} }`);
    lines.push("    vars:", `      v: ${JSON.stringify(r.varsV)}`);
    const host = !r.requires && r.host.includes("deps.") ? "plain" : r.host;
    lines.push("    outputs:", `      host: ${JSON.stringify(host)}`, `      extra: ${JSON.stringify(r.extra)}`);
    if (r.star) lines.push(`      "*": ${JSON.stringify(r.star)}`);
    const ref = r.password === "ref" ? "${secretRef('db-creds', 'password')}" : "${secretRef('db.creds', 'password')}";
    if (r.password !== "none") lines.push("    secrets:", `      password: ${JSON.stringify(r.password === "derive" ? "${derive.password(resource.uid)}" : ref)}`);
    const pw = r.password === "none" ? "x" : "${secrets.password}";
    const artifacts: string[] = [];
    if (r.manifest !== "none") {
      const kind = r.manifest === "secret" ? "Secret" : "ConfigMap";
      const field = r.manifest === "secret" ? "stringData" : "data";
      const value = r.manifest === "configmap" ? "${outputs.host}" : pw;
      artifacts.push("      kubernetes:", "        manifests:", `          - { apiVersion: v1, kind: ${kind}, metadata: { name: "r${i}-\${slug(resource.uid)}" }, ${field}: { v: "${value}" } }`);
    }
    if (r.compose) artifacts.push("      compose:", "        services:", `          "r${i}-\${slug(resource.uid)}": { image: "img:\${environment.id}", environment: { P: "${pw}" } }`);
    if (artifacts.length) lines.push("    artifacts:", ...artifacts);
  });
  return lines.join("\n") + "\n";
}

// Everything a diagnostic says, in the order the check reports them.
const shown = (ds: readonly Diagnostic[]) => ds.map((d) => JSON.stringify(d));

const stats = { cases: 0, loaded: 0, evaluationProblems: 0, secretRefProblems: 0, narrowReads: 0 };

test("evaluating once per distinct context reports exactly what evaluating at every point reports", () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      stats.cases++;
      const text = rulesText(c);
      const { table } = loadRules([{ path: "rules.yaml", text }]);
      if (!table) return;
      stats.loaded++;
      const options = { artifactCheck: targetArtifactCheck, ...(c.defaults ? { defaults: (t: TargetName) => builtinRules(t).table } : {}) };
      const perContext = checkRulesTable(table, options).diagnostics;
      const perPoint = checkRulesTable(table, { ...options, evaluateEveryPoint: true }).diagnostics;
      assert.equal(shown(perContext), shown(perPoint), `per-context and per-point evaluation differ on\n${text}`);
      if (perPoint.some((d) => d.code === "RULES_EXPRESSION" || d.code === "RULES_SECRET_LEAK" || d.code === "RULES_SECRET_REF")) stats.evaluationProblems++;
      if (perPoint.some((d) => d.code === "RULES_SECRET_REF")) stats.secretRefProblems++;
      if (table.rules.some((r) => ruleReads(r) !== "everything")) stats.narrowReads++;
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // The generator must reach tables with evaluation problems and rules that read less than everything.
  if (process.env.SCOREC_PROPERTY_RUNS) console.log(`per-context evaluation: ${JSON.stringify(stats)}`);
  assert.ok(stats.loaded >= RUNS * 0.9 && stats.evaluationProblems >= RUNS / 5 && stats.narrowReads >= RUNS / 2, JSON.stringify(stats));
});

test("what a rule reads: each part of the context, and everything for requires", () => {
  const rule = (outputs: Record<string, unknown>, extra = "") => {
    const { table, diagnostics } = loadRules([{ path: "r.yaml", text: `apiVersion: scorec.dev/v1alpha1\nkind: Rules\nrules:\n  - id: r\n    match: { type: db }\n${extra}    outputs: ${JSON.stringify(outputs)}\n` }]);
    assert.ok(table, diagnostics[0]?.message);
    return table.rules[0]!;
  };
  const reads = (outputs: Record<string, unknown>, extra = "") => {
    const r = ruleReads(rule(outputs, extra));
    return r === "everything" ? r : [...r].sort();
  };
  assert.equal(reads({ host: "plain", port: 5432 }), []);
  assert.equal(reads({ host: "${slug(resource.uid)}-${target}" }), ["class", "id", "target"]);
  assert.equal(reads({ host: "${interpolate('HOST')}" }), ["target"]);
  assert.equal(reads({ host: "${environment.labels.region}", n: "${resource.name}" }), ["env", "id", "requiredAs", "workload"]);
  assert.equal(reads({ host: "${default(workload.name, 'x')}", a: "${app.id}" }), ["app", "workload"]);
  assert.equal(reads({ host: "${resource[target]}" }), ["class", "id", "requiredAs", "target", "workload"]);
  assert.equal(reads({ host: "plain" }, "    secrets: { password: \"${secretRef('s', 'k')}\" }\n"), ["env", "target"]);
  assert.equal(reads({ "*": "${output.key}" }), []);
  // Output names are names; keys inside artifacts are templates.
  assert.equal(reads({ "${environment.id}": "plain" }), []);
  assert.equal(reads({ host: "plain" }, "    artifacts: { compose: { services: { \"${app.id}\": { image: x } } } }\n"), ["app", "target"]);
  assert.equal(reads({ host: "plain" }, "    requires: { dep: { type: cache } }\n"), "everything");
});

test.run();
