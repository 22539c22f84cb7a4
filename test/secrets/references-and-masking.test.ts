import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkRules, compile, maskDiagnostics, maskSecrets, maskSecretsLike } from "../../src/index.js";
import { hash8 } from "../../src/rules/derive.js";

const score = (
  variables: Record<string, string>,
  files: Record<string, string> = {},
  resources: Record<string, unknown> = { db: { type: "postgres" } },
) =>
  JSON.stringify({
    apiVersion: "score.dev/v1b1",
    metadata: { name: "web" },
    containers: {
      main: {
        image: "nginx",
        variables,
        files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, { content: v }])),
      },
    },
    resources,
  });
const rules = (extra = "") => `apiVersion: scorec.dev/v1alpha1
kind: Rules
rules:
  - id: pg
    match: { type: postgres }
    outputs: { host: pg.internal }
    secrets:
      password: \${secretRef('orders-db', 'password')}
      derived: \${derive.password(resource.uid)}
  - id: mysql
    match: { type: mysql }
    secrets:
      password: \${secretRef('orders.db', 'password')}
${extra}`;
const run = (target: "compose" | "kubernetes" | "helm", text: string, rulesText = rules()) =>
  compile({
    sources: [{ path: "score.yaml", text }],
    rules: [{ path: "rules.yaml", text: rulesText }],
    target,
    seed: "s",
  });

test("kubernetes: a reference and a derived secret in one variable: each read by a variable of its own, composed with $(VAR)", () => {
  const mixed = run("kubernetes", score({ DSN: "u=${resources.db.password};p=${resources.db.derived}" }));
  assert.equal(
    mixed.diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  const text = mixed.files[0]!.text;
  const derived = mixed.secrets[0]!;
  assert.match(
    text,
    /- name: SCOREC_SECRET_ORDERS_DB_PASSWORD\n\s+valueFrom:\n\s+secretKeyRef:\n\s+key: password\n\s+name: orders-db/,
  );
  assert.match(
    text,
    /- name: DSN_SCOREC_PART_1\n\s+valueFrom:\n\s+secretKeyRef:\n\s+key: main.DSN_SCOREC_PART_1\n\s+name: web-env/,
  );
  assert.match(text, /- name: DSN\n\s+value: u=\$\(SCOREC_SECRET_ORDERS_DB_PASSWORD\);p=\$\(DSN_SCOREC_PART_1\)/);
  assert.ok(text.includes(`main.DSN_SCOREC_PART_1: ${derived}`), "the derived piece is in the env Secret");
  assert.ok(
    text.indexOf("- name: DSN_SCOREC_PART_1") < text.indexOf("- name: DSN\n"),
    "declared before the variable that uses it",
  );
});

test("kubernetes: a user variable named like a reference variable is a collision", () => {
  const r = run("kubernetes", score({ URL: "x${resources.db.password}", SCOREC_SECRET_ORDERS_DB_PASSWORD: "mine" }));
  assert.equal(
    r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code),
    ["TARGET_NAME_COLLISION"],
  );
});

test("two references whose Compose variable would be the same are an error at the second reference", () => {
  const r = run(
    "compose",
    score(
      { A: "${resources.db.password}", B: "${resources.other.password}" },
      {},
      { db: { type: "postgres" }, other: { type: "mysql" } },
    ),
  );
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  assert.ok(
    errors.some(
      (d) =>
        d.code === "RULES_SECRET_REF" && d.file === "rules.yaml" && /SCOREC_SECRET_ORDERS_DB_PASSWORD/.test(d.message),
    ),
    JSON.stringify(errors),
  );
});

test("a reference written into a Kubernetes manifest of a rule is RULES_SECRET_REF at the rule (rules check too)", () => {
  const extra = `  - id: cache
    match: { type: redis }
    secrets: { password: "\${secretRef('cache', 'password')}" }
    artifacts:
      kubernetes:
        manifests:
          - { apiVersion: v1, kind: Secret, metadata: { name: copy }, stringData: { p: "\${secrets.password}" } }
`;
  const text = JSON.stringify({
    apiVersion: "score.dev/v1b1",
    metadata: { name: "web" },
    containers: { main: { image: "nginx" } },
    resources: { cache: { type: "redis" } },
  });
  const r = run("kubernetes", text, rules(extra));
  assert.ok(
    r.diagnostics.some((d) => d.code === "RULES_SECRET_REF" && d.file === "rules.yaml" && d.range),
    JSON.stringify(r.diagnostics),
  );
  const checked = checkRules([
    {
      path: "rules.yaml",
      text: rules("  - id: bad\n    match: { type: queue }\n    secrets: { p: \"${secretRef('', 'k k')}\" }\n"),
    },
  ]);
  assert.equal(checked.diagnostics.filter((d) => d.code === "RULES_SECRET_REF").length, 2);
});

test("maskSecrets: every occurrence and its base64 form, longest first, with the value's hash8", () => {
  const secrets = ["hunter2hunter2", "hunter2hunter2-and-more", "abc"];
  const text = `a hunter2hunter2-and-more b hunter2hunter2 c ${btoa("hunter2hunter2")} abc`;
  const masked = maskSecrets(text, secrets);
  assert.is(
    masked,
    `a <secret ${hash8("hunter2hunter2-and-more")}> b <secret ${hash8("hunter2hunter2")}> c <secret ${hash8("hunter2hunter2")}> abc`,
  );
});

test("maskSecretsLike: an old value is masked where the new text shows a mask; other lines are untouched", () => {
  const after = maskSecrets("kind: Secret\nstringData:\n  password: NEWVALUE123\nplain: same\n", ["NEWVALUE123"]);
  const before = maskSecretsLike("kind: Secret\nstringData:\n  password: OLDVALUE456\nplain: same\n", after);
  assert.is(before, `kind: Secret\nstringData:\n  password: <secret ${hash8("OLDVALUE456")}>\nplain: same\n`);
  assert.not.match(before, /OLDVALUE456/);
});

test("maskSecretsLike: many lines with one key are told apart by what follows the mask", () => {
  const news = ["NEWVALUE-A1", "NEWVALUE-B2"];
  const after = maskSecrets(
    "  url: postgres://u:NEWVALUE-A1@a:5432/x\n  url: postgres://u:NEWVALUE-B2@b:5432/y\n",
    news,
  );
  const before = maskSecretsLike(
    "  url: postgres://u:OLDVALUE-A1@a:5432/x\n  url: postgres://u:OLDVALUE-B2@b:5432/y\n  url: postgres://u:keep@c:5432/z\n",
    after,
  );
  assert.is(
    before,
    `  url: postgres://u:<secret ${hash8("OLDVALUE-A1")}>@a:5432/x\n  url: postgres://u:<secret ${hash8("OLDVALUE-B2")}>@b:5432/y\n  url: postgres://u:keep@c:5432/z\n`,
  );
});

test("maskDiagnostics: messages and hints", () => {
  const [d] = maskDiagnostics(
    [{ code: "RULES_EXPRESSION", severity: "error", message: "got hunter2hunter2", hint: "not hunter2hunter2" }],
    ["hunter2hunter2"],
  );
  assert.not.match(JSON.stringify(d), /hunter2hunter2/);
});

test.run();
