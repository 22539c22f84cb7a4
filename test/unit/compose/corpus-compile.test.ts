import { existsSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import type { CompileInput } from "../../../src/index.js";
import { compile } from "../../../src/index.js";
import { corpusPath, listFiles } from "../../helpers/corpus.js";
import { composeProblems } from "./compose-validator.js";

// Every Score file of the corpus whose resource types the built-in compose rules cover compiles to a valid compose
// file. Files in one folder are one application (score-compose's multi-file examples), as upstream compiles them.
const DEFAULT_TYPES = new Set([
  "volume",
  "service-port",
  "redis",
  "postgres",
  "postgres-instance",
  "s3",
  "amqp",
  "dns",
  "route",
  "mongodb",
  "mysql",
  "kafka-topic",
  "elasticsearch",
  "mssql",
  "environment",
]);
const ROOTS = [
  "examples",
  "spec",
  "docs",
  "sample-score-app",
  "community-provisioners",
  "score-compose/examples",
  "score-compose/generate",
  "score-k8s",
];
// Upstream cases that exist to show an error; the error is not about compose output.
const EXPECTED_FAILURES: Record<string, string> = {
  "score-compose/generate/before-cycle": "the containers' before entries form a cycle",
};

interface ScoreDoc {
  rel: string;
  text: string;
}

function scoreDocs(): Map<string, ScoreDoc[]> {
  const groups = new Map<string, ScoreDoc[]>();
  for (const root of ROOTS) {
    for (const rel of listFiles(corpusPath(root), (r) => /\.ya?ml$/.test(r) && !/(^|\/)case\.yaml$/.test(r))) {
      const text = readFileSync(corpusPath(root, rel), "utf8");
      let doc: unknown;
      try {
        doc = parse(text);
      } catch {
        continue;
      }
      const d = doc as { apiVersion?: unknown; resources?: Record<string, { type?: unknown }> } | null;
      if (d?.apiVersion !== "score.dev/v1b1") continue;
      const types = Object.values(d.resources ?? {}).map((r) => r?.type);
      if (!types.every((t) => typeof t === "string" && DEFAULT_TYPES.has(t))) continue;
      const path = `${root}/${rel}`;
      const dir = path.slice(0, path.lastIndexOf("/"));
      groups.set(dir, [...(groups.get(dir) ?? []), { rel: path.slice(dir.length + 1), text }]);
    }
  }
  return groups;
}

const groups = scoreDocs();

test("the corpus sweep finds the files it should", () => {
  assert.ok(groups.size >= 60, `only ${groups.size} folders`);
});

for (const [dir, docs] of groups) {
  if (EXPECTED_FAILURES[dir]) continue;
  test(`corpus ${dir} (${docs.map((d) => d.rel).join(", ")}) compiles to a valid compose file`, () => {
    const input: CompileInput = {
      sources: docs.map((d) => ({ path: d.rel, text: d.text })),
      target: "compose",
      app: dir.split("/").pop()!,
      seed: "corpus",
      overrides: { image: "registry.example/app:latest" },
      readFile: (path) => {
        const file = corpusPath(dir, path.replace(/^(\.\/)+/, ""));
        return existsSync(file) ? readFileSync(file) : { error: "no such file" };
      },
    };
    const result = compile(input);
    assert.equal(
      result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.file ?? ""} ${d.message}`),
      [],
    );
    assert.equal(composeProblems(result.files[0]!.text), []);
  });
}

test.run();
