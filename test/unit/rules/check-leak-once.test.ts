import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkRules, compile } from "../../../src/index.js";

// A claim whose spec carries a secret: a leak the Kubernetes target and the Helm target (which falls back to the
// Kubernetes manifests) both show, at one place in the table.
const RULES = `apiVersion: scorec.dev/v1alpha1
kind: Rules
rules:
  - id: pg-claim
    match: { type: postgres }
    outputs:
      host: db.internal
    secrets:
      password: \${derive.password(resource.uid)}
    artifacts:
      kubernetes:
        manifests:
          - apiVersion: database.example.org/v1alpha1
            kind: PostgreSQLInstance
            metadata:
              name: pg-\${hash8(resource.uid)}
            spec:
              parameters:
                password: \${secrets.password}
`;
const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  main:
    image: nginx
    variables:
      DB: \${resources.db.host}
resources:
  db:
    type: postgres
`;

test("rules check: a leak is one error at its place in the table, whichever targets show it", () => {
  const { diagnostics } = checkRules([{ path: "rules.yaml", text: RULES }]);
  assert.equal(
    diagnostics.map((d) => [d.code, d.file, d.range?.start.line]),
    [["RULES_SECRET_LEAK", "rules.yaml", 19]],
  );
});

test("compile: the leak is one error at the rule, for Kubernetes and for Helm", () => {
  for (const target of ["kubernetes", "helm"] as const) {
    const r = compile({
      sources: [{ path: "score.yaml", text: SCORE }],
      rules: [{ path: "rules.yaml", text: RULES }],
      target,
      seed: "s",
    });
    assert.equal(
      r.diagnostics.map((d) => [d.code, d.file, d.range?.start.line]),
      [["RULES_SECRET_LEAK", "rules.yaml", 19]],
      target,
    );
  }
});

test.run();
