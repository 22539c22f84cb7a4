import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../src/cli/main.js";
import { memoryIO } from "../helpers/memory-io.js";
import { assertNoStack, CLI, runCli, score, tempFolder } from "./helpers.js";

// The command line: unknown or prototype-shaped flags, missing values and file names after array options are usage
// errors (exit 2) or do what they say; bad input is exit 1; no stack trace, no polluted process, nothing written.

const RULES =
  "apiVersion: scorec.dev/v1alpha1\nkind: Rules\nrules:\n  - id: db\n    match: { type: db }\n    outputs: { host: db.internal }\n";
const files = () => ({
  "web.yaml": score("web", "  main:\n    image: nginx\n", "resources:\n  db:\n    type: db\n"),
  "rules.yaml": RULES,
  "patch.yaml": "- op: add\n  path: /x-patched\n  value: 1\n",
  "more-rules.yaml": RULES.replace("id: db", "id: other").replace("type: db", "type: other"),
});

async function cli(argv: string[]) {
  const io = memoryIO(files());
  const code = await run(argv, io);
  assertNoStack(io.stderrText());
  return { code, io, err: io.stderrText(), out: io.stdoutText() };
}

function assertClean(): void {
  for (const o of [{}, Object.prototype, Object])
    assert.is((o as Record<string, unknown>).polluted, undefined, "polluted");
  assert.is(typeof Object.keys, "function");
}

test("unknown flags and commands: exit 2, CLI_USAGE, nothing written", async () => {
  for (const argv of [
    ["compile", "web.yaml", "--bogus"],
    ["compile", "web.yaml", "-Z"],
    ["frobnicate"],
    [],
    ["compile", "web.yaml", "--target", "nope"],
    ["rules", "nope"],
  ]) {
    const r = await cli(argv);
    assert.is(r.code, 2, argv.join(" "));
    assert.match(r.err, /^error CLI_USAGE: /, argv.join(" "));
    assert.is(r.io.fileText("compose.yaml"), undefined);
  }
});

test("--__proto__ and other prototype-shaped flags: exit 2 and the process is not polluted", async () => {
  const shapes = [
    ["--__proto__", "x"],
    ["--__proto__.polluted=1"],
    ["--__proto__[polluted]=1"],
    ["--constructor.prototype.polluted=1"],
    ["--constructor", "x"],
    ["--prototype=1"],
    ["--no-__proto__"],
  ];
  for (const flag of shapes) {
    const r = await cli(["compile", "web.yaml", "-r", "rules.yaml", ...flag]);
    assert.is(r.code, 2, flag.join(" "));
    assert.match(r.err, /CLI_USAGE/);
    assertClean();
  }
});

test("options without their value: exit 2 (also --format and --target, which used to fall back to their defaults)", async () => {
  for (const opt of [
    "-r",
    "--rules",
    "-o",
    "--seed",
    "--format",
    "--target",
    "-t",
    "--patch",
    "--override-property",
    "--overrides-file",
    "--image",
    "-e",
    "--publish",
    "--namespace",
  ]) {
    const r = await cli(["compile", "web.yaml", opt]);
    assert.is(r.code, 2, opt);
    assert.match(r.err, /CLI_USAGE/, opt);
  }
  assert.is((await cli(["graph", "web.yaml", "--syntax"])).code, 2);
  assert.is((await cli(["explain", "web.yaml", "--target"])).code, 2);
});

test("a Score file name after an array option is a Score file, not another item of the option", async () => {
  const cases = [
    ["compile", "-r", "rules.yaml", "web.yaml"],
    ["compile", "--rules", "rules.yaml", "--rules", "more-rules.yaml", "web.yaml"],
    ["compile", "--patch", "patch.yaml", "-r", "rules.yaml", "web.yaml"],
    ["compile", "-r", "rules.yaml", "--override-property", "metadata.x=1", "web.yaml"],
    ["compile", "-r", "rules.yaml", "--publish", "8080:web:80", "web.yaml"],
    // After "--" everything is a file name, even what looks like an option.
    ["compile", "-r", "rules.yaml", "--", "web.yaml"],
  ];
  for (const argv of cases) {
    const r = await cli([...argv.slice(0, 1), "--seed", "s", "-o", "-", ...argv.slice(1)]);
    assert.is(r.code, 0, `${argv.join(" ")}: ${r.err}`);
    assert.match(r.out, /web-main:/, argv.join(" "));
  }
  // Without any file named, ./score.yaml is meant: it does not exist here, which is a located I/O error, exit 1.
  const none = await cli(["compile", "-r", "rules.yaml", "--seed", "s"]);
  assert.is(none.code, 1);
  assert.match(none.err, /^score\.yaml: error CLI_IO/m);
});

test("bad input is exit 1 with a diagnostic, never an internal error", async () => {
  for (const [argv, code] of [
    [["compile", "missing.yaml"], "CLI_IO"],
    [["compile", "web.yaml"], "RULES_NO_MATCH"],
    [
      ["compile", "web.yaml", "-r", "rules.yaml", "--override-property", "containers.nope.image=x"],
      "OVERRIDE_INVALID_PATH",
    ],
    [["compile", "web.yaml", "-r", "rules.yaml", "--override-property", "a=[unclosed"], "OVERRIDE_INVALID_VALUE"],
    [["compile", "web.yaml", "-r", "rules.yaml", "--publish", "nonsense"], "TARGET_INVALID_PUBLISH"],
    [["compile", "web.yaml", "-r", "rules.yaml", "-e", "nowhere"], "RULES_UNKNOWN_ENVIRONMENT"],
    [["validate", "rules.yaml"], "SCHEMA_REQUIRED"],
  ] as [string[], string][]) {
    const r = await cli(argv[0] === "validate" ? argv : [...argv, "--seed", "s"]);
    assert.is(r.code, 1, argv.join(" "));
    assert.match(r.err, new RegExp(`error ${code}`), `${argv.join(" ")}: ${r.err}`);
    assert.not.match(r.err, /INTERNAL_ERROR/);
  }
});

test("an --override-property without '=' is a usage error (exit 2), never an internal error", async () => {
  const r = await cli(["compile", "web.yaml", "-r", "rules.yaml", "--override-property", "nodot", "--seed", "s"]);
  assert.is(r.code, 2);
  assert.match(r.err, /error CLI_USAGE: --override-property "nodot" has no "="/);
  assert.not.match(r.err, /INTERNAL_ERROR/);
});

test("a terminal gets code frames for 20 000 diagnostics of one file without re-splitting it each time", async () => {
  const vars = Array.from({ length: 20_000 }, (_, i) => `      V${i}: 1\n`).join("");
  const io = memoryIO(
    { "big.yaml": score("web", `  main:\n    image: nginx\n    variables:\n${vars}`) },
    { tty: true },
  );
  assert.is(await run(["compile", "big.yaml", "--seed", "s", "--no-color"], io), 1);
  const frames = io.stderrText().match(/^ {2}\d+ \| /gm) ?? [];
  assert.is(frames.length, 20_000);
  assertNoStack(io.stderrText());
});

test("every command meets hostile files with a diagnostic and exit 1, never an internal error", async () => {
  const hostile: Record<string, string | Uint8Array> = {
    "bomb.yaml":
      "a: &a [x, x, x, x, x, x, x, x, x, x]\n" +
      ["b", "c", "d", "e", "f", "g", "h"]
        .map(
          (k, i) =>
            `${k}: &${k} [${Array(10)
              .fill("*" + (i === 0 ? "a" : ["b", "c", "d", "e", "f", "g"][i - 1]))
              .join(", ")}]`,
        )
        .join("\n") +
      "\n",
    "deep.yaml": "a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n",
    "nul.yaml": "a: x\0y\n",
    "utf16.yaml": Buffer.from("a: 1\n", "utf16le"),
    "dup.yaml": "a: 1\na: 2\n",
  };
  for (const file of Object.keys(hostile)) {
    for (const argv of [
      ["validate", file],
      ["compile", file],
      ["graph", file],
      ["explain", file],
      ["rules", "check", file],
      ["compile", "web.yaml", "-r", file],
      ["compile", "web.yaml", "--overrides-file", file],
      ["compile", "web.yaml", "-r", "rules.yaml", "--patch", file],
    ]) {
      const io = memoryIO({ ...files(), ...hostile });
      const code = await run(argv[0] === "compile" || argv[0] === "graph" ? [...argv, "--seed", "s"] : argv, io);
      assert.is(code, 1, `${argv.join(" ")}: ${io.stderrText()}`);
      assert.match(
        io.stderrText(),
        new RegExp(`^${file.replace(".", "\\.")}:\\d+:\\d+: error LOAD_`, "m"),
        argv.join(" "),
      );
      assertNoStack(io.stderrText());
    }
  }
  assertClean();
});

test("the real process: usage errors exit 2, input errors exit 1, and no stack trace for any hostile argument", () => {
  const t = tempFolder(files());
  try {
    const usage = [
      ["compile", "--__proto__", "x"],
      ["compile", "--format"],
      ["nope"],
      ["compile", "web.yaml", "--target"],
      ["compile", "web.yaml", "--=x"],
    ];
    for (const argv of usage) assert.is(runCli(argv, t.dir).status, 2, argv.join(" "));
    const bad = [
      ["compile", "web.yaml"],
      ["compile", "no-such.yaml"],
      ["compile", "web.yaml", "-r", "patch.yaml"],
      ["compile", "-r", "rules.yaml", "--", "-weird.yaml"],
      ["compile", "-r", "rules.yaml", "--", "web.yaml", "--seed"],
    ];
    for (const argv of bad) assert.is(runCli(argv, t.dir).status, 1, argv.join(" "));
  } finally {
    t.cleanup();
  }
});

test("standard output written directly: whole through a pipe, CLI_IO when it cannot take the text, quiet when the reader leaves", () => {
  // Large enough to fill a pipe many times over: the writes must loop, and a reader that leaves must be noticed.
  const big = "x".repeat(400_000);
  const t = tempFolder({
    "big.yaml": score("big", `  main:\n    image: nginx\n    variables:\n      A: ${big}\n      B: ${big}\n`),
  });
  try {
    const args = ["compile", "big.yaml", "--seed", "s", "-t", "compose"];
    assert.is(runCli([...args, "-o", "out.yaml"], t.dir).status, 0);
    const piped = runCli([...args, "-o", "-"], t.dir);
    assert.is(piped.status, 0);
    assert.is(piped.stdout, readFileSync(join(t.dir, "out.yaml"), "utf8"));

    const full = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [CLI, ...args, "-o", "-"], {
        cwd: t.dir,
        encoding: "utf8",
        stdio: ["ignore", full, "pipe"],
        env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
      });
      assert.is(r.status, 1);
      assert.match(r.stderr, /error CLI_IO: standard output: cannot write: no space left on device/);
      assertNoStack(r.stderr);
    } finally {
      closeSync(full);
    }

    const quoted = (a: readonly string[]) => a.map((x) => `'${x}'`).join(" ");
    const leaving = spawnSync(
      "bash",
      [
        "-c",
        `'${process.execPath}' '${CLI}' ${quoted([...args, "-o", "-"])} | head -c 10 >/dev/null; echo "status \${PIPESTATUS[0]}"`,
      ],
      { cwd: t.dir, encoding: "utf8" },
    );
    assert.is(leaving.stdout.trim(), "status 0");
    assertNoStack(leaving.stderr);
    assert.is(leaving.stderr, "");
  } finally {
    t.cleanup();
  }
});

test.run();
