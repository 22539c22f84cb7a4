import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { checkRules, compile, type CompileInput } from "../../src/index.js";
import { runCli, tempFolder } from "./helpers.js";

// Hostile policies and patches: each is a clear, located error from compile and rules check, and nothing is written.
const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx:1.27
    variables:
      PASSWORD: \${resources.db.password}
resources:
  db:
    type: postgres
`;
const HEAD = "apiVersion: scorec.dev/v1alpha1\nkind: Rules\n";

function run(rules: string, extra: Partial<CompileInput> = {}) {
  const input: CompileInput = {
    sources: [{ path: "score.yaml", text: SCORE }],
    rules: [{ path: "rules.yaml", text: HEAD + rules }],
    target: "kubernetes",
    ...extra,
  };
  return { compiled: compile(input), checked: checkRules(input.rules!) };
}

function expectError(rules: string, code: string, line: number, pattern: RegExp) {
  const { compiled, checked } = run(rules);
  assert.equal(compiled.files, [], "nothing is written");
  for (const diagnostics of [compiled.diagnostics, checked.diagnostics]) {
    const found = diagnostics.find((d) => d.code === code);
    assert.ok(found, `${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    assert.match(found.message, pattern);
    assert.is(found.file, "rules.yaml");
    assert.is(found.range?.start.line, line);
  }
}

test("a policy schema that is itself invalid is refused", () => {
  expectError(
    "policies:\n  - id: typo\n    workload:\n      properties: { containers: { minProperties: many } }\n    message: m\n",
    "RULES_POLICY_SCHEMA",
    6,
    /not a valid JSON Schema/,
  );
  expectError(
    "policies:\n  - id: typo\n    workload:\n      propertise: {}\n    message: m\n",
    "RULES_POLICY_SCHEMA",
    6,
    /unknown keyword/,
  );
});

test("a $ref to a remote URL is refused: no network", () => {
  expectError(
    "policies:\n  - id: remote\n    workload:\n      $ref: https://evil.example/schema.json\n    message: m\n",
    "RULES_POLICY_SCHEMA",
    6,
    /refers outside the policy.*never fetches/,
  );
});

test("a policy cannot name itself ($id, anchors): the shared compiler keeps nothing of a table", () => {
  expectError(
    "policies:\n  - id: named\n    workload:\n      $id: https://example.com/p.json\n    message: m\n",
    "RULES_POLICY_SCHEMA",
    6,
    /\$id is not supported/,
  );
  const table =
    "policies:\n  - id: defs\n    workload:\n      $defs: { img: { pattern: '^x' } }\n      properties: { containers: { additionalProperties: { properties: { image: { $ref: '#/$defs/img' } } } } }\n    message: images start with x\n  - id: never\n    match: { workload: other }\n    workload: false\n    message: m\n";
  for (let i = 0; i < 2; i++) {
    const { compiled } = run(table, { seed: "s" });
    assert.equal(
      compiled.diagnostics.filter((d) => d.severity === "error").map((d) => d.code),
      ["POLICY_VIOLATION"],
      "the same table compiles alike every time",
    );
  }
});

test("a patch that renames a Secret is refused", () => {
  const { compiled } = run(
    "patches:\n  - id: rename\n    select: { kind: Secret }\n    patch:\n      - { op: replace, path: /metadata/name, value: public }\n",
    { seed: "s" },
  );
  assert.equal(compiled.files, []);
  const found = compiled.diagnostics.find((d) => d.code === "PATCH_FORBIDDEN");
  assert.ok(found, JSON.stringify(compiled.diagnostics.map((d) => d.code)));
  assert.match(found.message, /changes the name of Secret/);
  assert.is(found.range?.start.line, 7);
});

test("a patch cannot rename a Secret in the Helm values either", () => {
  const { compiled } = run(
    "patches:\n  - id: rename\n    select: { kind: Values }\n    patch:\n      - { op: move, from: /secrets/web-env, path: /secrets/public }\n",
    { seed: "s", target: "helm" },
  );
  assert.equal(compiled.files, []);
  const found = compiled.diagnostics.find((d) => d.code === "PATCH_FORBIDDEN");
  assert.ok(found, JSON.stringify(compiled.diagnostics.map((d) => d.code)));
  assert.match(found.message, /a Secret's name in the values/);
});

test("a patch cannot copy a secret value into a non-Secret object: the leak check runs after patches", () => {
  // Patches are relative to one object, so the only secret value a patch can reach is in the Secret itself.
  const { compiled } = run(
    "patches:\n  - id: leak\n    select: { kind: Secret }\n    patch:\n      - { op: copy, from: /stringData/main.PASSWORD, path: /metadata/annotations/copied }\n",
    { seed: "s" },
  );
  assert.equal(compiled.files, []);
  const found = compiled.diagnostics.find((d) => d.code === "RULES_SECRET_LEAK");
  assert.ok(found, JSON.stringify(compiled.diagnostics.map((d) => d.code)));
  assert.not.match(JSON.stringify(compiled.diagnostics), /vZxT/);
});

test("two patches that neither orders and that change the same place are ambiguous; different places commute", () => {
  const twice = (second: string) =>
    run(
      `patches:\n  - id: a\n    select: { kind: Deployment }\n    patch:\n      - { op: add, path: /spec/replicas, value: 2 }\n  - id: b\n    select: { kind: Deployment }\n    patch:\n      - { op: add, path: ${second}, value: 3 }\n`,
      { seed: "s" },
    ).compiled;
  const clash = twice("/spec/replicas");
  assert.equal(clash.files, []);
  const found = clash.diagnostics.find((d) => d.code === "PATCH_AMBIGUOUS");
  assert.ok(found, JSON.stringify(clash.diagnostics.map((d) => d.code)));
  assert.match(found.message, /patches "a" and "b" both change Deployment 'web'/);
  const apart = twice("/spec/minReadySeconds");
  assert.equal(
    apart.diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  assert.ok(apart.files.length > 0);
});

test("prototype-pollution paths are refused", () => {
  expectError(
    "patches:\n  - id: proto\n    select: { kind: Deployment }\n    patch:\n      - { op: add, path: /__proto__/polluted, value: yes }\n",
    "OVERRIDE_FORBIDDEN_PATH",
    7,
    /__proto__/,
  );
  expectError(
    "patches:\n  - id: ctor\n    select: { kind: Deployment }\n    patch:\n      - { op: add, path: /constructor/prototype/polluted, value: yes }\n",
    "OVERRIDE_FORBIDDEN_PATH",
    7,
    /constructor/,
  );
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test("a selector-form --patch file with a forbidden path is refused", () => {
  const patch = {
    path: "p.yaml",
    text: "- select: { kind: Deployment }\n  patch:\n    - { op: add, path: /__proto__/x, value: 1 }\n",
  };
  const compiled = compile({
    sources: [{ path: "score.yaml", text: SCORE.replace(/\s+variables:[\s\S]*/, "\n") }],
    target: "kubernetes",
    patches: [patch],
  });
  assert.equal(compiled.files, []);
  const found = compiled.diagnostics.find((d) => d.code === "OVERRIDE_FORBIDDEN_PATH");
  assert.ok(found, JSON.stringify(compiled.diagnostics));
  assert.is(found.file, "p.yaml");
});

test("the CLI: each hostile table is exit 1 with a located error, and the previous output stays untouched", () => {
  const tables = {
    "invalid.yaml": "policies:\n  - id: typo\n    workload: { propertise: {} }\n    message: m\n",
    "remote.yaml": "policies:\n  - id: remote\n    workload: { $ref: 'https://evil.example/s.json' }\n    message: m\n",
    "rename.yaml":
      "patches:\n  - id: rename\n    select: { kind: Secret }\n    patch: [{ op: replace, path: /metadata/name, value: x }]\n",
    "proto.yaml":
      "patches:\n  - id: proto\n    select: { kind: Deployment }\n    patch: [{ op: add, path: /__proto__/x, value: 1 }]\n",
  };
  const t = tempFolder({
    "score.yaml": SCORE,
    "out/manifests.yaml": "# previous output\n",
    ...Object.fromEntries(Object.entries(tables).map(([f, text]) => [f, HEAD + text])),
  });
  try {
    for (const [file, code] of [
      ["invalid.yaml", "RULES_POLICY_SCHEMA"],
      ["remote.yaml", "RULES_POLICY_SCHEMA"],
      ["rename.yaml", "PATCH_FORBIDDEN"],
      ["proto.yaml", "OVERRIDE_FORBIDDEN_PATH"],
    ] as const) {
      const r = runCli(
        ["compile", "score.yaml", "-r", file, "-t", "kubernetes", "--seed", "s", "-o", "out/manifests.yaml"],
        t.dir,
      );
      assert.is(r.status, 1, `${file}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, new RegExp(`${file}:\\d+:\\d+: error ${code}`));
      assert.is(readFileSync(t.path("out/manifests.yaml"), "utf8"), "# previous output\n", `${file}: nothing written`);
    }
  } finally {
    t.cleanup();
  }
});

test.run();
