import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../../src/cli/main.js";
import { validate } from "../../../src/index.js";
import { memoryIO } from "../../helpers/memory-io.js";

const SCORE = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n";
const RULES =
  "apiVersion: scorec.dev/v1alpha1\nkind: Rules\nrules:\n  - id: cache\n    match: { type: redis }\n    outputs: { host: cache.internal }\n";

test("a rules file named twice on the command line is read once, not reported as defining its rules twice", async () => {
  const io = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES });
  assert.is(await run(["compile", "-r", "rules.yaml", "-r", "rules.yaml", "--seed", "s"], io), 0, io.stderrText());
  assert.not.match(io.stderrText(), /RULES_DUPLICATE_ID/);
});

test("a huge malformed placeholder is reported with a shortened message", () => {
  const ref = "x".repeat(100_000);
  const text = SCORE + `    variables:\n      A: \${${ref}}\n`;
  const { diagnostics } = validate({ sources: [{ path: "score.yaml", text }] });
  assert.is(diagnostics[0]?.code, "SCORE_PLACEHOLDER_MALFORMED");
  assert.ok(diagnostics[0]!.message.length < 300, `message is ${diagnostics[0]!.message.length} characters`);
});

test.run();
