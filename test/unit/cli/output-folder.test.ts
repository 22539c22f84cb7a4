import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../../src/cli/main.js";
import { GENERATED_HEADER, regenerateCommand } from "../../../src/cli/output-files.js";
import { memoryIO, type MemoryIO } from "../../helpers/memory-io.js";

// `-o DIR/` owns the generated files in DIR (DESIGN §2 "Output rules"): stable names, left-overs removed, files
// without scorec's header never touched, and --check telling missing, stale and left-over files apart.

const WITH_CACHE = `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx
    variables:
      CACHE: \${resources.cache.host}
resources:
  cache:
    type: redis
`;
const WITHOUT_CACHE = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n";
const ARGS = ["compile", "score.yaml", "-t", "kubernetes", "--seed", "s", "-o", "deploy/"];

const folder = (io: MemoryIO, dir = "deploy") => io.listFiles(`/work/${dir}`);

test("kubernetes into a folder: <kind>-<name>.yaml, each file headed as scorec's", async () => {
  const io = memoryIO({ "score.yaml": WITH_CACHE });
  assert.is(await run(ARGS, io), 0, io.stderrText());
  assert.equal(folder(io), [
    "deployment-web.yaml",
    "secret-redis-76e38e3f.yaml",
    "service-redis-76e38e3f.yaml",
    "statefulset-redis-76e38e3f.yaml",
  ]);
  for (const name of folder(io)) assert.ok(io.fileText(`deploy/${name}`)!.startsWith(GENERATED_HEADER), name);
  assert.ok(
    folder(io).every((n) => !/^\d/.test(n)),
    "no position prefix",
  );
});

test("removing a resource: the folder holds exactly the new files, a foreign file is untouched, --check reports the left-overs (exit 3)", async () => {
  const io = memoryIO({
    "score.yaml": WITH_CACHE,
    "deploy/README.md": "# my notes\n",
    "deploy/extra.yaml": "kind: ConfigMap\n",
  });
  assert.is(await run(ARGS, io), 0);
  io.files.set("/work/score.yaml", new TextEncoder().encode(WITHOUT_CACHE));

  const check = memoryIO(Object.fromEntries([...io.files].map(([k, v]) => [k, v])));
  assert.is(await run([...ARGS, "--check"], check), 3);
  const err = check.stderrText();
  assert.match(
    err,
    /deploy\/deployment-web\.yaml is out of date; regenerate with: scorec compile score\.yaml -t kubernetes --seed s -o deploy\/$/m,
  );
  for (const left of ["secret-redis-76e38e3f.yaml", "service-redis-76e38e3f.yaml", "statefulset-redis-76e38e3f.yaml"])
    assert.match(err, new RegExp(`deploy/${left.replace(/\./g, "\\.")} is left over from an earlier compile`));
  assert.not.match(err, /README|extra\.yaml/);
  assert.match(check.stdoutText(), /^\+\+\+ \/dev\/null\t\(left over\)$/m);

  assert.is(await run(ARGS, io), 0, io.stderrText());
  assert.equal(folder(io), ["README.md", "deployment-web.yaml", "extra.yaml"]);
  assert.is(io.fileText("deploy/README.md"), "# my notes\n");
  assert.is(io.fileText("deploy/extra.yaml"), "kind: ConfigMap\n");
  assert.match(io.stderrText(), /removed deploy\/statefulset-redis-76e38e3f\.yaml/);
  assert.is(await run([...ARGS, "--check"], io), 0);
});

test("--check on a missing file says missing (not out of date) with the command; nothing is written", async () => {
  const io = memoryIO({ "score.yaml": WITHOUT_CACHE });
  assert.is(await run([...ARGS, "--check"], io), 3);
  assert.match(
    io.stderrText(),
    /deploy\/deployment-web\.yaml is missing; regenerate with: scorec compile score\.yaml -t kubernetes --seed s -o deploy\//,
  );
  assert.not.match(io.stderrText(), /out of date/);
  assert.equal(folder(io), []);
  const single = memoryIO({ "score.yaml": WITHOUT_CACHE });
  assert.is(await run(["compile", "--check", "-o", "out file.yaml"], single), 3);
  assert.match(single.stderrText(), /out file\.yaml is missing; regenerate with: scorec compile -o 'out file\.yaml'$/m);
});

test("an edited generated file (header kept) is stale: --check says so and the compile overwrites it", async () => {
  const io = memoryIO({ "score.yaml": WITHOUT_CACHE });
  await run(ARGS, io);
  const original = io.fileText("deploy/deployment-web.yaml")!;
  io.files.set(
    "/work/deploy/deployment-web.yaml",
    new TextEncoder().encode(original.replace("image: nginx", "image: httpd") + "# my edit\n"),
  );
  assert.is(await run([...ARGS, "--check"], io), 3);
  assert.match(io.stderrText(), /deployment-web\.yaml is out of date/);
  assert.is(await run(ARGS, io), 0);
  assert.is(io.fileText("deploy/deployment-web.yaml"), original);
});

test("a file without the header where scorec must write: exit 1, CLI_OUTPUT_UNSAFE, nothing written or removed", async () => {
  const io = memoryIO({ "score.yaml": WITH_CACHE });
  await run(ARGS, io);
  io.files.set("/work/score.yaml", new TextEncoder().encode(WITHOUT_CACHE));
  io.files.set("/work/deploy/deployment-web.yaml", new TextEncoder().encode("# mine now\nkind: Deployment\n"));
  const before = new Map(io.files);
  for (const argv of [ARGS, [...ARGS, "--check"]]) {
    io.err.length = 0;
    assert.is(await run(argv, io), 1, argv.join(" "));
    assert.match(
      io.stderrText(),
      /deploy\/deployment-web\.yaml: error CLI_OUTPUT_UNSAFE: deploy\/deployment-web\.yaml: exists and was not generated by scorec/,
    );
    assert.equal(io.files, before);
  }
});

test("compose and helm into a folder get the header too; a file path (-o FILE) is written as the library emits it", async () => {
  for (const [target, name] of [
    ["compose", "compose.yaml"],
    ["helm", "values.yaml"],
  ]) {
    const io = memoryIO({ "score.yaml": WITHOUT_CACHE });
    assert.is(await run(["compile", "-t", target!, "--seed", "s", "-o", "out/"], io), 0);
    assert.equal(folder(io, "out"), [name]);
    assert.ok(io.fileText(`out/${name}`)!.startsWith(GENERATED_HEADER));
    const file = memoryIO({ "score.yaml": WITHOUT_CACHE });
    await run(["compile", "-t", target!, "--seed", "s", "-o", "x.yaml"], file);
    assert.is(GENERATED_HEADER + file.fileText("x.yaml"), io.fileText(`out/${name}`));
  }
});

test("an input of the compile inside the folder is never removed as a left-over, even with the header", async () => {
  const rules =
    "# Generated by scorec, once, then kept by hand\napiVersion: scorec.dev/v1alpha1\nkind: Rules\nrules: []\n";
  const io = memoryIO({ "score.yaml": WITHOUT_CACHE, "deploy/rules.yaml": rules });
  assert.is(await run([...ARGS, "-r", "deploy/rules.yaml", "--check"], io), 3);
  assert.not.match(io.stderrText(), /rules\.yaml is left over/);
  assert.is(await run([...ARGS, "-r", "deploy/rules.yaml"], io), 0, io.stderrText());
  assert.is(io.fileText("deploy/rules.yaml"), rules);
});

test("the regenerate command: the real arguments without --check, shell-quoted", () => {
  assert.is(
    regenerateCommand(["compile", "--check", "a b.yaml", "-o", "deploy/", "--app", "it's"]),
    `scorec compile 'a b.yaml' -o deploy/ --app 'it'\\''s'`,
  );
  assert.is(regenerateCommand(["compile", "--check=true", "x.yaml"]), "scorec compile x.yaml");
  assert.is(regenerateCommand(["compile", "--check", "true", "x.yaml"]), "scorec compile x.yaml");
  assert.is(regenerateCommand(["compile", "--check", "--", "--check"]), "scorec compile -- --check");
  assert.is(regenerateCommand(["compile", "--check", "$(rm -rf ~)", ""]), `scorec compile '$(rm -rf ~)' ''`);
});

test("secrets never appear in the --check diff, also those only the old file holds", async () => {
  const io = memoryIO({ "score.yaml": WITH_CACHE });
  await run(ARGS, io);
  const secret = /password: (\S+)/.exec(io.fileText("deploy/secret-redis-76e38e3f.yaml")!)![1]!;
  assert.ok(secret.length >= 16);
  // The old seed's secret stays on disk: another seed gives a new value, and the old one is only in the file.
  const stale = await run(
    ["compile", "score.yaml", "-t", "kubernetes", "--seed", "other", "-o", "deploy/", "--check"],
    io,
  );
  assert.is(stale, 3);
  assert.not.ok(io.stdoutText().includes(secret));
  assert.match(io.stdoutText(), /^- {2}password: <secret( [0-9a-f]{8})?>$/m);
  io.out.length = 0;
  io.files.set("/work/score.yaml", new TextEncoder().encode(WITHOUT_CACHE));
  assert.is(await run([...ARGS, "--check", "--format", "json"], io), 3);
  assert.not.ok(io.stdoutText().includes(secret));
  const doc = JSON.parse(io.stdoutText()) as { check: { diff: string; leftOver: string[] } };
  assert.match(doc.check.diff, /<secret>/);
  assert.equal(doc.check.leftOver, [
    "deploy/secret-redis-76e38e3f.yaml",
    "deploy/service-redis-76e38e3f.yaml",
    "deploy/statefulset-redis-76e38e3f.yaml",
  ]);
});

test.run();
