import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "scorec";
import { runCompile, type PlaygroundState } from "../../playground/src/run-compile.js";
import { scoreSources } from "../../playground/src/score-documents.js";
import { decodeState, encodeState } from "../../playground/src/url-state.js";
import { ROOT } from "../helpers/corpus.js";

// The playground's logic without a browser: what it compiles, masks and keeps in the URL. The page itself is tested
// in Chromium (playground.test.ts).

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const HELLO: PlaygroundState = {
  score: read("examples/hello/score.yaml"),
  rules: read("examples/hello/rules.yaml"),
  env: "local",
  target: "compose",
};
const SHOP = read("playground/examples/shop.score.yaml");

test("one Score document is one source; several are one source each, with the editor's lines and offsets", () => {
  assert.equal(scoreSources(HELLO.score), [{ path: "score.yaml", text: HELLO.score }]);
  const sources = scoreSources(SHOP);
  assert.equal(
    sources.map((s) => s.path),
    ["score.yaml#1", "score.yaml#2", "score.yaml#3"],
  );
  for (const s of sources) assert.is(s.text.length, SHOP.length);
  assert.equal(
    sources.map((s) => /^ {2}name: (\S+)$/m.exec(s.text)?.[1]),
    ["frontend", "api", "worker"],
  );
});

test("a diagnostic in the third workload points at the editor's line", () => {
  const broken = SHOP.replace("    type: amqp", "    type: amqp\n    bogus: 1");
  const view = runCompile({ score: broken, rules: "", env: "local", target: "compose" }, { mask: true });
  const d = view.diagnostics.find((x) => x.severity === "error");
  assert.ok(d, JSON.stringify(view.diagnostics));
  assert.is(d.file, "score.yaml#3");
  assert.is(broken.split("\n")[d.range!.start.line - 1], "    bogus: 1");
});

test("the examples compile for every environment and target with no error or warning", () => {
  const cases: [string, string, string[]][] = [
    [HELLO.score, HELLO.rules, ["local", "production"]],
    [SHOP, read("playground/examples/shop.rules.yaml"), ["local"]],
    [SHOP, read("playground/examples/production.rules.yaml"), ["local", "staging", "production"]],
  ];
  for (const [score, rules, envs] of cases) {
    for (const env of envs) {
      for (const target of ["compose", "kubernetes", "helm"] as const) {
        const view = runCompile({ score, rules, env, target }, { mask: true });
        // Info only (Compose: which variables a referenced secret is read from); nothing to fix.
        assert.equal(
          view.diagnostics.filter((d) => d.severity !== "info"),
          [],
          `${env} ${target}`,
        );
        assert.ok(view.output && view.explain && view.mermaid, `${env} ${target}`);
        assert.equal(view.environments, envs.slice().sort());
      }
    }
  }
});

test("masked output holds no secret value; unmasked output is the library's artifact", () => {
  for (const target of ["compose", "kubernetes", "helm"] as const) {
    const state = { ...HELLO, target };
    const result = compile({
      sources: [{ path: "score.yaml", text: state.score }],
      rules: [{ path: "rules.yaml", text: state.rules }],
      target,
    });
    const secrets = result.secrets;
    assert.ok(secrets.length > 0);
    const plain = runCompile(state, { mask: false });
    assert.is(plain.output, result.files[0]!.text);
    const masked = runCompile(state, { mask: true });
    for (const secret of secrets) {
      assert.ok(plain.output!.includes(secret), `${target}: the secret is in the artifact`);
      assert.not.ok(masked.output!.includes(secret), `${target}: masked`);
      assert.not.ok(masked.explain!.includes(secret));
      assert.not.ok(masked.mermaid!.includes(secret));
    }
    assert.match(masked.output!, /<secret [0-9a-f]{8}>/);
  }
});

test("the development-seed warning is left to the page's banner; other diagnostics stay", () => {
  const result = compile({ sources: [{ path: "score.yaml", text: HELLO.score }] });
  assert.ok(result.diagnostics.some((d) => d.code === "RULES_DEFAULT_SEED"));
  assert.not.ok(runCompile(HELLO, { mask: true }).diagnostics.some((d) => d.code === "RULES_DEFAULT_SEED"));
  const unknown = runCompile({ ...HELLO, env: "nowhere" }, { mask: true });
  assert.ok(unknown.diagnostics.some((d) => d.severity === "error"));
});

test("environments come from the rules table, local always; none while the table does not load", () => {
  assert.equal(runCompile({ ...HELLO, rules: "" }, { mask: true }).environments, ["local"]);
  assert.equal(
    runCompile(
      {
        ...HELLO,
        rules: "apiVersion: scorec.dev/v1alpha1\nkind: Rules\nenvironments:\n  prod: { type: production }\n",
      },
      { mask: true },
    ).environments,
    ["local", "prod"],
  );
  assert.is(runCompile({ ...HELLO, rules: "kind: [" }, { mask: true }).environments, undefined);
});

test("the URL fragment round-trips a state and refuses anything else", async () => {
  const fragment = await encodeState(HELLO);
  assert.match(fragment, /^v1\.[A-Za-z0-9_-]+$/);
  assert.ok(fragment.length < HELLO.score.length + HELLO.rules.length, "compressed");
  assert.equal(await decodeState(`#${fragment}`), HELLO);
  assert.is(await decodeState(""), undefined);
  assert.is(await decodeState("#v1.not-deflate"), undefined);
  assert.is(await decodeState("#v2.abc"), undefined);
  assert.is(await decodeState(`#${await encodeState({ ...HELLO, target: "nomad" as never })}`), undefined);
});

test("the playground reaches the library only through its public entry point", () => {
  const dir = join(ROOT, "playground/src");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    for (const m of readFileSync(join(dir, file), "utf8").matchAll(/from\s+"([^"]+)"/g)) {
      assert.not.match(m[1]!, /(^|\/)src\//, `${file} imports ${m[1]}: use "scorec" (the public API) instead`);
    }
  }
});

test.run();
