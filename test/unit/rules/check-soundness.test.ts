import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { checkRules, compile } from "../../../src/index.js";
import type { Diagnostic } from "../../../src/diagnostics/diagnostic.js";
import type { TargetName } from "../../../src/model/resolved.js";

// Soundness of `rules check`: for random tables and random workloads, when the check reports no error, every compile
// at every declared environment and target passes rule evaluation (and the targets' checks of rule artifacts); when
// it reports no warning either, workloads may also read any output some rule of the type provides. Tables mix
// environments with and without labels, every criterion (labels included), right and wrong expressions, vars,
// extends, requires, Secret and ConfigMap manifests and compose services.
// `npm test` runs a few hundred cases; SCOREC_PROPERTY_RUNS=100000 is the long mode (docs/rules.md has its figures),
// SCOREC_PROPERTY_SEED replays one run.

const RUNS = Number(process.env.SCOREC_PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.SCOREC_PROPERTY_SEED ?? 2424);
const TARGETS: TargetName[] = ["compose", "kubernetes", "helm"];
const TYPES = ["db", "cache", "queue"] as const;

const ENVIRONMENTS: Record<string, string> = {
  local: "{ type: development }",
  staging: "{ type: staging, labels: { region: eu } }",
  "prod-eu": "{ type: production, labels: { region: eu, gateway: public } }",
  "prod-us": "{ type: production, labels: { region: us } }",
};

// Expressions a platform team writes: ones that hold everywhere, and risky ones that fail at some points (a label
// some environments lack, workload.* at shared resources, a map inside text, a type error, deps and sibling outputs
// that may be missing).
const SAFE_TEMPLATES = ["plain", "${environment.id}", "${default(environment.labels.gateway, 'none')}", "${slug(resource.uid)}", "${resource.id}", "${app.id}.${target}", "${concat('a-', environment.type)}", "${join([environment.id, target], '.')}"];
const RISKY_TEMPLATES = ["h-${environment.labels.region}", "${environment.labels.gateway}", "${workload.name}-x", "r-${environment.labels}", "${upper(environment.labels)}", "${vars.v}", "${deps.dep.host}", "${outputs.extra}:1"];
const template = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...SAFE_TEMPLATES) }, { weight: 1, arbitrary: fc.constantFrom(...RISKY_TEMPLATES) });

// At most one criterion per rule: tables with many random criteria are mostly unreachable rules, which says nothing.
type Criteria = { env?: string[]; envType?: string; labels?: string; target?: TargetName[]; class?: string; id?: string; workload?: string };
const criteria: fc.Arbitrary<Criteria> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  fc.record({ env: fc.subarray(Object.keys(ENVIRONMENTS), { minLength: 1, maxLength: 2 }) }),
  fc.record({ envType: fc.constantFrom("development", "production", "staging") }),
  fc.record({ labels: fc.constantFrom("{ region: eu }", "{ region: us }", "{ gateway: public }") }),
  fc.record({ target: fc.subarray(TARGETS, { minLength: 1, maxLength: 2 }) }),
  fc.record({ class: fc.constantFrom("ha", '"*"') }),
  fc.record({ id: fc.constant("shared-1") }),
  fc.record({ workload: fc.constant("api") }),
);

const ruleArb = fc.record({
  type: fc.constantFrom(...TYPES),
  match: criteria,
  host: template,
  extra: fc.option(template, { nil: undefined }),
  varsV: fc.option(template, { nil: undefined }),
  password: fc.constantFrom("none", "derive", "ref"),
  requires: fc.option(fc.record({ type: fc.constantFrom(...TYPES), shared: fc.boolean() }), { nil: undefined, freq: 3 }),
  manifest: fc.constantFrom("none", "secret", "configmap", "leak"),
  compose: fc.boolean(),
  // Inherit from the previous rule (outputs, secrets, vars, requires, artifacts), overriding what this one writes.
  extendsPrevious: fc.boolean(),
});

const resourceArb = fc.record({ type: fc.constantFrom(...TYPES), ha: fc.boolean(), shared: fc.boolean() });
const workloadArb = fc.record({ resources: fc.array(resourceArb, { minLength: 1, maxLength: 3 }), reads: fc.boolean() });

const caseArb = fc.record({
  envs: fc.subarray(Object.keys(ENVIRONMENTS), { minLength: 1 }),
  // Types with a catch-all rule (no criterion besides the type), as most real tables have.
  bases: fc.subarray([...TYPES]),
  rules: fc.array(ruleArb, { minLength: 1, maxLength: 5 }),
  workloads: fc.array(workloadArb, { minLength: 1, maxLength: 2 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function rulesText(c: Case): string {
  const lines = ["apiVersion: scorec.dev/v1alpha1", "kind: Rules", "environments:"];
  for (const e of c.envs) lines.push(`  ${e}: ${ENVIRONMENTS[e]}`);
  lines.push("rules:");
  for (const t of c.bases) lines.push(`  - id: base-${t}`, `    match: { type: ${t}, class: "*" }`, "    outputs: { host: base }");
  c.rules.forEach((r, i) => {
    const m = r.match;
    const match = [`type: ${r.type}`];
    if (m.class) match.push(`class: ${m.class}`);
    if (m.id) match.push(`id: ${m.id}`);
    if (m.workload) match.push(`workload: ${m.workload}`);
    // Only declared environments may be named; others are dropped rather than making every case a load error.
    const envs = (m.env ?? []).filter((e) => c.envs.includes(e));
    if (envs.length) match.push(`env: [${envs.join(", ")}]`);
    if (m.envType) match.push(`envType: ${m.envType}`);
    if (m.labels) match.push(`labels: ${m.labels}`);
    if (m.target) match.push(`target: [${m.target.join(", ")}]`);
    lines.push(`  - id: r${i}`, `    match: { ${match.join(", ")} }`);
    if (r.extendsPrevious && i > 0) lines.push(`    extends: r${i - 1}`);
    // Requiring its own type is a cycle at once; the generator makes longer ones across types.
    const required = r.requires && r.requires.type === r.type ? TYPES[(TYPES.indexOf(r.type) + 1) % TYPES.length] : r.requires?.type;
    if (r.requires) lines.push("    requires:", `      dep: { type: ${required}${r.requires.shared ? ", id: shared-dep" : ""} }`);
    if (r.varsV) lines.push("    vars:", `      v: ${JSON.stringify(r.varsV)}`);
    lines.push("    outputs:", `      host: ${JSON.stringify(r.host)}`);
    if (r.extra) lines.push(`      extra: ${JSON.stringify(r.extra)}`);
    if (r.password !== "none") lines.push("    secrets:", `      password: ${JSON.stringify(r.password === "derive" ? "${derive.password(resource.uid)}" : "${secretRef('db-creds', 'password')}")}`);
    const pw = r.password === "derive" ? "${secrets.password}" : "x";
    const artifacts: string[] = [];
    if (r.manifest !== "none") {
      const kind = r.manifest === "secret" ? "Secret" : "ConfigMap";
      const field = r.manifest === "secret" ? "stringData" : "data";
      const value = r.manifest === "configmap" ? "${outputs.host}" : pw;
      artifacts.push("      kubernetes:", "        manifests:", `          - { apiVersion: v1, kind: ${kind}, metadata: { name: "r${i}-\${slug(resource.uid)}" }, ${field}: { v: "${value}" } }`);
    }
    if (r.compose) artifacts.push("      compose:", "        services:", `          "r${i}-\${slug(resource.uid)}": { image: "img:\${environment.id}" }`);
    if (artifacts.length) lines.push("    artifacts:", ...artifacts);
  });
  return lines.join("\n") + "\n";
}

function scoreTexts(c: Case, keysByType: Map<string, Set<string>>): { path: string; text: string }[] {
  return c.workloads.map((w, wi) => {
    const name = wi === 0 ? "api" : "web";
    const resources = w.resources.map((r, ri) => `  res${ri}:\n    type: ${r.type}\n${r.ha ? "    class: ha\n" : ""}${r.shared ? "    id: shared-1\n" : ""}`);
    const reads = w.reads ? w.resources.flatMap((r, ri) => [...(keysByType.get(r.type) ?? [])].map((k) => `      V_${ri}_${k.toUpperCase()}: \${resources.res${ri}.${k}}`)) : [];
    const variables = reads.length ? `    variables:\n${reads.join("\n")}\n` : "";
    return { path: `${name}.score.yaml`, text: `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\ncontainers:\n  main:\n    image: img:1\n${variables}resources:\n${resources.join("")}` };
  });
}

// A resource that no rule matches is the workload's problem, not the table's: the check promises nothing for it.
const unmatchedDeclaration = (d: Diagnostic) => d.code === "RULES_NO_MATCH" && (d.file ?? "").endsWith(".score.yaml");
// Two resources sharing an id with different classes or params, and the like, are workload errors too.
const workloadOnly = (d: Diagnostic) => unmatchedDeclaration(d) || d.code.startsWith("RESOURCE_") || d.code.startsWith("SCHEMA_");

const stats = { cases: 0, passed: 0, compiles: 0, withReads: 0 };

// The long mode runs in chunks of CHUNK cases (seeds SEED, SEED+1, ...) and prints the running figures after each,
// so a run cut short still says how far it got.
const CHUNK = 5000;

const soundness = fc.property(caseArb, (c) => {
  stats.cases++;
  const rules = [{ path: "rules.yaml", text: rulesText(c) }];
  const checked = checkRules(rules, { noDefaultRules: true });
  if (checked.diagnostics.some((d) => d.severity === "error")) return true;
  stats.passed++;
  const clean = checked.diagnostics.length === 0;
  if (clean) stats.withReads++;
  const keysByType = new Map<string, Set<string>>();
  if (clean) for (const r of c.rules) keysByType.set(r.type, new Set([...(keysByType.get(r.type) ?? []), "host", ...(r.extra ? ["extra"] : []), ...(r.password !== "none" ? ["password"] : [])]));
  const sources = scoreTexts(c, keysByType);
  for (const environment of c.envs) {
    for (const target of TARGETS) {
      stats.compiles++;
      const r = compile({ sources, rules, target, environment, seed: "s", noDefaultRules: true, app: "shop" });
      const errors = r.diagnostics.filter((d) => d.severity === "error" && !workloadOnly(d));
      if (errors.length > 0) {
        throw new Error(`check passed but compile -e ${environment} -t ${target} failed:\n${errors.map((d) => `${d.code} ${d.file}:${d.range?.start.line} ${d.message}`).join("\n")}\n--- rules.yaml\n${rules[0]!.text}${sources.map((s) => `--- ${s.path}\n${s.text}`).join("")}`);
      }
    }
  }
  return true;
});

test("rules check is sound: no error from the check means no rule error in any compile at a declared point", () => {
  for (let done = 0, chunk = 0; done < RUNS; done += CHUNK, chunk++) {
    fc.assert(soundness, { numRuns: Math.min(CHUNK, RUNS - done), seed: SEED + chunk });
    if (RUNS > CHUNK) console.log(`rules check soundness after ${Math.min(done + CHUNK, RUNS)} cases: ${JSON.stringify(stats)}`);
  }
  // The generator must reach both sides, or the property says nothing.
  assert.ok(stats.passed >= RUNS / 20, `only ${stats.passed} of ${stats.cases} tables passed the check`);
  assert.ok(stats.passed < stats.cases, "every table passed the check: the generator writes no mistakes");
  if (process.env.SCOREC_PROPERTY_RUNS) console.log(`rules check soundness: ${JSON.stringify(stats)}`);
});

test.run();
