import { test } from "uvu";
import * as assert from "uvu/assert";
import { compile, explain, maskSecrets } from "../../../src/index.js";
import { run } from "../../../src/cli/main.js";
import { memoryIO } from "../../helpers/memory-io.js";

// explain's report carries each resource's outputs (score-compose's `resources get-outputs`), secrets masked with
// maskSecrets: the hash matches the compile's when the same seed is given, and no value is ever shown.
const SCORE =
  'apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n    variables:\n      P: "${resources.db.password}"\nresources:\n  db:\n    type: postgres\n';
const RULES =
  'apiVersion: scorec.dev/v1alpha1\nkind: Rules\nrules:\n  - id: db\n    match: { type: postgres }\n    outputs: { host: db.internal, port: 5432 }\n    secrets: { password: "${derive.password(resource.uid)}", pin: "12" }\n';

test("explain lists outputs; secret outputs are masked, short ones whole", () => {
  const input = {
    sources: [{ path: "score.yaml", text: SCORE }],
    rules: [{ path: "rules.yaml", text: RULES }],
    noDefaultRules: true,
    seed: "s1",
  };
  const { report } = explain(input);
  const db = report!.resources.find((r) => r.type === "postgres")!;
  const compiled = compile(input);
  const password = compiled.secrets.find((s) => s.length === 32)!;
  assert.equal(Object.keys(db.outputs!), ["host", "password", "pin", "port"]);
  assert.is(db.outputs!.host, "db.internal");
  assert.is(db.outputs!.port, 5432);
  assert.match(String(db.outputs!.password), /^<secret [0-9a-f]{8}>$/);
  assert.is(db.outputs!.pin, "<secret>");
  assert.not.match(JSON.stringify(report), new RegExp(password));
  // The same seed gives the hash the compile's masked output shows.
  assert.ok(compiled.files[0]!.text.includes(password));
  assert.is(db.outputs!.password, maskSecrets(password, [password]));
});

test("scorec explain --format json prints the outputs, masked", async () => {
  const io = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES });
  assert.is(
    await run(["explain", "-r", "rules.yaml", "--no-default-rules", "--seed", "s1", "--format", "json"], io),
    0,
  );
  const doc = JSON.parse(io.stdoutText()) as { resources: { outputs?: Record<string, unknown> }[] };
  assert.is(doc.resources[0]!.outputs!.host, "db.internal");
  assert.match(String(doc.resources[0]!.outputs!.password), /^<secret [0-9a-f]{8}>$/);
});

test.run();
