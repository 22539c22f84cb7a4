import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadWorkloads } from "../../../src/validate/load-workloads.js";
import { loadRules } from "../../../src/rules/load.js";
import { resolveApp, type ResolveInput } from "../../../src/resolve/resolve-app.js";

const rulesHead = "apiVersion: scorec.dev/v1alpha1\nkind: Rules\n";

function setup(score: string, rules: string, extra: Partial<ResolveInput> = {}) {
  const w = loadWorkloads([{ path: "score.yaml", text: score }]);
  assert.equal(w.diagnostics, []);
  const r = loadRules([{ path: "rules.yaml", text: rulesHead + rules }]);
  assert.equal(r.diagnostics, []);
  return resolveApp({
    workloads: w.workloads,
    rules: r.table!,
    environment: "local",
    app: "shop",
    target: "compose",
    ...extra,
  });
}

const volScore = `apiVersion: score.dev/v1b1
metadata: { name: api }
containers:
  main:
    image: api
    volumes:
      /data: { source: "\${resources.data}" }
      /cache: { source: "\${resources.data.name}", readOnly: true }
resources:
  data: { type: volume }
`;

test("volumes: exactly ${resources.NAME} names the resource; other sources are substituted", () => {
  const r = setup(volScore, "rules:\n  - id: vol\n    match: { type: volume }\n    outputs: { name: vol-1 }\n");
  assert.equal(r.diagnostics, []);
  assert.equal(r.app!.workloads[0]!.containers.main!.volumes, {
    "/cache": { source: { kind: "literal", name: "vol-1" }, readOnly: true },
    "/data": { source: { kind: "resource", uid: "volume.default#api.data" }, readOnly: false },
  });
});

test("an undeclared environment is an error; local exists implicitly; a declared local is used as declared", () => {
  const rules = 'rules:\n  - id: vol\n    match: { type: volume }\n    outputs: { name: "${environment.type}" }\n';
  const unknown = setup(volScore, rules, { environment: "qa" });
  assert.equal(
    unknown.diagnostics.map((d) => d.code),
    ["RULES_UNKNOWN_ENVIRONMENT"],
  );
  assert.match(unknown.diagnostics[0]!.message, /declared environments: local$/);
  assert.is(setup(volScore, rules).app!.resources[0]!.outputs.name, "development");
  const declared = setup(volScore, "environments:\n  local: { type: sandbox }\n" + rules);
  assert.is(declared.app!.resources[0]!.outputs.name, "sandbox");
});

const dbScore = `apiVersion: score.dev/v1b1
metadata: { name: api }
containers:
  main:
    image: api
    variables: { PW: "\${resources.db.password}" }
resources:
  db: { type: postgres }
`;
const dbRules = `rules:
  - id: pg
    match: { type: postgres }
    requires:
      user: { type: pg-user }
    secrets:
      password: \${deps.user.password}
  - id: pg-user
    match: { type: pg-user }
    outputs:
      owner: \${workload.name}
      id: \${resource.id}
    secrets:
      password: \${derive.password(resource.uid)}
`;

test("a requirement without id is private: id REQUIRING_ID.ALIAS, same owning workload", () => {
  const r = setup(dbScore, dbRules, { seed: "s" });
  assert.equal(r.diagnostics, []);
  const user = r.app!.resources.find((x) => x.type === "pg-user")!;
  assert.is(user.uid, "pg-user.default#api.db.user");
  assert.is(user.shared, false);
  assert.equal(user.outputs, { id: "api.db.user", owner: "api" });
  assert.equal(
    r.app!.resources.map((x) => x.uid),
    ["pg-user.default#api.db.user", "postgres.default#api.db"],
  );
  assert.equal(r.app!.resources[1]!.dependsOn, ["pg-user.default#api.db.user"]);
});

test("development: the development seed is used and reported (the compile warns where it reaches the output)", () => {
  const r = setup(dbScore, dbRules);
  assert.equal(r.diagnostics, []);
  assert.ok(r.app);
  assert.is(r.developmentSeed, true);
  assert.is(r.derivedValues!.length, 1);
  const seeded = setup(dbScore, dbRules, { seed: "s" });
  assert.is(seeded.developmentSeed, undefined);
  assert.is(seeded.derivedValues!.length, 1);
  const none = setup(volScore, "rules:\n  - id: vol\n    match: { type: volume }\n    outputs: { name: v }\n");
  assert.equal([none.derivedValues, none.developmentSeed], [undefined, undefined]);
});

test("outside development, deriving without a seed is RULES_SEED_REQUIRED at the rule's expression, with a hint", () => {
  const rules = "environments:\n  prod: { type: production }\n" + dbRules;
  const r = setup(dbScore, rules, { environment: "prod" });
  assert.is(r.app, undefined);
  const seed = r.diagnostics.filter((d) => d.code === "RULES_SEED_REQUIRED");
  assert.is(seed.length, 1);
  assert.is(seed[0]!.file, "rules.yaml");
  assert.ok(seed[0]!.range);
  const line = (rulesHead + rules).split("\n")[seed[0]!.range.start.line - 1]!;
  assert.ok(line.includes("derive.password"), line);
  assert.match(seed[0]!.message, /environment "prod" \(type production\)/);
  assert.match(seed[0]!.message, /required as "user" by postgres.default#api.db/);
  assert.match(seed[0]!.hint!, /--seed/);
  assert.match(seed[0]!.hint!, /SCOREC_SEED/);
  assert.equal(setup(dbScore, rules, { environment: "prod", seed: "s" }).diagnostics, []);
});

test("same seed, same password; other seed, other password; the secret reaches the variable as secret", () => {
  const pw = (seed: string) => setup(dbScore, dbRules, { seed }).app!.workloads[0]!.containers.main!.variables.PW!;
  assert.equal(pw("one"), pw("one"));
  assert.is.not(pw("one").segments[0]!.text, pw("two").segments[0]!.text);
  assert.equal(
    pw("one").segments.map((s) => s.secret),
    [true],
  );
});

test("a requires chain without ids that meets its own rule again is a cycle", () => {
  const r = setup(
    volScore,
    "rules:\n  - id: vol\n    match: { type: volume }\n    requires:\n      next: { type: volume }\n",
  );
  assert.equal(
    r.diagnostics.map((d) => [d.code, d.file, d.range?.start.line]),
    [["RULES_CYCLE", "rules.yaml", 7]],
  );
  assert.match(
    r.diagnostics[0]!.message,
    /volume\.default#api\.data → volume\.default#api\.data\.next → volume\.default#api\.data\.next\.next/,
  );
});

test("a param the rule reads and the resource lacks: one error at the user's resource, the rule's expression second", () => {
  const r = setup(
    volScore,
    'rules:\n  - id: vol\n    match: { type: volume }\n    outputs:\n      name: "v-${resource.params.size}"\n',
  );
  assert.equal(
    r.diagnostics.map((d) => [d.code, d.file, d.range?.start.line, d.range?.start.col]),
    [
      ["PLACEHOLDER_INVALID_REF", "score.yaml", 8, 26],
      ["RESOURCE_MISSING_PARAM", "score.yaml", 10, 3],
    ],
  );
  const missing = r.diagnostics[1]!;
  assert.match(missing.message, /needs param size: rule "vol" reads it/);
  assert.equal(
    missing.related?.map((l) => [l.message, l.file, l.range?.start.line, l.range?.start.col]),
    [['from rule "vol"', "rules.yaml", 7, 16]],
  );
  assert.is(r.app, undefined);
});

test("params computed from a secret make what reads them secret", () => {
  const score = `apiVersion: score.dev/v1b1
metadata: { name: api }
containers:
  main: { image: api }
resources:
  db: { type: postgres }
  conn:
    type: conn
    params: { password: "\${resources.db.password}" }
`;
  const rules = `rules:
  - id: pg
    match: { type: postgres }
    secrets: { password: "\${derive.password(resource.uid)}" }
  - id: conn
    match: { type: conn }
    outputs:
      url: "x:\${resource.params.password}"
      plain: fixed
`;
  const r = setup(score, rules, { seed: "s" });
  assert.equal(r.diagnostics, []);
  const conn = r.app!.resources.find((x) => x.type === "conn")!;
  assert.equal(Object.keys(conn.secrets), ["url"]);
  assert.equal(conn.outputs, { plain: "fixed" });
  assert.equal(conn.dependsOn, ["postgres.default#api.db"]);
});

test("resolution is deterministic and leaves its inputs alone", () => {
  const w = loadWorkloads([{ path: "score.yaml", text: dbScore }]).workloads;
  const rules = loadRules([{ path: "rules.yaml", text: rulesHead + dbRules }]).table!;
  const before = JSON.stringify(w.map((x) => x.spec));
  const a = resolveApp({ workloads: w, rules, environment: "local", app: "shop", target: "kubernetes", seed: "s" });
  const b = resolveApp({ workloads: w, rules, environment: "local", app: "shop", target: "kubernetes", seed: "s" });
  assert.equal(a, b);
  assert.is(JSON.stringify(w.map((x) => x.spec)), before);
});

test.run();
