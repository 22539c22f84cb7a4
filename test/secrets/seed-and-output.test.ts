import { test } from "uvu";
import * as assert from "uvu/assert";
import { compile } from "../../src/index.js";
import type { TargetName } from "../../src/model/resolved.js";
import { run } from "../../src/cli/main.js";
import { memoryIO } from "../helpers/memory-io.js";
import { helmSuite, helmTemplate, parseManifests, withValuesFile } from "../helm/chart.js";
import { objectDifferences } from "../helm/equivalence.js";
import { RULES, SCORE } from "./inputs.js";

const base = (target: TargetName, extra: Record<string, unknown> = {}) => ({
  sources: [{ path: "score.yaml", text: SCORE }],
  rules: [{ path: "rules.yaml", text: RULES }],
  target,
  environment: "production",
  app: "shop",
  seed: "production-seed",
  ...extra,
});

test("production without a seed: RULES_SEED_REQUIRED at the rule's derive.password, exit 1, nothing written", async () => {
  for (const target of ["compose", "kubernetes", "helm"] as const) {
    const io = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES, "out.yaml": "old\n" });
    assert.is(await run(["compile", "-t", target, "-r", "rules.yaml", "-e", "production", "-o", "out.yaml"], io), 1);
    assert.match(
      io.stderrText(),
      /rules\.yaml:\d+:\d+: error RULES_SEED_REQUIRED: rule "postgres" for resource "db" of workload "orders"/,
    );
    assert.match(io.stderrText(), /--seed VALUE or the SCOREC_SEED environment variable/);
    assert.not.match(io.stderrText(), /RULES_DEFAULT_SEED/);
    assert.is(io.fileText("out.yaml"), "old\n");
  }
  const withSeed = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES }, { env: { SCOREC_SEED: "from-ci" } });
  assert.is(await run(["compile", "-t", "kubernetes", "-r", "rules.yaml", "-e", "production"], withSeed), 0);
});

test("development: the development seed warning is given once where a derived secret reaches the output, never on graph", async () => {
  const io = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES });
  assert.is(await run(["compile", "-t", "kubernetes", "-r", "rules.yaml"], io), 0);
  assert.is(io.stderrText().match(/RULES_DEFAULT_SEED/g)?.length, 1);
  const graph = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES });
  assert.is(await run(["graph", "-t", "kubernetes", "-r", "rules.yaml"], graph), 0);
  assert.not.match(graph.stderrText(), /RULES_DEFAULT_SEED/);
  // Nor does a graph of production need the seed: it shows no value.
  const production = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES });
  assert.is(await run(["graph", "-t", "kubernetes", "-r", "rules.yaml", "-e", "production"], production), 0);
  assert.match(production.stdoutText(), /🔒 password/);
  // A rule that derives a secret nobody uses: no output holds it, so no warning.
  const unused = SCORE.replace(/variables:[\s\S]*?resources:/, "resources:");
  const quiet = compile({
    ...base("kubernetes"),
    sources: [{ path: "score.yaml", text: unused.replace(/\s+files:[\s\S]*?(?=resources:)/, "\n") }],
    environment: "local",
    seed: undefined,
  });
  assert.not.ok(
    quiet.diagnostics.some((d) => d.code === "RULES_DEFAULT_SEED"),
    JSON.stringify(quiet.diagnostics),
  );
});

test("--secrets-output: the main artifact of kubernetes and helm holds no derived value; compose refuses", () => {
  for (const target of ["kubernetes", "helm"] as const) {
    const r = compile(base(target, { secretsOutput: "secrets.yaml" }));
    assert.equal(
      r.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    assert.ok(r.secrets.length >= 1);
    const main = r.files.filter((f) => f.path !== "secrets.yaml");
    const secrets = r.files.find((f) => f.path === "secrets.yaml")!;
    assert.ok(main.length >= 1 && secrets);
    for (const value of r.secrets) {
      for (const f of main)
        assert.not.ok(f.text.includes(value) || f.text.includes(btoa(value)), `${target} ${f.path} holds a secret`);
      assert.ok(secrets.text.includes(value), `${target}: the secrets file holds ${value.slice(0, 2)}…`);
    }
    // Without the option the same values are in the main artifact (the test above could not pass by accident).
    const whole = compile(base(target));
    assert.ok(r.secrets.every((v) => whole.files[0]!.text.includes(v)));
  }
  const compose = compile(base("compose", { secretsOutput: "secrets.env" }));
  assert.equal(compose.files, []);
  assert.match(
    compose.diagnostics.map((d) => d.message).join("\n"),
    /--secrets-output is not available for the compose target/,
  );
});

test("--secrets-output on the command line: written at PATH, the main file holds no value", async () => {
  const io = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES });
  assert.is(
    await run(
      [
        "compile",
        "-t",
        "kubernetes",
        "-r",
        "rules.yaml",
        "-e",
        "production",
        "--seed",
        "s3cret-seed",
        "-o",
        "deploy/",
        "--secrets-output",
        "private/secrets.yaml",
      ],
      io,
    ),
    0,
  );
  const secrets = io.fileText("private/secrets.yaml")!;
  assert.match(secrets, /kind: Secret/);
  const r = compile(base("kubernetes", { seed: "s3cret-seed" }));
  const deployed = [...io.files.keys()].filter((k) => k.startsWith("/work/deploy/"));
  assert.ok(deployed.length >= 1);
  for (const path of deployed) {
    assert.not.match(io.fileText(path)!, /^kind: Secret$/m, path);
    for (const v of r.secrets) assert.not.ok(io.fileText(path)!.includes(v), path);
  }
  const helmIo = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES });
  assert.is(
    await run(
      [
        "compile",
        "-t",
        "helm",
        "-r",
        "rules.yaml",
        "-e",
        "production",
        "--seed",
        "s3cret-seed",
        "--secrets-output",
        "secret-values.yaml",
      ],
      helmIo,
    ),
    0,
  );
  const helm = compile(base("helm", { seed: "s3cret-seed" }));
  for (const v of helm.secrets) {
    assert.not.ok(helmIo.fileText("values.yaml")!.includes(v));
    assert.ok(helmIo.fileText("secret-values.yaml")!.includes(v));
  }
});

test("--secrets-output onto the main output file is refused, and nothing is written", async () => {
  const io = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES, "manifests.yaml": "old\n" });
  assert.is(
    await run(
      ["compile", "-t", "kubernetes", "-r", "rules.yaml", "--seed", "s", "--secrets-output", "manifests.yaml"],
      io,
    ),
    1,
  );
  assert.match(io.stderrText(), /--secrets-output manifests\.yaml: is also a file of the main output/);
  assert.is(io.fileText("manifests.yaml"), "old\n");
});

test("--check with a changed seed prints neither the old nor the new value; the JSON report holds none", async () => {
  const io = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES });
  assert.is(
    await run(["compile", "-t", "kubernetes", "-r", "rules.yaml", "-e", "production", "--seed", "old-seed"], io),
    0,
  );
  const before = compile(base("kubernetes", { seed: "old-seed" })).secrets;
  const after = compile(base("kubernetes", { seed: "new-seed" })).secrets;
  assert.ok(before.length > 0 && after.length > 0);
  assert.is(
    await run(
      ["compile", "-t", "kubernetes", "-r", "rules.yaml", "-e", "production", "--seed", "new-seed", "--check"],
      io,
    ),
    3,
  );
  const printed = io.stdoutText() + io.stderrText();
  assert.match(printed, /^-\s+password: <secret [0-9a-f]{8}>$/m);
  assert.match(printed, /^\+\s+password: <secret [0-9a-f]{8}>$/m);
  for (const v of [...before, ...after]) assert.not.ok(printed.includes(v), "a secret value was printed");
  const json = memoryIO({ "score.yaml": SCORE, "rules.yaml": RULES, "manifests.yaml": io.fileText("manifests.yaml")! });
  assert.is(
    await run(
      [
        "compile",
        "-t",
        "kubernetes",
        "-r",
        "rules.yaml",
        "-e",
        "production",
        "--seed",
        "new-seed",
        "--check",
        "--format",
        "json",
      ],
      json,
    ),
    3,
  );
  const report = json.stdoutText();
  JSON.parse(report);
  for (const v of [...before, ...after]) assert.not.ok(report.includes(v), "a secret value is in the JSON report");
});

const helm = helmSuite("secrets output through real helm");
helm("helm install -f values.yaml -f secrets.yaml renders the kubernetes target's objects", () => {
  const r = compile(base("helm", { secretsOutput: "secrets.yaml" }));
  const values = r.files.find((f) => f.path === "values.yaml")!.text;
  const secrets = r.files.find((f) => f.path === "secrets.yaml")!.text;
  const kubernetes = compile(base("kubernetes")).files.flatMap((f) => parseManifests(f.text));
  const rendered = withValuesFile(secrets, (path) => helmTemplate(values, ["--values", path]));
  assert.is(rendered.status, 0, rendered.stderr);
  assert.equal(objectDifferences(parseManifests(rendered.stdout), kubernetes), []);
});

test.run();
helm.run();
