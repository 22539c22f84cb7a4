import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./helpers/corpus.js";

// The README's examples must not rot: every `npx scorec` command on the examples runs (in a scratch copy of
// examples/), every output block shown after a command appears in its real output, every TypeScript example runs
// against the built package, and the Mermaid picture is what `scorec graph` prints.

interface Block {
  lang: string;
  body: string;
}

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const blocks: Block[] = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));
const scratch = mkdtempSync(join(tmpdir(), "scorec-readme-"));
cpSync(join(ROOT, "examples"), join(scratch, "examples"), { recursive: true });

function scorec(args: string[]): { status: number | null; out: string; stdout: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/scorec.js"), ...args], {
    cwd: scratch,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: r.status, out: r.stdout + r.stderr, stdout: r.stdout };
}

/** The `npx scorec` commands of a shell block that work on the example files. */
function commandsOf(block: Block): string[][] {
  return block.body
    .split("\n")
    .map((l) => l.replace(/^npm ci && /, ""))
    .filter((l) => l.startsWith("npx scorec ") && l.includes("examples/"))
    .map((l) => l.slice("npx scorec ".length).split(/\s+/).filter(Boolean));
}

test("the README has runnable examples", () => {
  assert.ok(blocks.filter((b) => b.lang === "sh").flatMap(commandsOf).length >= 6);
  assert.ok(blocks.some((b) => b.lang === "ts"));
});

blocks.forEach((block, i) => {
  const commands = block.lang === "sh" ? commandsOf(block) : [];
  if (commands.length === 0) return;
  test(`README shell block ${i}: ${commands.map((c) => c.join(" ")).join("; ")}`, () => {
    let last = { status: 0 as number | null, out: "", stdout: "" };
    for (const args of commands) {
      last = scorec(args);
      assert.is(last.status, 0, `scorec ${args.join(" ")}\n${last.out}`);
      assert.not.match(last.out, /\n\s+at /, "no stack trace");
    }
    const shown = blocks[i + 1];
    if (commands.length === 1 && shown && shown.lang === "") {
      let from = 0;
      for (const line of shown.body.split("\n").filter((l) => l.trim() !== "")) {
        const at = last.out.indexOf(line, from);
        assert.ok(
          at >= 0,
          `README shows a line the command does not print:\n${line}\n--- actual output ---\n${last.out}`,
        );
        from = at + line.length;
      }
    }
  });
});

test("the committed example outputs are what scorec compiles", () => {
  for (const [target, file] of [
    ["compose", "compose.yaml"],
    ["kubernetes", "manifests.yaml"],
    ["helm", "values.yaml"],
  ] as const) {
    const r = scorec(["compile", "examples/hello/score.yaml", "-t", target, "-o", "-"]);
    assert.is(r.status, 0, r.out);
    assert.fixture(
      r.stdout,
      readFileSync(join(ROOT, "examples/hello", file), "utf8"),
      `examples/hello/${file} is stale: regenerate it with the README command`,
    );
  }
});

test("the Mermaid picture is the graph of the example", () => {
  const shown = blocks.find((b) => b.lang === "mermaid");
  assert.ok(shown);
  const r = scorec(["graph", "examples/hello/score.yaml"]);
  assert.is(r.status, 0, r.out);
  assert.fixture(r.stdout, shown.body);
});

blocks.forEach((block, i) => {
  if (block.lang !== "ts" || !block.body.includes('from "scorec"')) return;
  test(`README TypeScript example ${i} runs against the built package`, () => {
    // Inside the package folder, so that `import "scorec"` resolves to this package through its exports map.
    const dir = join(ROOT, ".tmp");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `readme-example-${i}-${process.pid}.ts`);
    writeFileSync(file, block.body);
    try {
      const r = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), file], {
        cwd: scratch,
        encoding: "utf8",
      });
      assert.is(r.status, 0, r.stdout + r.stderr);
    } finally {
      rmSync(file, { force: true });
    }
  });
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
