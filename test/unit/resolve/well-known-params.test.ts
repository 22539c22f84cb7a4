import { test } from "uvu";
import * as assert from "uvu/assert";
import { compile } from "../../../src/index.js";
import type { TargetName } from "../../../src/model/resolved.js";
import { hostnameProblem, routePathProblem, wellKnownParamProblems } from "../../../src/resolve/well-known-params.js";

const TARGETS: readonly TargetName[] = ["compose", "kubernetes", "helm"];
const score = (params: string) =>
  `apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  web:\n    image: nginx\nservice:\n  ports:\n    http:\n      port: 80\nresources:\n  dns:\n    type: dns\n  route:\n    type: route\n    params:\n${params}`;
const errors = (text: string, target: TargetName) =>
  compile({ sources: [{ path: "score.yaml", text }], target }).diagnostics.filter((d) => d.severity === "error");

test("score-k8s's floor: host a valid hostname, path starting with /", () => {
  assert.ok(hostnameProblem("My_Host!"));
  assert.ok(hostnameProblem(""));
  assert.ok(hostnameProblem("a".repeat(64) + ".example.com"));
  assert.ok(hostnameProblem("-x.example.com"));
  assert.is(hostnameProblem("shop.example.com"), undefined);
  assert.is(hostnameProblem("*.example.com"), undefined);
  assert.ok(routePathProblem("foo"));
  assert.ok(routePathProblem("/a b"));
  assert.is(routePathProblem("/"), undefined);
  assert.is(routePathProblem("/api/v1"), undefined);
  assert.equal(
    wellKnownParamProblems("route", { host: 42 }).map((p) => p.param),
    ["host"],
  );
  assert.equal(
    wellKnownParamProblems("route", { port: 0 }).map((p) => p.param),
    ["port"],
  );
  assert.equal(
    wellKnownParamProblems("dns", { host: "Bad Host" }).map((p) => p.param),
    ["host"],
  );
  assert.equal(wellKnownParamProblems("postgres", { host: "Bad Host" }), [], "other types are the rules' business");
});

test("a bad route host and path are errors at the user's params, for every target", () => {
  const text = score("      host: My_Host!\n      path: foo\n      port: http\n");
  for (const target of TARGETS) {
    const found = errors(text, target);
    assert.equal(
      found.map((d) => [d.code, d.file, d.range?.start.line]),
      [
        ["RESOURCE_INVALID_PARAM", "score.yaml", 17],
        ["RESOURCE_INVALID_PARAM", "score.yaml", 18],
      ],
      target,
    );
    assert.match(found[0]!.message, /"My_Host!" is not a valid hostname/);
    assert.match(found[1]!.message, /"foo" must start with a \//);
  }
});

test("valid params, and a host from another resource's output, compile for every target", () => {
  const text = score("      host: ${resources.dns.host}\n      path: /\n      port: http\n");
  for (const target of TARGETS) assert.equal(errors(text, target), [], target);
});

test.run();
