import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../../src/cli/main.js";
import { validate } from "../../../src/index.js";
import { memoryIO } from "../../helpers/memory-io.js";

// validate runs every check that needs no rules table (what compile would reject about the Score file itself); with
// -r it also resolves the resources, so an output that no rule provides fails here, before any compile.
const score = (variable: string) =>
  `apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n    variables:\n      P: "${variable}"\nresources:\n  db:\n    type: postgres\n`;
const RULES =
  'apiVersion: scorec.dev/v1alpha1\nkind: Rules\nrules:\n  - id: db\n    match: { type: postgres }\n    outputs: { host: db.internal, port: 5432 }\n    secrets: { password: "${derive.password(resource.uid)}" }\n';

test("a metadata placeholder naming a missing key is an error for validate, with a suggestion", () => {
  const { diagnostics } = validate({ sources: [{ path: "score.yaml", text: score("${metadata.nmae}") }] });
  assert.equal(
    diagnostics.map((d) => [d.code, d.range?.start.line]),
    [["PLACEHOLDER_INVALID_REF", 8]],
  );
  assert.is(diagnostics[0]!.hint, 'did you mean "name"?');
  assert.equal(validate({ sources: [{ path: "score.yaml", text: score("${metadata.name}") }] }).diagnostics, []);
});

test("an undeclared resource gets a suggestion", () => {
  const text = score("${resources.cahce.host}").replace("  db:\n    type: postgres", "  cache:\n    type: redis");
  const { diagnostics } = validate({ sources: [{ path: "score.yaml", text }] });
  assert.equal(
    diagnostics.map((d) => d.code),
    ["SCORE_PLACEHOLDER_UNKNOWN_RESOURCE"],
  );
  assert.match(diagnostics[0]!.hint!, /^did you mean "cache"\? declared resources: cache/);
});

test("validate -r checks outputs against the rules (exit 1, did you mean); without -r the output is not checked", async () => {
  const typo = memoryIO({ "score.yaml": score("${resources.db.pasword}"), "rules.yaml": RULES });
  assert.is(await run(["validate"], typo), 0);
  const withRules = memoryIO({ "score.yaml": score("${resources.db.pasword}"), "rules.yaml": RULES });
  assert.is(await run(["validate", "-r", "rules.yaml", "-e", "local"], withRules), 1);
  assert.match(
    withRules.stderrText(),
    /score\.yaml:8:\d+: error PLACEHOLDER_UNKNOWN_OUTPUT: .*has no output 'pasword'/,
  );
  assert.match(withRules.stderrText(), /hint: did you mean "password"\? or add "pasword" to its outputs/);
  const good = memoryIO({ "score.yaml": score("${resources.db.password}"), "rules.yaml": RULES });
  assert.is(await run(["validate", "-r", "rules.yaml"], good), 0);
  assert.not.match(good.stdoutText() + good.stderrText(), /[A-Za-z0-9]{32}/, "no derived value printed");
});

test.run();
