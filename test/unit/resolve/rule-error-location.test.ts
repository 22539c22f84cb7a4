import { test } from "uvu";
import * as assert from "uvu/assert";
import { compile, formatDiagnostics, diagnosticToJson } from "../../../src/index.js";
import type { TargetName } from "../../../src/model/resolved.js";

// Errors raised while a rule runs for a resource the user declared point at that resource in the Score file; the
// rule's line is the secondary location. A route without params gives one error naming every param, per target.
const TARGETS: readonly TargetName[] = ["compose", "kubernetes", "helm"];
const routeWithoutParams =
  "apiVersion: score.dev/v1b1\nmetadata:\n  name: hello-world\ncontainers:\n  hello-world:\n    image: nginx\nservice:\n  ports:\n    www:\n      port: 8080\nresources:\n  route:\n    type: route\n";

test("a route without params: one RESOURCE_MISSING_PARAM at the user's resource naming host, path and port, for every target", () => {
  for (const target of TARGETS) {
    const r = compile({ sources: [{ path: "score.yaml", text: routeWithoutParams }], target });
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    assert.equal(
      errors.map((d) => [d.code, d.file, d.range?.start.line, d.range?.start.col]),
      [["RESOURCE_MISSING_PARAM", "score.yaml", 12, 3]],
      target,
    );
    assert.match(errors[0]!.message, /needs params host, path, port: rule "(compose|builtin-k8s)-route" reads them/);
    assert.equal(errors[0]!.related?.length, 1);
    assert.match(errors[0]!.related![0]!.file!, /^<builtin>\/rules\/defaults\/(compose|kubernetes)\.yaml$/);
  }
});

test("the text format prints the rule as a second line, the JSON format as related", () => {
  const r = compile({ sources: [{ path: "score.yaml", text: routeWithoutParams }], target: "kubernetes" });
  const text = formatDiagnostics(r.diagnostics, { format: "text" });
  assert.match(
    text,
    /^score\.yaml:12:3: error RESOURCE_MISSING_PARAM: .*\n {2}from rule "builtin-k8s-route" at <builtin>\/rules\/defaults\/kubernetes\.yaml:\d+:\d+\n {2}hint: set host: \.\.\., path: \.\.\., port: \.\.\. under resources\.route\.params\n$/,
  );
  const json = diagnosticToJson(r.diagnostics[0]!) as { related: { message: string; file: string; line: number }[] };
  assert.is(json.related[0]!.message, 'from rule "builtin-k8s-route"');
  assert.ok(json.related[0]!.line > 0);
  assert.match(formatDiagnostics(r.diagnostics, { format: "github" }), /from rule "builtin-k8s-route" at <builtin>/);
});

test("a params read inside default(...) is not required; one given param leaves the others listed", () => {
  const text = routeWithoutParams + "    params:\n      host: shop.example.com\n";
  const r = compile({ sources: [{ path: "score.yaml", text }], target: "kubernetes" });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  assert.equal(
    errors.map((d) => d.code),
    ["RESOURCE_MISSING_PARAM"],
  );
  assert.match(errors[0]!.message, /needs params path, port:/);
  // The volume default reads params.size through default(): no params needed.
  const vol =
    "apiVersion: score.dev/v1b1\nmetadata:\n  name: api\ncontainers:\n  main:\n    image: api\n    volumes:\n      /data:\n        source: ${resources.data}\nresources:\n  data:\n    type: volume\n";
  assert.equal(
    compile({ sources: [{ path: "score.yaml", text: vol }], target: "kubernetes" }).diagnostics.filter(
      (d) => d.severity === "error",
    ),
    [],
  );
});

test("a secret in a generated key of a user's rule stays at the rule, the user's resource second", () => {
  const score =
    "apiVersion: score.dev/v1b1\nmetadata:\n  name: api\ncontainers:\n  main:\n    image: api\n    variables:\n      X: ${resources.res.host}\nresources:\n  res:\n    type: thing\n";
  const rules =
    'apiVersion: scorec.dev/v1alpha1\nkind: Rules\nrules:\n  - id: thing\n    match: { type: thing }\n    secrets: { password: "${derive.password(resource.uid)}" }\n    outputs: { host: thing }\n    artifacts:\n      kubernetes:\n        manifests:\n          - { apiVersion: v1, kind: ConfigMap, metadata: { name: leak }, data: { "${secrets.password}": p } }\n';
  const r = compile({
    sources: [{ path: "score.yaml", text: score }],
    rules: [{ path: "rules.yaml", text: rules }],
    target: "kubernetes",
    seed: "s",
  });
  const leak = r.diagnostics.find((d) => d.code === "RULES_SECRET_LEAK");
  assert.ok(leak, JSON.stringify(r.diagnostics));
  assert.is(leak.file, "rules.yaml");
  assert.equal(
    leak.related?.map((l) => [l.file, l.range?.start.line]),
    [["score.yaml", 10]],
  );
});

test("a shared route on the built-in rules: one error per target at the resource, saying to drop the id", () => {
  const score = (name: string) =>
    `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\ncontainers:\n  main:\n    image: nginx\nservice:\n  ports:\n    web: { port: 80 }\nresources:\n  rt:\n    type: route\n    id: shared-route\n    params: { host: example.com, path: /, port: 80 }\n`;
  for (const target of TARGETS) {
    const r = compile({
      sources: [
        { path: "aa/score.yaml", text: score("aa") },
        { path: "bb/score.yaml", text: score("bb") },
      ],
      target,
      seed: "s",
    });
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    assert.equal(
      errors.map((d) => [d.code, d.file, d.range?.start.line]),
      [["RULES_EXPRESSION", "aa/score.yaml", 11]],
      target,
    );
    assert.match(
      errors[0]!.message,
      /^resource "rt" of workload "aa" \(route\.default#shared-route\) is shared \(it has an id\), but the built-in rule "(compose|builtin-k8s)-route" reads workload\.\*/,
    );
    assert.match(errors[0]!.hint!, /^remove the id from resources\.rt, so that each workload gets its own/);
    assert.match(errors[0]!.related![0]!.file!, /^<builtin>\/rules\/defaults\//);
  }
});

test.run();
