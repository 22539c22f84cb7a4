import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../../src/cli/main.js";
import { memoryIO } from "../../helpers/memory-io.js";

const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx
    variables:
      GREETING: hello $USER
      CACHE: \${resources.cache.host}:\${resources.cache.port}
resources:
  cache:
    type: redis
`;

test("compile writes compose.yaml by default and exits 0", async () => {
  const io = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["compile", "--seed", "s"], io), 0);
  const out = io.fileText("compose.yaml")!;
  assert.match(out, /^name: work\n/); // app id = the working folder's name
  assert.match(out, /GREETING: hello \$\$USER/);
  assert.match(io.stderrText(), /wrote compose\.yaml/);
});

test("compile is deterministic: same input, same bytes", async () => {
  const a = memoryIO({ "score.yaml": SCORE });
  const b = memoryIO({ "score.yaml": SCORE });
  await run(["compile", "--seed", "s", "-t", "kubernetes"], a);
  await run(["compile", "--seed", "s", "-t", "kubernetes"], b);
  assert.is(a.fileText("manifests.yaml"), b.fileText("manifests.yaml"));
  assert.ok((a.fileText("manifests.yaml") ?? "").length > 100);
});

test("--check: 0 when current, 3 with a unified diff on stdout when stale, and nothing written", async () => {
  const io = memoryIO({ "score.yaml": SCORE });
  await run(["compile", "--seed", "s"], io);
  const current = io.fileText("compose.yaml")!;
  assert.is(await run(["compile", "--seed", "s", "--check"], io), 0);
  io.files.set("/work/compose.yaml", new TextEncoder().encode(current.replace("image: nginx", "image: httpd")));
  const checked = memoryIO({ "score.yaml": SCORE, "compose.yaml": current.replace("image: nginx", "image: httpd") });
  assert.is(await run(["compile", "--seed", "s", "--check"], checked), 3);
  assert.match(checked.stdoutText(), /^--- a\/compose\.yaml/m);
  assert.match(checked.stdoutText(), /^-\s+image: httpd$/m);
  assert.match(checked.stdoutText(), /^\+\s+image: nginx$/m);
  assert.match(checked.fileText("compose.yaml")!, /image: httpd/);
  const missing = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["compile", "--seed", "s", "--check"], missing), 3);
  assert.is(missing.fileText("compose.yaml"), undefined);
});

test("-o - prints the artifact on stdout", async () => {
  const io = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["compile", "--seed", "s", "-o", "-"], io), 0);
  assert.match(io.stdoutText(), /^name: work\nservices:/);
});

test("invalid input: exit 1 and no file written", async () => {
  const io = memoryIO({ "score.yaml": SCORE.replace("type: redis", "type: no-such-type"), "compose.yaml": "old\n" });
  assert.is(await run(["compile", "--seed", "s"], io), 1);
  assert.match(io.stderrText(), /error RULES_NO_MATCH/);
  assert.is(io.fileText("compose.yaml"), "old\n");
});

test("--format json: one document with outputs and diagnostics", async () => {
  const io = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["compile", "--format", "json"], io), 0);
  const doc = JSON.parse(io.stdoutText()) as {
    ok: boolean;
    outputs: { path: string; status: string }[];
    diagnostics: { code: string }[];
  };
  assert.is(doc.ok, true);
  assert.equal(doc.outputs, [{ path: "compose.yaml", status: "written" }]);
  assert.equal(
    doc.diagnostics.map((d) => d.code),
    ["RULES_DEFAULT_SEED"],
  );
});

test("SCOREC_SEED is read by the CLI (not the library) and silences the seed warning", async () => {
  const io = memoryIO({ "score.yaml": SCORE }, { env: { SCOREC_SEED: "from-env" } });
  await run(["compile"], io);
  assert.not.match(io.stderrText(), /RULES_DEFAULT_SEED/);
  const other = memoryIO({ "score.yaml": SCORE }, { env: { SCOREC_SEED: "other" } });
  await run(["compile"], other);
  assert.is.not(io.fileText("compose.yaml"), other.fileText("compose.yaml"));
});

test("image '.' needs --image", async () => {
  const dotted = SCORE.replace("image: nginx", "image: .");
  const io = memoryIO({ "score.yaml": dotted });
  assert.is(await run(["compile", "--seed", "s"], io), 1);
  assert.match(io.stderrText(), /score\.yaml:6:12: error SCORE_IMAGE_MISSING/);
  const ok = memoryIO({ "score.yaml": dotted });
  assert.is(await run(["compile", "--seed", "s", "--image", "ghcr.io/me/web:1"], ok), 0);
  assert.match(ok.fileText("compose.yaml")!, /image: ghcr\.io\/me\/web:1/);
});

test("file sources are read relative to the Score file and may not leave its folder", async () => {
  const withFile = SCORE.replace(
    "    variables:",
    "    files:\n      /etc/app.conf:\n        source: ./app.conf\n    variables:",
  );
  const io = memoryIO({ "app/score.yaml": withFile, "app/app.conf": "key=value\n" });
  assert.is(await run(["compile", "app/score.yaml", "--seed", "s", "-o", "-"], io), 0);
  assert.match(io.stdoutText(), /key=value/);
  const escaping = memoryIO({ "app/score.yaml": withFile.replace("./app.conf", "../secret.txt"), "secret.txt": "x" });
  assert.is(await run(["compile", "app/score.yaml", "--seed", "s"], escaping), 1);
  assert.match(escaping.stderrText(), /error TARGET_FILE_SOURCE/);
});

test("graph prints Mermaid and DOT", async () => {
  const io = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["graph", "--seed", "s"], io), 0);
  assert.match(io.stdoutText(), /^---\ntitle: "work · local \(development\) · compose"\n---\nflowchart LR\n/);
  assert.match(io.stdoutText(), /workload web/);
  assert.match(io.stdoutText(), /redis\.default#web\.cache/);
  const dot = memoryIO({ "score.yaml": SCORE });
  assert.is(await run(["graph", "--seed", "s", "--syntax", "dot"], dot), 0);
  assert.match(dot.stdoutText(), /^digraph scorec \{/);
});

test("init writes starter files that compile, and never overwrites", async () => {
  const io = memoryIO({});
  assert.is(await run(["init", "--rules", "rules.yaml"], io), 0);
  assert.ok(io.fileText("score.yaml") && io.fileText("rules.yaml"));
  for (const env of ["local", "production"]) {
    for (const target of ["compose", "kubernetes", "helm"]) {
      const c = memoryIO({ "score.yaml": io.fileText("score.yaml")!, "rules.yaml": io.fileText("rules.yaml")! });
      assert.is(
        await run(["compile", "-r", "rules.yaml", "-e", env, "-t", target, "--seed", "s"], c),
        0,
        `${env}/${target}: ${c.stderrText()}`,
      );
    }
  }
  const again = memoryIO({ "score.yaml": "mine\n" });
  assert.is(await run(["init"], again), 0);
  assert.is(again.fileText("score.yaml"), "mine\n");
  assert.match(again.stderrText(), /already exists/);
});

test.run();
