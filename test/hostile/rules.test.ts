import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseAllDocuments } from "yaml";
import type { TargetName } from "../../src/model/resolved.js";
import { compile } from "../../src/index.js";
import { loadRules } from "../../src/rules/load.js";
import { errorsAt, located, score } from "./helpers.js";

// Rules tables written by someone else: cycles, ambiguity, missing outputs, unknown paths and secrets that would
// flow into plain places all stop the compile with a located diagnostic, and nothing is emitted.

const HEAD = "apiVersion: scorec.dev/v1alpha1\nkind: Rules\n";
const rules = (body: string) => [{ path: "rules.yaml", text: HEAD + body }];

function run(scoreText: string, rulesBody: string, target: TargetName = "compose") {
  return compile({
    sources: [{ path: "score.yaml", text: scoreText }],
    rules: rules(rulesBody),
    target,
    seed: "s",
    noDefaultRules: true,
  });
}

/** [code, file, line, col] of the errors. */
const errors = (r: ReturnType<typeof run>) =>
  r.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => [d.code, d.file, d.range?.start.line, d.range?.start.col]);

const uses = (type: string, variable = "") =>
  score(
    "web",
    `  main:\n    image: nginx\n${variable ? `    variables:\n      X: "${variable}"\n` : ""}`,
    `resources:\n  res:\n    type: ${type}\n`,
  );

test("requires cycle: RULES_CYCLE at the requirement, nothing emitted", () => {
  const body = `rules:
  - id: gateway
    match: { type: gateway }
    requires:
      cert: { type: certificate, id: wildcard }
    outputs:
      url: https://\${deps.cert.domain}
  - id: certificate
    match: { type: certificate }
    requires:
      gw: { type: gateway, id: edge }
    outputs:
      domain: \${deps.gw.url}
`;
  const r = run(uses("gateway"), body);
  assert.equal(
    errors(r).map((e) => e[0]),
    ["RULES_CYCLE"],
  );
  assert.equal(errors(r)[0]!.slice(1), ["rules.yaml", 7, 7]);
  assert.equal(r.files, []);
});

test("a rule that requires its own kind without an id never ends: RULES_CYCLE, not a hang", () => {
  const body = `rules:
  - id: chain
    match: { type: chain }
    requires:
      next: { type: chain }
    outputs:
      v: \${deps.next.v}
`;
  const r = run(uses("chain"), body);
  assert.equal(errors(r), [["RULES_CYCLE", "rules.yaml", 7, 7]]);
});

test("params cycle between resources of one workload: RULES_CYCLE", () => {
  const text = score(
    "web",
    "  main:\n    image: nginx\n",
    `resources:\n  aa:\n    type: thing\n    params:\n      x: \${resources.bb.v}\n  bb:\n    type: thing\n    params:\n      x: \${resources.aa.v}\n`,
  );
  const r = run(
    text,
    "rules:\n  - id: thing\n    match: { type: thing }\n    outputs:\n      v: ${resource.params.x}\n",
  );
  assert.equal(
    errors(r).map((e) => [e[0], e[1]]),
    [["RULES_CYCLE", "score.yaml"]],
  );
  assert.ok(errors(r)[0]![2], "located");
});

test("ambiguity: RULES_AMBIGUOUS; no match: RULES_NO_MATCH at the resource type", () => {
  const body = `environments:
  prod: { type: production }
rules:
  - id: by-workload
    match: { type: db, workload: web }
  - id: by-env
    match: { type: db, env: prod }
`;
  const r = compile({
    sources: [{ path: "score.yaml", text: uses("db") }],
    rules: rules(body),
    environment: "prod",
    seed: "s",
    noDefaultRules: true,
  });
  assert.equal(
    errors(r).map((e) => e[0]),
    ["RULES_AMBIGUOUS"],
  );
  assert.ok(errors(r)[0]![2], "located");
  assert.equal(r.files, []);
  assert.equal(errors(run(uses("nothing-matches"), "rules:\n  - id: other\n    match: { type: other }\n")), [
    ["RULES_NO_MATCH", "score.yaml", 9, 11],
  ]);
});

test("missing outputs: a workload asking for an output the rule lacks, a rule reading a dependency's missing output", () => {
  const body = "rules:\n  - id: db\n    match: { type: db }\n    outputs:\n      host: db.internal\n";
  const r = run(uses("db", "${resources.res.password}"), body);
  assert.equal(errors(r), [["PLACEHOLDER_UNKNOWN_OUTPUT", "score.yaml", 8, 11]]);
  const deps = `rules:
  - id: app
    match: { type: app }
    requires:
      db: { type: db }
    outputs:
      url: postgres://\${deps.db.password}@\${deps.db.host}
  - id: db
    match: { type: db }
    outputs:
      host: db.internal
`;
  // Found when the output is computed: at the user's resource (the rule's expression as the secondary location),
  // then at the Score value that needed it.
  const d = run(uses("app", "${resources.res.url}"), deps);
  assert.equal(errors(d), [
    ["PLACEHOLDER_INVALID_REF", "score.yaml", 8, 11],
    ["RULES_EXPRESSION", "score.yaml", 10, 3],
  ]);
  const related = d.diagnostics.find((x) => x.code === "RULES_EXPRESSION")!.related;
  assert.equal(
    related?.map((l) => [l.message, l.file, l.range?.start.line, l.range?.start.col]),
    [['from rule "app"', "rules.yaml", 9, 23]],
  );
});

test("expressions with unknown paths, unknown functions or bad syntax: RULES_EXPRESSION at the ${...} when the table loads", () => {
  const body = `rules:
  - id: bad
    match: { type: db }
    outputs:
      a: \${resource.nope}
      b: x-\${nosuch(resource.id)}
      c: \${resource.id
      d: \${deps.missing.host}
      e: \${outputs.undeclared}
      f: \${${"(".repeat(500)}1${")".repeat(500)}}
`;
  const loaded = loadRules(rules(body));
  assert.equal(loaded.table, undefined);
  const lines = located(loaded.diagnostics).map((d) => [d[0], d[1]]);
  assert.equal(lines, [
    ["RULES_EXPRESSION", 7],
    ["RULES_EXPRESSION", 8],
    ["RULES_EXPRESSION", 9],
    ["RULES_EXPRESSION", 10],
    ["RULES_EXPRESSION", 11],
    ["RULES_EXPRESSION", 12],
  ]);
  // Narrowed to the fault: the unknown function's name in `      b: x-${nosuch(resource.id)}`.
  assert.is(loaded.diagnostics[1]!.range!.start.col, 14);
});

test("a broken rules table: schema errors and duplicate ids are located, __proto__ keys stay data", () => {
  const body = `rules:
  - id: one
    match: { type: db }
    bogus: 1
  - id: one
    match: { type: db }
  - id: two
    match: { __proto__: x, type: db }
`;
  const loaded = loadRules(rules(body));
  assert.equal(
    located(loaded.diagnostics).map((d) => d[0]),
    ["RULES_SCHEMA", "RULES_SCHEMA"],
  );
  assert.equal(
    located(loaded.diagnostics).map((d) => d[1]),
    [6, 10],
  );
  assert.is(({} as Record<string, unknown>).x, undefined);
  const dup = loadRules(rules("rules:\n  - id: one\n    match: { type: db }\n  - id: one\n    match: { type: db }\n"));
  assert.equal(located(dup.diagnostics), [["RULES_DUPLICATE_ID", 6, 9]]);
});

const SECRET_RULE = `rules:
  - id: db
    match: { type: db }
    outputs:
      host: db.internal
      url: postgres://app:\${secrets.password}@db.internal/app
    secrets:
      password: \${derive.password(resource.uid)}
`;

test("secrets never reach plain places: Kubernetes/Helm route them through Secrets, never a ConfigMap or env value", () => {
  const text = score(
    "web",
    `  main:\n    image: nginx\n    variables:\n      URL: \${resources.res.url}\n      PW: \${resources.res.password}\n      HOST: \${resources.res.host}\n    files:\n      /etc/db.conf:\n        content: "password=\${resources.res.password}"\n`,
    "resources:\n  res:\n    type: db\n",
  );
  for (const target of ["kubernetes", "helm"] as const) {
    const r = run(text, SECRET_RULE, target);
    assert.equal(errorsAt(r.diagnostics), [], target);
    const password = /password=([A-Za-z0-9]+)/.exec(r.files.map((f) => f.text).join("\n"))?.[1];
    assert.ok(password && password.length === 32, `${target}: the derived password is in a Secret`);
    for (const doc of r.files.flatMap((f) =>
      parseAllDocuments(f.text).map((d) => d.toJS() as Record<string, unknown>),
    )) {
      const kind = doc.kind;
      const plain = JSON.stringify({ ...doc, ...(kind === "Secret" ? { stringData: null, data: null } : {}) });
      if (target === "kubernetes")
        assert.not.ok(plain.includes(password), `${target}: the password is only in Secret data (${String(kind)})`);
    }
  }
});

test("secrets in a rule's artifacts outside Secret data, or in generated keys: RULES_SECRET_LEAK, nothing emitted", () => {
  const leaky = `${SECRET_RULE}    artifacts:
      kubernetes:
        manifests:
          - apiVersion: v1
            kind: ConfigMap
            metadata: { name: db-config }
            data: { url: "\${outputs.url}" }
`;
  // The derived password, from a compile that puts it where it belongs (the env Secret).
  const clean = run(uses("db", "${resources.res.password}"), SECRET_RULE, "kubernetes");
  const password = /main\.X: ([A-Za-z0-9]{32})/.exec(clean.files[0]!.text)?.[1];
  assert.ok(password, "derived password found in the env Secret");
  for (const target of ["kubernetes", "helm"] as const) {
    const r = run(uses("db"), leaky, target);
    // Reported at the rule's artifact that carries the secret, and again by the final scan of the whole output
    // (which cannot know where a value came from: it also catches patches).
    assert.ok(
      errors(r).every((e) => e[0] === "RULES_SECRET_LEAK"),
      target,
    );
    assert.ok(
      errors(r).some((e) => e[1] === "rules.yaml" && e[2] === 17 && e[3] === 26),
      `${target}: located at the artifact`,
    );
    assert.equal(r.files, []);
    // The diagnostics name where the secret went, never the secret itself.
    for (const d of r.diagnostics)
      assert.not.ok(`${d.message} ${d.hint ?? ""}`.includes(password), `${target}: ${d.code} shows the secret`);
  }
  const keyed = `${SECRET_RULE}    artifacts:
      compose:
        services:
          "\${secrets.password}":
            image: postgres
`;
  const k = run(uses("db"), keyed);
  assert.equal(
    errors(k).map((e) => e[0]),
    ["RULES_SECRET_LEAK"],
  );
  assert.equal(errors(k)[0]!.slice(1), ["rules.yaml", 14, 11]);
  // A volume name computed from a secret would become a plain name: refused at the Score value.
  const volume = score(
    "web",
    `  main:\n    image: nginx\n    volumes:\n      /data:\n        source: \${resources.res.password}\n`,
    "resources:\n  res:\n    type: db\n",
  );
  assert.equal(errors(run(volume, SECRET_RULE)), [["RULES_SECRET_LEAK", "score.yaml", 9, 17]]);
});

test("a rule's malformed Kubernetes manifest: TARGET_INVALID_OUTPUT at the manifest in the rule, every Kubernetes-based target", () => {
  const body = `rules:
  - id: db
    match: { type: db }
    outputs: { host: db.internal }
    artifacts:
      kubernetes:
        manifests:
          - apiVersion: v1
            metadata: { name: no-kind }
`;
  for (const target of ["kubernetes", "helm"] as const) {
    const r = run(uses("db"), body, target);
    assert.equal(errors(r), [["TARGET_INVALID_OUTPUT", "rules.yaml", 10, 13]], target);
    assert.equal(r.files, []);
  }
});

test.run();
