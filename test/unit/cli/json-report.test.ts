import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../../src/cli/main.js";
import { IoError } from "../../../src/node/io.js";
import { memoryIO, type MemoryIO } from "../../helpers/memory-io.js";
import { CLI, runCli, tempFolder } from "../../hostile/helpers.js";

// --format json: standard output holds exactly one JSON document on every path of every command (docs/cli-json.md).

const SCORE =
  "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\nresources:\n  db:\n    type: postgres\n";
const RULES =
  "apiVersion: scorec.dev/v1alpha1\nkind: Rules\nrules:\n  - id: db\n    match: { type: postgres }\n    outputs: { host: db.internal }\n";

interface Report {
  ok: boolean;
  exitCode: number;
  command: string;
  diagnostics: { code: string; severity: string; message: string }[];
  [key: string]: unknown;
}

/** Runs the CLI with --format json and parses stdout as exactly one JSON document (JSON.parse fails on two). */
async function json(
  argv: string[],
  files: Record<string, string> = { "score.yaml": SCORE, "rules.yaml": RULES },
  io: MemoryIO = memoryIO(files),
): Promise<{ code: number; doc: Report; io: MemoryIO }> {
  const code = await run([...argv, "--format", "json"], io);
  const doc = JSON.parse(io.stdoutText()) as Report;
  assert.is(doc.exitCode, code, `${argv.join(" ")}: exitCode in the document`);
  assert.is(doc.ok, code === 0);
  assert.ok(Array.isArray(doc.diagnostics));
  return { code, doc, io };
}

const CASES: [string, string[], number, string][] = [
  ["compile: success", ["compile", "--seed", "s"], 0, "compile"],
  ["compile: compile errors", ["compile", "--seed", "s", "-r", "missing.yaml"], 1, "compile"],
  ["compile -o -", ["compile", "--seed", "s", "-o", "-"], 0, "compile"],
  ["compile --check, missing", ["compile", "--seed", "s", "--check"], 3, "compile"],
  [
    "compile -o DIR/ --check, missing",
    ["compile", "--seed", "s", "-t", "kubernetes", "-o", "deploy/", "--check"],
    3,
    "compile",
  ],
  ["validate: valid", ["validate"], 0, "validate"],
  ["validate: missing file", ["validate", "nope.yaml"], 1, "validate"],
  ["explain", ["explain", "-r", "rules.yaml"], 0, "explain"],
  ["explain: no file", ["explain", "nope.yaml"], 1, "explain"],
  ["rules check", ["rules", "check", "rules.yaml"], 0, "rules check"],
  ["rules check: not a rules file", ["rules", "check", "score.yaml"], 1, "rules check"],
  ["graph", ["graph", "--seed", "s"], 0, "graph"],
  ["graph: errors", ["graph", "nope.yaml"], 1, "graph"],
  ["init", ["init", "--file", "new.yaml"], 0, "init"],
  ["init: file exists", ["init"], 0, "init"],
  ["usage: unknown option", ["compile", "--bogus"], 2, ""],
  ["usage: unknown command", ["frobnicate"], 2, ""],
  ["usage: no command", [], 2, ""],
  ["usage: missing option value", ["compile", "-o"], 2, ""],
  ["usage: --check -o -", ["compile", "--check", "-o", "-"], 2, ""],
  ["--help", ["--help"], 0, ""],
  ["--version", ["--version"], 0, ""],
  ["compile --help", ["compile", "--help"], 0, ""],
];

for (const [name, argv, exit, command] of CASES) {
  test(`--format json, ${name}: one document, exit ${exit}`, async () => {
    const { code, doc } = await json(argv);
    assert.is(code, exit, JSON.stringify(doc));
    assert.is(doc.command, command);
    if (exit === 2) assert.is(doc.diagnostics[0]?.code, "CLI_USAGE");
  });
}

test("--format json before the command, and --format=json, count too (a usage error is still JSON)", async () => {
  for (const argv of [
    ["--format", "json", "compile", "--bogus"],
    ["compile", "--bogus", "--format=json"],
  ]) {
    const io = memoryIO({});
    assert.is(await run(argv, io), 2);
    assert.is((JSON.parse(io.stdoutText()) as Report).diagnostics[0]?.code, "CLI_USAGE");
    assert.is(io.stderrText(), "");
  }
});

test("-o -: the artifact is inside the document (outputs[].text), not beside it", async () => {
  const { doc } = await json(["compile", "--seed", "s", "-o", "-"]);
  const outputs = doc.outputs as { path: string; status: string; text: string }[];
  assert.is(outputs.length, 1);
  assert.is(outputs[0]!.status, "stdout");
  const plain = memoryIO({ "score.yaml": SCORE });
  await run(["compile", "--seed", "s", "-o", "-"], plain);
  assert.is(outputs[0]!.text, plain.stdoutText());
});

test("--check: missing, stale and left-over lists, the command and the diff", async () => {
  const io = memoryIO({ "score.yaml": SCORE });
  await run(["compile", "--seed", "s", "-t", "kubernetes", "-o", "deploy/"], io);
  io.files.set("/work/score.yaml", new TextEncoder().encode(SCORE.replace(/resources:[\s\S]*/, "")));
  io.files.set(
    "/work/deploy/deployment-web.yaml",
    new TextEncoder().encode(io.fileText("deploy/deployment-web.yaml") + "# edited\n"),
  );
  io.out.length = 0;
  const { code, doc } = await json(["compile", "--seed", "s", "-t", "kubernetes", "-o", "deploy/", "--check"], {}, io);
  assert.is(code, 3);
  const check = doc.check as { missing: string[]; stale: string[]; leftOver: string[]; command: string; diff: string };
  assert.equal(check.missing, []);
  assert.equal(check.stale, ["deploy/deployment-web.yaml"]);
  assert.ok(check.leftOver.length >= 2);
  assert.is(check.command, "scorec compile --seed s -t kubernetes -o deploy/ --format json");
  assert.match(check.diff, /^--- a\/deploy\/deployment-web\.yaml$/m);
  assert.equal([...new Set(doc.diagnostics.map((d) => d.code))], ["CLI_CHECK_DRIFT"]);
});

test("an output that cannot be written, and a bug in scorec, are still one document", async () => {
  const foreign = await json(["compile", "--seed", "s", "-o", "out/"], {
    "score.yaml": SCORE,
    "out/compose.yaml": "mine\n",
  });
  assert.is(foreign.code, 1);
  assert.is(foreign.doc.diagnostics[0]?.code, "CLI_OUTPUT_UNSAFE");
  const broken = memoryIO({ "score.yaml": SCORE });
  broken.writeFiles = () => {
    throw new IoError("compose.yaml: cannot write: no space left on device", "compose.yaml");
  };
  assert.is((await json(["compile", "--seed", "s"], {}, broken)).doc.diagnostics[0]?.code, "CLI_IO");
  const buggy = memoryIO({ "score.yaml": SCORE });
  buggy.readFile = () => {
    throw new TypeError("boom");
  };
  const bug = await json(["validate"], {}, buggy);
  assert.is(bug.code, 1);
  assert.is(bug.doc.diagnostics[0]?.code, "INTERNAL_ERROR");
});

test("the real process: -o - and a usage error give one parseable document on stdout", () => {
  const t = tempFolder({ "score.yaml": SCORE });
  try {
    const out = runCli(["compile", "--seed", "s", "-o", "-", "--format", "json"], t.dir);
    assert.is(out.status, 0, out.stderr);
    assert.match((JSON.parse(out.stdout) as { outputs: { text: string }[] }).outputs[0]!.text, /^name: /);
    const usage = runCli(["compile", "--nope", "--format", "json"], t.dir);
    assert.is(usage.status, 2);
    assert.is((JSON.parse(usage.stdout) as Report).exitCode, 2);
    assert.ok(CLI);
  } finally {
    t.cleanup();
  }
});

test.run();
