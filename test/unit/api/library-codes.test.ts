import { test } from "uvu";
import * as assert from "uvu/assert";
import { compile } from "../../../src/index.js";

// The library reports problems with its own codes; CLI_* codes belong to the command line, which maps library codes
// to its exit statuses.

const SCORE = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n";

test("a compile without Score files is INPUT_NO_SOURCES", () => {
  const { files, diagnostics } = compile({ sources: [], target: "compose" });
  assert.equal(files, []);
  assert.equal(
    diagnostics.map((d) => d.code),
    ["INPUT_NO_SOURCES"],
  );
});

test("an invalid namespace is TARGET_INVALID_NAME for kubernetes and helm", () => {
  for (const target of ["kubernetes", "helm"] as const) {
    const { files, diagnostics } = compile({
      sources: [{ path: "score.yaml", text: SCORE }],
      target,
      namespace: "Not_Valid",
    });
    assert.equal(files, [], target);
    assert.equal(
      diagnostics.map((d) => d.code),
      ["TARGET_INVALID_NAME"],
      target,
    );
  }
});

test("no library call emits a CLI_ code", () => {
  const inputs = [
    { sources: [] },
    { sources: [{ path: "score.yaml", text: SCORE }], target: "kubernetes" as const, namespace: "-bad-" },
  ];
  for (const input of inputs)
    for (const d of compile(input).diagnostics) assert.not.ok(d.code.startsWith("CLI_"), d.code);
});

test.run();
