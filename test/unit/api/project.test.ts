import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compile, compileProject, loadProject, buildOutputs, diffProjects, diffText } from "../../../src/index.js";
import { ROOT } from "../../helpers/corpus.js";

// The library side of projects, in memory: a project's builds give exactly what one compile per build gives (the
// shared loading changes nothing), outputs mask secrets, and a project compared with itself has no change.

const SHOP = join(ROOT, "examples/shop");
const read = (p: string) => ({ path: p, text: readFileSync(join(SHOP, p), "utf8") });
const scores = ["services/orders/score.yaml", "services/payments/score.yaml", "services/storefront/score.yaml"].map(
  read,
);
const rules = [read("platform/rules.yaml")];
const { project, diagnostics } = loadProject(read("scorec.yaml"));

test("the shop's project file loads without diagnostics", () => {
  assert.equal(diagnostics, []);
  assert.ok(project);
  assert.equal(
    project.builds.map((b) => [b.env, b.target, b.output]),
    [
      ["local", "compose", "compose.yaml"],
      ["staging", "kubernetes", "deploy/staging/"],
      ["production", "helm", "deploy/production/values.yaml"],
    ],
  );
});

test("every build is byte for byte what compile gives for that environment and target", () => {
  const result = compileProject({ project: project!, workloads: [scores], rules, seed: "s" });
  assert.equal(
    result.diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  assert.is(result.builds.length, 3);
  for (const b of result.builds) {
    const alone = compile({
      sources: scores,
      rules,
      environment: b.build.env,
      target: b.build.target,
      app: "shop",
      seed: "s",
      overrides: { image: "ghcr.io/acme/orders:1.4.2" },
      ...(b.build.namespace ? { namespace: b.build.namespace } : {}),
      ...(b.build.output.endsWith("/") && b.build.target === "kubernetes" ? { split: true } : {}),
    });
    assert.equal(b.files, alone.files, `${b.build.env}/${b.build.target}`);
    assert.equal(b.secrets, alone.secrets);
  }
});

test("environments: only those builds; outputs mask secret outputs", () => {
  const result = compileProject({ project: project!, workloads: [scores], rules, environments: ["production"] });
  assert.equal(
    result.builds.map((b) => b.build.env),
    ["production"],
  );
  const db = buildOutputs(result.builds[0]!).resources.find((r) => r.uid === "postgres.default#orders.db")!;
  assert.is(db.outputs.password, "<secret>");
  assert.match(db.rule.location, /^platform\/rules\.yaml:\d+:\d+$/);
});

test("a project compared with itself: no change", () => {
  const a = compileProject({ project: project!, workloads: [scores], rules });
  const b = compileProject({ project: project!, workloads: [scores], rules });
  const d = diffProjects(a.builds, b.builds);
  assert.is(d.changed, false);
  assert.match(diffText(d), /no build changes\n$/);
});

test("a changed binary file is a changed file of the build, one line in the diff", () => {
  const { project: small } = loadProject({
    path: "scorec.yaml",
    text: "apiVersion: scorec.dev/v1alpha1\nkind: Project\nworkloads: [score.yaml]\nbuilds:\n  - { env: local, target: compose, output: deploy/local.yaml }\n",
  });
  const score = (blob: string) => ({
    path: "score.yaml",
    text: `apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n  main:\n    image: nginx\n    files:\n      /blob: {binaryContent: "${blob}"}\n`,
  });
  const build = (blob: string) => compileProject({ project: small!, workloads: [[score(blob)]], rules: [] }).builds;
  assert.is(diffProjects(build("/wA="), build("/wA=")).changed, false);
  const d = diffProjects(build("/wA="), build("/wE="));
  assert.is(d.changed, true);
  assert.equal(d.builds[0]!.files, [{ path: "deploy/local.files/web-main-blob", change: "changed" }]);
  assert.is(
    d.builds[0]!.diff,
    "Binary files a/deploy/local.files/web-main-blob and b/deploy/local.files/web-main-blob differ\n",
  );
});

test.run();
