import { test } from "uvu";
import * as assert from "uvu/assert";
import { compile } from "../../../src/index.js";
import type { TargetName } from "../../../src/model/resolved.js";
import { MAX_ANNOTATION_BYTES, annotationBytes } from "../../../src/targets/kubernetes/annotation-size.js";

const score = (value: string) =>
  `apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n  annotations:\n    example.com/blob: "${value}"\ncontainers:\n  main:\n    image: nginx\n`;
const errors = (text: string, target: TargetName) =>
  compile({ sources: [{ path: "score.yaml", text }], target }).diagnostics.filter((d) => d.severity === "error");

test("annotations are counted as the API server does: UTF-8 bytes of keys and values", () => {
  assert.is(annotationBytes({ ab: "é" }), 4);
});

test("pod annotations over 256 KiB: an error at the Score annotations for kubernetes and helm; at the limit: fine", () => {
  // The pod also gets k8s.score.dev/workload-name: web (29 + 3 bytes) besides the Score annotation's key (16 bytes).
  const room = MAX_ANNOTATION_BYTES - "example.com/blob".length - "k8s.score.dev/workload-name".length - "web".length;
  for (const target of ["kubernetes", "helm"] as const) {
    assert.equal(errors(score("x".repeat(room)), target), [], `${target}: exactly at the limit`);
    const over = errors(score("x".repeat(room + 1)), target);
    assert.equal(
      over.map((d) => [d.code, d.file, d.range?.start.line]),
      [["TARGET_ANNOTATIONS_TOO_LARGE", "score.yaml", 4]],
      target,
    );
    assert.match(over[0]!.message, /262145 bytes; Kubernetes accepts at most 262144/);
  }
});

test.run();
