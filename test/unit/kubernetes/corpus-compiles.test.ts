import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { loadWorkloads } from "../../../src/validate/load-workloads.js";
import { compile } from "../../../src/index.js";
import type { SourceFile } from "../../../src/load/source.js";
import { ROOT, corpusPath, listFiles } from "../../helpers/corpus.js";
import { validateManifests } from "../../schemas/kubernetes/validator.js";
import { plainTextOutsideSecrets, secretValues } from "./secret-check.js";

// Every valid Score file of the vendored corpus whose resource types all have a built-in kubernetes default compiles
// with the defaults alone, and every manifest passes the strict validator. Files in one folder are compiled together
// (one app), as the examples are used, unless two of them declare the same workload.
const EXCEPTIONS: Record<string, string> = {
  // A route without params: the route default needs host, path and port (score-k8s's route provisioner fails too).
  "score-helm/current/init-default-score/score.yaml": "route without params",
  // An environment value embedded in a file's text: Kubernetes cannot render a Secret key into a file (docs/kubernetes.md).
  "community-provisioners/environment/score.yaml": "environment value inside file content",
  // Read dns output domain_name, which only score-helm's legacy --values gave; the dns default gives host and url.
  "score-compose/convert/resource-references-env-tracker/score.yaml": "dns output domain_name",
  "score-helm/legacy/convert-resource-references/score.yaml": "dns output domain_name",
};

const defaultTypes = new Set<string>(
  (
    parse(readFileSync(`${ROOT}rules/defaults/kubernetes.yaml`, "utf8")) as { rules: { match: { type: string } }[] }
  ).rules.map((r) => r.match.type),
);

/** Valid single-workload Score files of the corpus whose resource types all have a default, grouped by folder. */
function candidates(): Map<string, { file: SourceFile; workload: string }[]> {
  const groups = new Map<string, { file: SourceFile; workload: string }[]>();
  for (const rel of listFiles(corpusPath(), (f) => /\.(ya?ml|json)$/.test(f))) {
    if (Object.hasOwn(EXCEPTIONS, rel)) continue;
    const text = readFileSync(corpusPath(rel), "utf8");
    if (!text.includes("score.dev/v1b1")) continue;
    const loaded = loadWorkloads([{ path: rel, text }]);
    const workload = loaded.workloads[0];
    if (loaded.diagnostics.some((d) => d.severity === "error") || loaded.workloads.length !== 1 || !workload) continue;
    if (!Object.values(workload.spec.resources ?? {}).every((r) => defaultTypes.has(r.type))) continue;
    const group = groups.get(dirname(rel)) ?? [];
    group.push({ file: { path: rel, text }, workload: workload.name });
    groups.set(dirname(rel), group);
  }
  return groups;
}

const groups = candidates();

test("the corpus offers enough Score files for this check", () => {
  const files = [...groups.values()].reduce((n, g) => n + g.length, 0);
  assert.ok(files >= 100, `only ${files} files`);
});

for (const [folder, members] of groups) {
  const distinct = new Set(members.map((m) => m.workload)).size === members.length;
  const apps = distinct ? [members] : members.map((m) => [m]);
  apps.forEach((app, i) => {
    test(`corpus ${folder}${apps.length > 1 ? ` #${i + 1}` : ""} compiles to valid manifests`, () => {
      const result = compile({
        sources: app.map((m) => m.file),
        target: "kubernetes",
        app: "corpus",
        seed: "corpus",
        overrides: { image: "example/image:1.0" },
        readFile: (path) => {
          try {
            return readFileSync(corpusPath(path));
          } catch (e) {
            return { error: String(e) };
          }
        },
      });
      const errors = result.diagnostics
        .filter((d) => d.severity === "error")
        .map((d) => `${d.code} ${d.file}: ${d.message}`);
      assert.equal(errors, []);
      const manifests = result.files.flatMap((f) =>
        parseAllDocuments(f.text).map((d) => d.toJS() as Record<string, unknown>),
      );
      assert.ok(manifests.length > 0);
      assert.equal(validateManifests(manifests), []);
      assert.equal(plainTextOutsideSecrets(manifests, result.app ? secretValues(result.app) : []), []);
    });
  });
}

test.run();
