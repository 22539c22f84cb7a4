import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../../src/cli/main.js";
import { memoryIO } from "../../helpers/memory-io.js";

// yargs drops a lone "-", so `scorec compile - < score.yaml` used to compile ./score.yaml without a word.

const SCORE = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n";

test('a lone "-" among the Score files of compile, validate, explain and graph is a usage error, exit 2', async () => {
  for (const argv of [
    ["compile", "-"],
    ["compile", "score.yaml", "-", "-o", "out.yaml"],
    ["compile", "--check", "-"],
    ["compile", "--no-default-rules", "-"],
    ["validate", "-"],
    ["explain", "-", "-t", "kubernetes"],
    ["graph", "-"],
  ]) {
    const io = memoryIO({ "score.yaml": SCORE });
    assert.is(await run(argv, io), 2, argv.join(" "));
    assert.match(io.stderrText(), /error CLI_USAGE: "-" is not a Score file: scorec \w+ reads Score files by name/);
    assert.equal([...io.files.keys()].sort(), ["/work/score.yaml"], `${argv.join(" ")} wrote nothing`);
  }
});

test('"-" as an option\'s value, or after --, is not a Score file argument', async () => {
  const stdout = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["compile", "score.yaml", "-o", "-", "--seed", "s"], stdout), 0, stdout.stderrText());
  assert.match(stdout.stdoutText(), /^services:/m);
  const seed = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["compile", "score.yaml", "--seed", "-", "-o", "-"], seed), 0, seed.stderrText());
  const named = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["validate", "--", "-"], named), 1);
  assert.not.match(named.stderrText(), /CLI_USAGE/);
  assert.match(named.stderrText(), /-/);
});

test("with --format json the usage error is the one JSON document", async () => {
  const io = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["compile", "-", "--format", "json"], io), 2);
  const doc = JSON.parse(io.stdoutText()) as { exitCode: number; diagnostics: { code: string }[] };
  assert.is(doc.exitCode, 2);
  assert.equal(
    doc.diagnostics.map((d) => d.code),
    ["CLI_USAGE"],
  );
});

test.run();
