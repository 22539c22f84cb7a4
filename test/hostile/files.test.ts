import { test } from "uvu";
import * as assert from "uvu/assert";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { joinWithin } from "../../src/api/inline-file-sources.js";
import { compileText, errorsAt, jsonDiagnostics, runCli, score, tempFolder } from "./helpers.js";

// Files: a file source never leaves the Score file's folder (lexically or through symlinks), odd files never hang
// or crash the CLI, and output paths that are symlinks or directories are refused without touching them.

const SECRET = "TOP-SECRET-CONTENT-7731";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

function withSources(sources: string[]): string {
  const files = sources.map((s, i) => `      /f${i}:\n        source: ${JSON.stringify(s)}\n`).join("");
  return score("web", `  main:\n    image: nginx\n    files:\n${files}`);
}

// The source of file i sits on line 9 + 2i, column 17.
const sourceAt = (i: number): [string, number, number] => ["TARGET_FILE_SOURCE", 9 + 2 * i, 17];

test("lexical escapes are refused before anything is read: ../, absolute and drive paths, climbing through a subfolder", () => {
  const sources = [
    "../secret.txt",
    "/etc/passwd",
    "C:\\\\Windows\\\\win.ini",
    "sub/../../secret.txt",
    "./..",
    ".",
    "\\\\server\\\\share",
  ];
  const read: string[] = [];
  const r = compileText(withSources(sources), { readFile: (p) => (read.push(p), { error: "unexpected read" }) });
  assert.equal(
    errorsAt(r.diagnostics),
    sources.map((_, i) => sourceAt(i)),
  );
  assert.equal(read, [], "nothing was read");
  assert.is(joinWithin("app", "sub/../ok.txt"), "app/ok.txt");
  assert.is(joinWithin("app", "../app/x"), undefined);
});

test("CLI: symlinks out of the folder, missing files, folders and FIFOs are TARGET_FILE_SOURCE at the source, exit 1", () => {
  const t = tempFolder({ "outside/secret.txt": SECRET, "app/sub/ok.txt": "fine\n", "app/inside.txt": "inside\n" });
  try {
    symlinkSync("../outside/secret.txt", t.path("app/link-out.txt"));
    symlinkSync(t.path("outside"), t.path("app/dir-out"));
    symlinkSync("sub/ok.txt", t.path("app/link-in.txt"));
    symlinkSync("loop-b", t.path("app/loop-a"));
    symlinkSync("loop-a", t.path("app/loop-b"));
    mkdirSync(t.path("app/folder"));
    execFileSync("mkfifo", [t.path("app/fifo")]);
    const sources = [
      "link-out.txt",
      "dir-out/secret.txt",
      "missing.txt",
      "folder",
      "fifo",
      "loop-a",
      "link-in.txt",
      "sub/ok.txt",
    ];
    writeFileSync(t.path("app/score.yaml"), withSources(sources));
    const r = runCli(["compile", "--seed", "s", "--format", "json"], t.path("app"));
    assert.is(r.status, 1);
    assert.equal(
      jsonDiagnostics(r).map((d) => [d.code, d.line, d.col]),
      sources.slice(0, 6).map((_, i) => sourceAt(i)),
    );
    assert.not.match(r.stdout + r.stderr, SECRET, "the content outside the folder never shows");
    assert.not.ok(existsSync(t.path("app/compose.yaml")));
    // The symlink that stays inside the folder is fine.
    writeFileSync(t.path("app/score.yaml"), withSources(["link-in.txt", "sub/ok.txt"]));
    const ok = runCli(["compile", "--seed", "s", "-o", "-"], t.path("app"));
    assert.is(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /content: "fine\\n"|content: \|\n\s+fine/);
  } finally {
    t.cleanup();
  }
});

test("CLI: an unreadable file source (chmod 000) is TARGET_FILE_SOURCE, except for root, who can read it", () => {
  const t = tempFolder({ "secret.txt": "data\n", "score.yaml": withSources(["secret.txt"]) });
  try {
    chmodSync(t.path("secret.txt"), 0o000);
    const r = runCli(["compile", "--seed", "s", "--format", "json", "-o", "-"], t.dir);
    if (isRoot) {
      // Root ignores file modes (CI runs as root): the read succeeds, and that is what scorec reports.
      assert.is(r.status, 0, r.stderr);
    } else {
      assert.is(r.status, 1);
      assert.equal(
        jsonDiagnostics(r).map((d) => [d.code, d.line, d.col]),
        [sourceAt(0)],
      );
    }
  } finally {
    chmodSync(t.path("secret.txt"), 0o644);
    t.cleanup();
  }
});

test("CLI: unreadable, missing and folder Score files are CLI_IO naming the file, exit 1", () => {
  const t = tempFolder({ "locked.yaml": score() });
  try {
    mkdirSync(t.path("folder.yaml"));
    chmodSync(t.path("locked.yaml"), 0o000);
    const cases: [string, boolean][] = [
      ["missing.yaml", true],
      ["folder.yaml", true],
      ["locked.yaml", !isRoot],
    ];
    for (const [file, fails] of cases) {
      const r = runCli(["compile", file, "--seed", "s", "--format", "json", "-o", "-"], t.dir);
      if (!fails) {
        assert.is(r.status, 0, `${file} is readable by root`);
        continue;
      }
      assert.is(r.status, 1, file);
      assert.equal(jsonDiagnostics(r), [{ code: "CLI_IO", file }], file);
    }
  } finally {
    chmodSync(t.path("locked.yaml"), 0o644);
    t.cleanup();
  }
});

test("CLI: an output path that is a symlink is CLI_OUTPUT_UNSAFE; neither the link nor its target changes", () => {
  const t = tempFolder({ "score.yaml": score(), "elsewhere/important.txt": "keep me\n" });
  try {
    symlinkSync(t.path("elsewhere/important.txt"), t.path("compose.yaml"));
    const r = runCli(["compile", "--seed", "s", "--format", "json"], t.dir);
    assert.is(r.status, 1);
    assert.equal(jsonDiagnostics(r), [{ code: "CLI_OUTPUT_UNSAFE", file: "compose.yaml" }]);
    assert.ok(lstatSync(t.path("compose.yaml")).isSymbolicLink());
    assert.is(readFileSync(t.path("elsewhere/important.txt"), "utf8"), "keep me\n");
    // A dangling symlink is refused too (writing through it would create a file elsewhere).
    symlinkSync(t.path("elsewhere/new.txt"), t.path("dangling.yaml"));
    const d = runCli(["compile", "--seed", "s", "-o", "dangling.yaml"], t.dir);
    assert.is(d.status, 1);
    assert.match(d.stderr, /error CLI_OUTPUT_UNSAFE/);
    assert.not.ok(existsSync(t.path("elsewhere/new.txt")));
  } finally {
    t.cleanup();
  }
});

test("CLI: an output that is a folder receives the file inside it; a folder where the file goes is refused", () => {
  const t = tempFolder({ "score.yaml": score() });
  try {
    mkdirSync(t.path("out"));
    assert.is(runCli(["compile", "--seed", "s", "-o", "out"], t.dir).status, 0);
    assert.ok(existsSync(t.path("out/compose.yaml")));
    mkdirSync(t.path("out2/compose.yaml"), { recursive: true });
    writeFileSync(t.path("out2/compose.yaml/keep.txt"), "x");
    const r = runCli(["compile", "--seed", "s", "-o", "out2/", "--format", "json"], t.dir);
    assert.is(r.status, 1);
    assert.equal(
      jsonDiagnostics(r).map((d) => d.code),
      ["CLI_OUTPUT_UNSAFE"],
    );
    assert.is(readFileSync(t.path("out2/compose.yaml/keep.txt"), "utf8"), "x");
    // No temp file is left behind by a refused write.
    assert.equal(execFileSync("ls", ["-A", t.path("out2")], { encoding: "utf8" }), "compose.yaml\n");
  } finally {
    t.cleanup();
  }
});

test("CLI: an output path that names an input (Score, rules, patch or overrides file) is refused; the input survives", () => {
  const rules = "apiVersion: scorec.dev/v1alpha1\nkind: Rules\nrules: []\n";
  const t = tempFolder({ "score.yaml": score(), "rules.yaml": rules, "patch.yaml": "[]\n", "over.yaml": "{}\n" });
  try {
    const common = [
      "compile",
      "score.yaml",
      "-r",
      "rules.yaml",
      "--patch",
      "patch.yaml",
      "--overrides-file",
      "over.yaml",
      "--seed",
      "s",
      "--format",
      "json",
    ];
    for (const output of ["score.yaml", "./rules.yaml", t.path("patch.yaml"), "over.yaml"]) {
      const before = readFileSync(t.path(output.replace(t.dir + "/", "").replace("./", "")), "utf8");
      const r = runCli([...common, "-o", output], t.dir);
      assert.is(r.status, 1, output);
      assert.equal(
        jsonDiagnostics(r).map((d) => d.code),
        ["CLI_OUTPUT_UNSAFE"],
        output,
      );
      assert.is(readFileSync(t.path(output.replace(t.dir + "/", "").replace("./", "")), "utf8"), before, output);
    }
  } finally {
    t.cleanup();
  }
});

test.run();
