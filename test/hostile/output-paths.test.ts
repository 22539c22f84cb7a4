import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CLI, runCli, score, tempFolder } from "./helpers.js";

// Output paths on a real disk: a folder scorec owns (stale files removed, foreign files untouched), and paths that
// are not regular files: a character device or a FIFO is written in place, a socket or block device refused.

const WITH_DB = score(
  "web",
  "  main:\n    image: nginx\n    variables:\n      DB: ${resources.db.host}\n",
  "resources:\n  db:\n    type: redis\n",
);
const WITHOUT_DB = score("web");

/** Runs a shell command; false (and a line in the test output) when the system does not let the test make the file. */
function make(what: string, command: string): boolean {
  const r = spawnSync("bash", ["-c", command], { encoding: "utf8" });
  if (r.status === 0) return true;
  console.log(`  (skipped: cannot create ${what} here: ${r.stderr.trim()})`);
  return false;
}

test("removing a resource: the folder holds exactly the new files, a foreign file is untouched, --check reports the left-over (exit 3)", () => {
  const t = tempFolder({ "score.yaml": WITH_DB, "deploy/notes.txt": "mine\n" });
  try {
    const args = ["compile", "-t", "kubernetes", "--seed", "s", "-o", "deploy/"];
    assert.is(runCli(args, t.dir).status, 0);
    const first = readdirSync(t.path("deploy")).sort();
    const leftOver = first.find((n) => /^statefulset-redis-[0-9a-f]{8}\.yaml$/.test(n));
    assert.ok(leftOver, first.join(" "));
    writeFileSync(t.path("score.yaml"), WITHOUT_DB);
    const check = runCli([...args, "--check"], t.dir);
    assert.is(check.status, 3);
    assert.ok(check.stderr.includes(`deploy/${leftOver} is left over from an earlier compile`), check.stderr);
    assert.match(check.stderr, /regenerate with: scorec compile -t kubernetes --seed s -o deploy\/$/m);
    assert.equal(readdirSync(t.path("deploy")).sort(), first, "--check writes nothing");
    assert.is(runCli(args, t.dir).status, 0);
    assert.equal(readdirSync(t.path("deploy")).sort(), ["deployment-web.yaml", "notes.txt"]);
    assert.is(readFileSync(t.path("deploy/notes.txt"), "utf8"), "mine\n");
    assert.is(runCli([...args, "--check"], t.dir).status, 0);
  } finally {
    t.cleanup();
  }
});

test("a character device (mknod, as /dev/null) is written in place and stays a device", () => {
  const t = tempFolder({ "score.yaml": WITHOUT_DB });
  try {
    if (!make("a character device", `mknod '${t.path("null")}' c 1 3`)) return;
    const r = runCli(["compile", "--seed", "s", "-o", "null"], t.dir);
    assert.is(r.status, 0, r.stderr);
    assert.ok(lstatSync(t.path("null")).isCharacterDevice(), "still a character device");
    assert.equal(readdirSync(t.dir).sort(), ["null", "score.yaml"], "no temp file left");
  } finally {
    t.cleanup();
  }
});

test("a FIFO is written in place: the reader gets the artifact, the FIFO stays a FIFO", () => {
  const t = tempFolder({ "score.yaml": WITHOUT_DB });
  try {
    if (!make("a FIFO", `mkfifo '${t.path("pipe")}'`)) return;
    const r = spawnSync(
      "bash",
      ["-c", `cat pipe > got & '${process.execPath}' '${CLI}' compile --seed s -o pipe; s=$?; wait; exit $s`],
      { cwd: t.dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" } },
    );
    assert.is(r.status, 0, r.stderr);
    assert.ok(lstatSync(t.path("pipe")).isFIFO());
    assert.is(readFileSync(t.path("got"), "utf8"), runCli(["compile", "--seed", "s", "-o", "-"], t.dir).stdout);
  } finally {
    t.cleanup();
  }
});

test("-o /dev/stdout (a symlink to the process's stdout) writes to standard output", () => {
  const t = tempFolder({ "score.yaml": WITHOUT_DB });
  try {
    const r = spawnSync("bash", ["-c", `'${process.execPath}' '${CLI}' compile --seed s -o /dev/stdout | cat`], {
      cwd: t.dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
    });
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout, runCli(["compile", "--seed", "s", "-o", "-"], t.dir).stdout);
  } finally {
    t.cleanup();
  }
});

test("a socket or a block device is refused: exit 1, CLI_OUTPUT_UNSAFE, nothing clobbered", async () => {
  const t = tempFolder({ "score.yaml": WITHOUT_DB });
  const server = createServer();
  try {
    await new Promise<void>((done) => server.listen(t.path("sock"), done));
    const r = runCli(["compile", "--seed", "s", "-o", "sock"], t.dir);
    assert.is(r.status, 1);
    assert.match(
      r.stderr,
      /error CLI_OUTPUT_UNSAFE: .*sock: is a socket; scorec writes regular files, character devices \(such as \/dev\/null\) and FIFOs only/,
    );
    assert.ok(lstatSync(t.path("sock")).isSocket());
    if (make("a block device", `mknod '${t.path("block")}' b 7 250`)) {
      const b = runCli(["compile", "--seed", "s", "-o", "block"], t.dir);
      assert.is(b.status, 1);
      assert.match(b.stderr, /error CLI_OUTPUT_UNSAFE: .*block: is a block device/);
      assert.ok(lstatSync(t.path("block")).isBlockDevice());
    }
    assert.not.ok(
      readdirSync(t.dir).some((n) => n.includes(".tmp")),
      "no temp file left",
    );
    assert.not.ok(existsSync(t.path("compose.yaml")));
  } finally {
    server.close();
    t.cleanup();
  }
});

test.run();
