import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { CLI, runCli, score, tempFolder } from "./helpers.js";

// Atomic writes: scorec writes each output to a temp file beside it and renames it into place, so a process killed
// in the middle of writing leaves the previous file byte-identical. Shown with a real SIGKILL during a large write.

const WORKLOADS = 3;

// A few workloads, each with ~6 MB of inline file content, make a compose.yaml of ~18 MB: its write takes long
// enough for a kill to land in it, while parsing stays cheap.
function bigApp(): Record<string, string> {
  const files: Record<string, string> = {};
  const line = "x".repeat(99);
  const content = Array.from({ length: 60_000 }, (_, i) => `${i} ${line}`).join("\n");
  for (let w = 0; w < WORKLOADS; w++) {
    const name = `big${w}`;
    files[`${name}.yaml`] = score(
      name,
      `  main:\n    image: nginx\n    files:\n      /data/blob.txt:\n        noExpand: true\n        content: |\n${content.replace(/^/gm, "          ")}\n`,
    );
  }
  return files;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // renamed away in the meantime
  }
}

test("SIGKILL during the write leaves the previous compose.yaml byte-identical", async () => {
  const app = bigApp();
  const t = tempFolder(app);
  const previous = "# the previous compose.yaml, which must survive\nname: old\nservices: {}\n";
  const args = [CLI, "compile", ...Object.keys(app), "--seed", "s"];
  let landed = 0;
  let midWrite = 0;
  let attempts = 0;
  try {
    while ((landed < 2 || midWrite < 1) && attempts < 20) {
      attempts++;
      writeFileSync(t.path("compose.yaml"), previous);
      const child = spawn(process.execPath, args, { cwd: t.dir, stdio: "ignore" });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on("exit", (code, signal) => resolve({ code, signal })),
      );
      const temp = t.path(`.compose.yaml.scorec-${child.pid}.tmp`);
      let sawTemp = false;
      let done = false;
      void exited.then(() => (done = true));
      // Poll for the temp file; kill once bytes have reached it (the write is under way, the rename not yet done).
      // Alternate attempts kill as soon as it exists, before any byte: both moments must keep the old file.
      const needBytes = attempts % 2 === 1;
      while (!done) {
        if (existsSync(temp) && (!needBytes || sizeOf(temp) > 0)) {
          sawTemp = true;
          child.kill("SIGKILL");
          break;
        }
        await sleep(0);
      }
      const { signal } = await exited;
      if (sawTemp && signal === "SIGKILL") {
        landed++;
        assert.is(readFileSync(t.path("compose.yaml"), "utf8"), previous, "the old file is intact");
        // What the kill leaves is at most a stray temp file, never a partial compose.yaml. On a loaded machine the
        // kill can also land after the last byte and before the rename: a whole temp file, the old output still intact.
        const partial = sizeOf(temp);
        if (partial > 0 && partial < WORKLOADS * 6_000_000) midWrite++;
      }
    }
    assert.ok(midWrite >= 1, `no kill landed in the middle of a write in ${attempts} attempts`);
    // A later run is not disturbed by a stray temp file of a killed run, and writes the complete file.
    const ok = runCli(["compile", ...Object.keys(app), "--seed", "s"], t.dir);
    assert.is(ok.status, 0, ok.stderr);
    const written = readFileSync(t.path("compose.yaml"), "utf8");
    assert.match(written, /^name: /);
    assert.ok(written.length > WORKLOADS * 6_000_000, "complete output");
    assert.ok(written.endsWith("\n"));
  } finally {
    t.cleanup();
  }
});

test("a failed write (output is a folder) leaves no temp file and the other outputs untouched", () => {
  const t = tempFolder({ "score.yaml": score(), "out/compose.yaml/keep": "x", "old.yaml": "old\n" });
  try {
    const r = runCli(["compile", "--seed", "s", "-o", "out/"], t.dir);
    assert.is(r.status, 1);
    assert.match(r.stderr, /error CLI_OUTPUT_UNSAFE/);
    assert.equal(readdirSync(t.path("out")), ["compose.yaml"]);
    assert.is(readFileSync(t.path("old.yaml"), "utf8"), "old\n");
  } finally {
    t.cleanup();
  }
});

test.run();
