import { test } from "uvu";
import * as assert from "uvu/assert";
import { closestName } from "../../../src/shared/suggest.js";
import { showInvisible } from "../../../src/diagnostics/diagnostic.js";
import { compile, validate } from "../../../src/index.js";
import { run } from "../../../src/cli/main.js";
import { memoryIO } from "../../helpers/memory-io.js";

const errorsOf = (text: string) =>
  validate({ sources: [{ path: "score.yaml", text }] }).diagnostics.filter((d) => d.severity === "error");

test("closestName: typos within a few edits, nothing for short or far names, deterministic ties", () => {
  assert.is(closestName("contianers", ["apiVersion", "containers", "metadata"]), "containers");
  assert.is(closestName("nmae", ["name", "annotations"]), "name");
  assert.is(closestName("pasword", ["host", "password", "port"]), "password");
  assert.is(closestName("complie", ["compile", "explain", "validate"]), "compile");
  assert.is(closestName("envtype", ["class", "env", "envType", "type"]), "envType");
  assert.is(closestName("x", ["y"]), undefined);
  assert.is(closestName("zzzzzz", ["compose", "helm"]), undefined);
  assert.is(closestName("name", ["name"]), undefined, "an exact name needs no suggestion");
});

test("schema: an unknown key suggests the allowed one; a wrong apiVersion names the supported value", () => {
  const errors = errorsOf("apiVersion: score.dev/v1\nmetadata:\n  name: web\ncontianers:\n  main:\n    image: nginx\n");
  const extra = errors.find((d) => d.code === "SCHEMA_ADDITIONAL_PROPERTY")!;
  assert.is(extra.hint, 'did you mean "containers"?');
  assert.is(extra.range?.start.line, 4);
  const version = errors.find((d) => d.code === "SCHEMA_PATTERN")!;
  assert.is(version.message, 'apiVersion must be "score.dev/v1b1", the version scorec supports; got "score.dev/v1"');
});

test("messages show invisible characters as code points", () => {
  assert.is(showInvisible("API\u200BKEY"), "API\\u200BKEY");
  assert.is(showInvisible("a\u0000b\u{E0001}"), "a\\u0000b\\u{E0001}");
  assert.is(showInvisible("plain text é"), "plain text é");
  const text =
    'apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n    variables:\n      "API\u200BKEY": x\n';
  for (const d of errorsOf(text)) assert.not.match(d.message + (d.hint ?? ""), /\u200B/);
  assert.ok(errorsOf(text).some((d) => d.message.includes("API\\u200BKEY")));
});

test("a resource type no rule handles suggests the closest known type", () => {
  const text =
    "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\nresources:\n  db:\n    type: postgress\n";
  const d = compile({ sources: [{ path: "score.yaml", text }], target: "kubernetes" }).diagnostics.find(
    (x) => x.code === "RULES_NO_MATCH",
  )!;
  assert.match(d.hint!, /^did you mean "postgres"\? or add a rule with match \{ type: postgress \}$/);
});

test("the command line suggests commands, options and enum values (exit 2)", async () => {
  const cases: [string[], RegExp][] = [
    [["complie"], /Did you mean compile\?/],
    [["compile", "-t", "k8s"], /did you mean "kubernetes"\?/],
    [["compile", "-t", "helmm"], /did you mean "helm"\?/],
    [["compile", "--outptu", "x"], /--outptu: did you mean "--output"\?/],
    [["validate", "--rulez", "x"], /--rulez: did you mean "--rules"\?/],
  ];
  for (const [argv, expected] of cases) {
    const io = memoryIO({
      "score.yaml": "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n",
    });
    assert.is(await run(argv, io), 2, argv.join(" "));
    assert.match(io.stderrText(), expected);
  }
});

test.run();
