import { test } from "uvu";
import * as assert from "uvu/assert";
import { validate } from "../../../src/index.js";

const errorsOf = (text: string) =>
  validate({ sources: [{ path: "score.yaml", text }] }).diagnostics.filter((d) => d.severity === "error");

const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: r
containers:
  main:
    image: nginx
    resources:
      limits: { memory: lots, cpu: x }
    files:
      /a: { content: x, mode: "999" }
resources:
  r: { type: route }
  Bad_Name: { type: postgres }
`;

test("one message per mistake: a name that fails the pattern and the length limit is one error", () => {
  const name = errorsOf(SCORE).filter((d) => d.range?.start.line === 3);
  assert.equal(
    name.map((d) => d.message),
    [
      'metadata.name "r" must be 2 to 63 lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. "my-app")',
    ],
  );
});

test("an invalid key is one error at the key, saying what a key must be", () => {
  const keys = errorsOf(SCORE).filter((d) => d.message.startsWith("resources has an invalid key"));
  assert.equal(
    keys.map((d) => [d.range?.start.line, d.range?.start.col, d.message]),
    [
      [
        12,
        3,
        'resources has an invalid key "r": a key must be 2 to 63 lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. "my-app")',
      ],
      [
        13,
        3,
        'resources has an invalid key "Bad_Name": a key must be 2 to 63 lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. "my-app")',
      ],
    ],
  );
  assert.equal(errorsOf(SCORE).filter((d) => d.range?.start.line === 12 || d.range?.start.line === 13).length, 2);
});

test("the Score schema's patterns are said in words, with the value", () => {
  const messages = errorsOf(SCORE).map((d) => d.message);
  assert.ok(
    messages.includes(
      'containers.main.resources.limits.memory "lots" must be a quantity of bytes: a number with an optional unit K, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi or Ei (e.g. "512Mi")',
    ),
  );
  assert.ok(
    messages.includes(
      'containers.main.resources.limits.cpu "x" must be a number of CPUs: whole, decimal or in thousandths with "m" (e.g. "1", "0.5", "500m")',
    ),
  );
  assert.ok(
    messages.includes(
      'containers.main.files["/a"].mode "999" must be an octal file mode of three digits, optionally after a 0 (e.g. "0644")',
    ),
  );
  assert.not.ok(
    messages.some((m) => m.includes("^")),
    "no regular expression is shown for a known pattern",
  );
});

test("a long value is cut in the message", () => {
  const long = "X".repeat(500);
  const [d] = errorsOf(
    `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${long}\ncontainers:\n  main:\n    image: nginx\n`,
  );
  assert.ok(d!.message.length < 250, d!.message);
  assert.match(d!.message, /^metadata\.name "X+…X+" must be 2 to 63/);
});

test.run();
