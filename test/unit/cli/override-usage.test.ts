import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../../src/cli/main.js";
import { compile } from "../../../src/index.js";
import { memoryIO } from "../../helpers/memory-io.js";

const SCORE = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n";

test("a malformed --override-property is a usage error (exit 2): no '=', or no path before it", async () => {
  for (const [entry, expected] of [
    ["=foo", /has no PATH before "="/],
    ["containers.main.image", /has no "=": write PATH=VALUE/],
  ] as const) {
    const io = memoryIO({ "score.yaml": SCORE });
    assert.is(await run(["validate", "--override-property", entry], io), 2, entry);
    assert.match(io.stderrText(), expected);
    assert.not.match(io.stderrText(), /score\.yaml:1:1/);
  }
});

test("setting a key inside a container that does not exist is an error with a suggestion; a whole new container is fine", async () => {
  const typo = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["validate", "--override-property", "containers.mian.image=x"], typo), 1);
  assert.match(
    typo.stderrText(),
    /OVERRIDE_INVALID_PATH: --override-property containers\.mian\.image=x: there is no container "mian" to change/,
  );
  assert.match(typo.stderrText(), /hint: did you mean "main"\?/);
  const whole = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["validate", "--override-property", 'containers.sidecar={"image":"busybox"}'], whole), 0);
  const existing = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["validate", "--override-property", "containers.main.image=nginx:2"], existing), 0);
});

test("a file source naming the Score file's folder says it is a directory", () => {
  const text = SCORE + "    files:\n      /etc/x: { source: . }\n";
  const r = compile({ sources: [{ path: "app/score.yaml", text }], readFile: () => ({ error: "unused" }) });
  const d = r.diagnostics.find((x) => x.code === "TARGET_FILE_SOURCE")!;
  assert.match(d.message, /source "\." is a directory \(the Score file's folder\), expected a file/);
});

test("a typo in the overrides file is located in the overrides file, not at the start of the Score file", async () => {
  const io = memoryIO({
    "score.yaml": SCORE,
    "overrides.yaml": "metadata:\n  name: web\ncontianers:\n  main:\n    image: nginx\n",
  });
  assert.is(await run(["validate", "--overrides-file", "overrides.yaml"], io), 1);
  assert.match(
    io.stderrText(),
    /^overrides\.yaml:3:1: error SCHEMA_ADDITIONAL_PROPERTY: contianers is not allowed here\n {2}hint: did you mean "containers"\?/m,
  );
  assert.not.match(io.stderrText(), /score\.yaml:1:1/);
});

test.run();
