import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { validate } from "../../src/index.js";
import { upgradeWorkload } from "../../src/validate/upgrade.js";
import { parseYamlFile } from "../../src/load/parse-yaml.js";
import { corpusPath, listFiles, readText } from "../helpers/corpus.js";

// Every real-world Score file of the corpus (examples, spec, docs, sample app, score-compose examples) is valid.
const VALID_ROOTS = ["examples", "spec", "docs", "sample-score-app", "score-compose/examples"];
const isScoreFile = (rel: string) =>
  /(^|\/)(score[^/]*|schemas-samples-score-full)\.yaml$/.test(rel) && !/case\.yaml$/.test(rel);

for (const root of VALID_ROOTS) {
  for (const rel of listFiles(corpusPath(root), isScoreFile)) {
    test(`corpus ${root}/${rel} is valid`, () => {
      const { diagnostics } = validate({
        sources: [{ path: `${root}/${rel}`, text: readText(corpusPath(root, rel)) }],
      });
      assert.equal(
        diagnostics.filter((d) => d.severity === "error"),
        [],
      );
    });
  }
}

test("score-go validate vectors: yaml/json, valid and invalid", () => {
  for (const [name, file] of [
    ["yaml", "score.yaml"],
    ["json", "score.json"],
    ["yaml-error", "score.yaml"],
    ["json-error", "score.json"],
    ["yaml-missing-workload-name", "score.yaml"],
  ] as const) {
    const c = parse(readText(corpusPath("score-go", "validate", name, "case.yaml"))) as { expect: { valid: boolean } };
    const { diagnostics } = validate({
      sources: [{ path: file, text: readText(corpusPath("score-go", "validate", name, file)) }],
    });
    const errors = diagnostics.filter((d) => d.severity === "error");
    assert.is(errors.length === 0, c.expect.valid, `${name}: ${errors.map((e) => e.code).join(", ")}`);
  }
});

test("missing metadata.name points at the metadata mapping", () => {
  const text = readText(corpusPath("score-go", "validate", "yaml-missing-workload-name", "score.yaml"));
  const errors = validate({ sources: [{ path: "score.yaml", text }] }).diagnostics.filter(
    (d) => d.severity === "error",
  );
  assert.is(errors.length, 1);
  assert.is(errors[0]!.code, "SCHEMA_REQUIRED");
  const line = text.split("\n").findIndex((l) => l.startsWith("metadata:")) + 1;
  assert.is(errors[0]!.range!.start.line, line);
});

test("upgrade transform: deprecated arrays become maps and validate", () => {
  const text = readText(corpusPath("score-go", "upgrade-transforms", "legacy-arrays", "score.yaml"));
  const doc = parseYamlFile({ path: "score.yaml", text }).document!;
  const up = upgradeWorkload(doc, doc.value);
  const value = up.value as {
    containers: {
      hello: { files: Record<string, { content: string }>; volumes: Record<string, { readOnly: boolean }> };
    };
  };
  assert.is(value.containers.hello.files["/etc/hello-world/config.yaml"]!.content, "line1\nline2");
  assert.is(value.containers.hello.volumes["/mnt/data"]!.readOnly, true);
  assert.ok(up.diagnostics.every((d) => d.code === "UPGRADE_DEPRECATED_FORM" && d.severity === "warning"));
  // The vector only promises schema validity after the upgrade (its placeholders name an undeclared resource).
  const { diagnostics } = validate({ sources: [{ path: "score.yaml", text }] });
  assert.equal(
    diagnostics.filter((d) => d.severity === "error" && /^(SCHEMA|UPGRADE)_/.test(d.code)),
    [],
  );
});

test("upgrade transform: a schema error inside an upgraded array entry points at the original entry", () => {
  const text =
    "apiVersion: score.dev/v1b1\nmetadata:\n  name: demo\ncontainers:\n  web:\n    image: nginx\n    files:\n      - target: /etc/x\n        content: hi\n        mode: 9999\n";
  const errors = validate({ sources: [{ path: "score.yaml", text }] }).diagnostics.filter(
    (d) => d.severity === "error",
  );
  assert.is(errors.length, 1);
  assert.is(errors[0]!.code, "SCHEMA_TYPE");
  assert.is(errors[0]!.range!.start.line, 10);
});

test("array form without a target is an error at the entry", () => {
  const text =
    "apiVersion: score.dev/v1b1\nmetadata:\n  name: demo\ncontainers:\n  web:\n    image: nginx\n    volumes:\n      - source: x\n";
  const errors = validate({ sources: [{ path: "score.yaml", text }] }).diagnostics.filter(
    (d) => d.severity === "error",
  );
  assert.equal(
    errors.map((e) => [e.code, e.range?.start.line]),
    [["UPGRADE_MISSING_TARGET", 8]],
  );
});

test.run();
