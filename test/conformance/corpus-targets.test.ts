import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, statSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { compile } from "../../src/index.js";
import type { CompileInput } from "../../src/index.js";
import type { TargetName } from "../../src/model/resolved.js";
import { validateManifests } from "../schemas/kubernetes/validator.js";
import { composeProblems } from "../unit/compose/compose-validator.js";
import { corpusPath, listFiles, readText } from "../helpers/corpus.js";

// Every public example Score file of the vendored corpus (score-spec/examples, the spec, the docs, the sample app,
// score-compose's and score-helm's examples, the community `environment` example) compiles for every target on the
// built-in rules alone, and the output passes the strict validators (Kubernetes v1.33 / Gateway API; the Compose
// Specification). Examples that need what no built-in rule can give fail the same way on every target; they are
// listed below, each with its reason, so a new failure is never silent.
const ROOTS = [
  "examples",
  "spec",
  "docs",
  "sample-score-app",
  "score-compose/examples",
  "score-helm/current",
  "score-helm/legacy",
  "community-provisioners/environment",
];
const isScoreFile = (rel: string) =>
  /(^|\/)(score[^/]*|schemas-samples-score-full)\.yaml$/.test(rel) && !/case\.yaml$/.test(rel);
const TARGETS: readonly TargetName[] = ["compose", "kubernetes", "helm"];

/** Resource types of the examples that no built-in rule provides (score-compose and score-k8s have none either). */
const NOT_BUILT_IN = new Set([
  "service",
  "endpoint",
  "llm-model",
  "something",
  "Resource-One",
  "Resource-Two",
  "Type-Three",
]);

/** Examples that cannot compile on the built-in rules, by path prefix: the codes expected, the targets, and why. */
const EXPECTED_FAILURES: { prefix: string; codes: string[]; targets: readonly TargetName[]; why: string }[] = [
  {
    prefix: "score-helm/current/init-default-score/",
    codes: ["RESOURCE_MISSING_PARAM"],
    targets: TARGETS,
    why: "a route without host, path and port params (score-k8s and score-compose reject it too)",
  },
  {
    prefix: "score-helm/legacy/convert-resource-references/",
    codes: ["PLACEHOLDER_UNKNOWN_OUTPUT"],
    targets: TARGETS,
    why: "reads dns output domain_name, which only score-helm's legacy values provided (the built-in dns gives host and url)",
  },
  {
    prefix: "community-provisioners/environment/",
    codes: ["RULES_SECRET_REF"],
    targets: ["kubernetes", "helm"],
    why: "a file embeds an environment value in other text: Kubernetes cannot render a Secret key into a file (docs/kubernetes.md)",
  },
];

/** Files the upstream samples name but their repositories do not ship: a one-line stand-in each. */
const NOT_SHIPPED = new Set(["spec/score-full/file.txt", "docs/file.txt"]);

function input(paths: readonly string[], target: TargetName): CompileInput {
  return {
    sources: paths.map((path) => ({ path, text: readText(corpusPath(path)) })),
    target,
    app: "corpus",
    seed: "corpus",
    // `image: .` means "the image built from this folder" (score-compose's --image).
    overrides: { image: "registry.example/built:1" },
    readFile: (file) => {
      if (NOT_SHIPPED.has(file))
        return new TextEncoder().encode("stand-in for a file the upstream sample does not ship\n");
      const full = corpusPath(file);
      return existsSync(full) && statSync(full).isFile() ? readFileSync(full) : { error: "no such file" };
    },
  };
}

/** The Score files of one folder are the workloads of one app, except where a folder holds alternatives. */
const ALTERNATIVES = new Set(["examples/samples/aks-store-demo/product"]);
const apps = new Map<string, string[]>();
for (const root of ROOTS) {
  for (const rel of listFiles(corpusPath(root), isScoreFile)) {
    const path = `${root}/${rel}`;
    const folder = path.slice(0, path.lastIndexOf("/"));
    const key = ALTERNATIVES.has(folder) ? path : folder;
    apps.set(key, [...(apps.get(key) ?? []), path]);
  }
}

for (const [path, files] of apps) {
  {
    test(`corpus ${path} compiles for every target`, () => {
      for (const target of TARGETS) {
        const result = compile(input(files, target));
        const errors = result.diagnostics.filter((d) => d.severity === "error");
        const expected = EXPECTED_FAILURES.find((f) => `${path}/`.startsWith(f.prefix) && f.targets.includes(target));
        const unbuilt = errors.filter(
          (e) => e.code === "RULES_NO_MATCH" && [...NOT_BUILT_IN].some((t) => e.message.includes(`type "${t}"`)),
        );
        if (expected) {
          assert.ok(errors.length > 0, `${target}: ${path} now compiles: remove it from EXPECTED_FAILURES`);
          assert.equal([...new Set(errors.map((e) => e.code))].sort(), expected.codes, `${target}: ${expected.why}`);
          continue;
        }
        if (unbuilt.length > 0) {
          assert.equal(
            unbuilt,
            errors.filter((e) => e.code === "RULES_NO_MATCH"),
            `${target}: only types without a built-in rule fail`,
          );
          continue;
        }
        assert.equal(
          errors.map((e) => `${e.code} ${e.message}`),
          [],
          `${target}: ${path} must compile`,
        );
        if (target === "kubernetes") {
          const manifests = result.files.flatMap((f) =>
            parseAllDocuments(f.text).map((d) => d.toJS() as Record<string, unknown>),
          );
          assert.equal(validateManifests(manifests), [], "strict Kubernetes v1.33 / Gateway API validation");
        }
        if (target === "compose") assert.equal(composeProblems(result.files[0]!.text), [], "Compose Specification");
      }
    });
  }
}

test("the built-in environment resource compiles for every target (the score-compose 02-environment example)", () => {
  const path = ["score-compose/examples/02-environment/score.yaml"];
  const k8s = compile(input(path, "kubernetes"));
  const text = k8s.files.map((f) => f.text).join("\n");
  // Each key the workload reads is that key of the operator's Secret, read through a required secretKeyRef.
  assert.match(text, /secretKeyRef:\n\s+key: NAME\n\s+name: score-environment/);
  assert.not.match(text, /optional: true/);
  const helm = compile(input(path, "helm")).files[0]!.text;
  assert.match(helm, /secretKeyRef:\n\s+name: score-environment\n\s+key: NAME/);
});

test.run();
