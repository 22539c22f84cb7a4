import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../../src/cli/main.js";
import { memoryIO } from "../../helpers/memory-io.js";

const GOOD = "apiVersion: score.dev/v1b1\nmetadata:\n  name: demo\ncontainers:\n  web:\n    image: nginx\n";
const BAD = "apiVersion: score.dev/v1b1\nmetadata:\n  name: demo\ncontainers:\n  web:\n    image: nginx\nextra: 1\n";

test("validate: a valid file exits 0", async () => {
  const io = memoryIO({ "score.yaml": GOOD });
  assert.is(await run(["validate"], io), 0);
  assert.match(io.stderrText(), /1 workload\(s\) valid: demo/);
});

test("validate: an invalid file exits 1 with file:line:col: error CODE: message", async () => {
  const io = memoryIO({ "s.yaml": BAD });
  assert.is(await run(["validate", "s.yaml"], io), 1);
  assert.match(io.stderrText(), /^s\.yaml:7:1: error SCHEMA_ADDITIONAL_PROPERTY: /m);
});

test("validate: a code frame only on a terminal, colours only without NO_COLOR", async () => {
  const tty = memoryIO({ "s.yaml": BAD }, { tty: true });
  await run(["validate", "s.yaml"], tty);
  assert.match(tty.stderrText(), /\n {2}7 \| extra: 1\n {2} {2}\| \^/);
  assert.match(tty.stderrText(), /\u001b\[31merror/);
  const noColor = memoryIO({ "s.yaml": BAD }, { tty: true, env: { NO_COLOR: "1" } });
  await run(["validate", "s.yaml"], noColor);
  assert.not.match(noColor.stderrText(), /\u001b\[/);
  const pipe = memoryIO({ "s.yaml": BAD });
  await run(["validate", "s.yaml"], pipe);
  assert.not.match(pipe.stderrText(), /\u001b\[|\|/);
});

test("validate: --format json prints one JSON document", async () => {
  const io = memoryIO({ "s.yaml": BAD });
  assert.is(await run(["validate", "s.yaml", "--format", "json"], io), 1);
  const doc = JSON.parse(io.stdoutText()) as {
    ok: boolean;
    diagnostics: { code: string; line: number; column: number; file: string }[];
  };
  assert.is(doc.ok, false);
  assert.equal(
    doc.diagnostics.map((d) => [d.file, d.line, d.column, d.code]),
    [["s.yaml", 7, 1, "SCHEMA_ADDITIONAL_PROPERTY"]],
  );
});

test("validate: --format github prints workflow annotations", async () => {
  const io = memoryIO({ "s.yaml": BAD });
  await run(["validate", "s.yaml", "--format", "github"], io);
  assert.match(
    io.stderrText(),
    /^::error file=s\.yaml,line=7,col=1,endLine=7,endColumn=6,title=SCHEMA_ADDITIONAL_PROPERTY::/m,
  );
});

test("validate: a missing file is an input error with exit 1, not a crash", async () => {
  const io = memoryIO({});
  assert.is(await run(["validate", "nope.yaml"], io), 1);
  assert.match(io.stderrText(), /nope\.yaml: error CLI_IO: nope\.yaml: cannot read/);
});

test("usage errors exit 2", async () => {
  for (const argv of [
    ["validate", "--bogus"],
    ["frobnicate"],
    [],
    ["validate", "--format", "xml"],
    ["--__proto__", "x"],
  ]) {
    const io = memoryIO({ "score.yaml": GOOD });
    assert.is(await run(argv, io), 2, argv.join(" "));
    assert.match(io.stderrText(), /error CLI_USAGE/);
  }
});

test("--help and --version print to stdout and exit 0", async () => {
  const help = memoryIO();
  assert.is(await run(["--help"], help), 0);
  assert.match(help.stdoutText(), /scorec validate/);
  const version = memoryIO();
  assert.is(await run(["--version"], version), 0);
  assert.match(version.stdoutText(), /^\d+\.\d+\.\d+\n$/);
});

test("several files are several workloads; order on the command line does not matter", async () => {
  const other = GOOD.replace("name: demo", "name: api");
  const a = memoryIO({ "a.yaml": GOOD, "b.yaml": other });
  const b = memoryIO({ "a.yaml": GOOD, "b.yaml": other });
  await run(["validate", "a.yaml", "b.yaml"], a);
  await run(["validate", "b.yaml", "a.yaml"], b);
  assert.is(a.stderrText(), b.stderrText());
  assert.match(a.stderrText(), /2 workload\(s\) valid: api, demo/);
});

test.run();
