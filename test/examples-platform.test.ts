import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkRules, compile } from "../src/index.js";
import type { TargetName } from "../src/model/resolved.js";
import { ROOT } from "./helpers/corpus.js";
import { expectGolden } from "./helpers/golden.js";

// examples/platform (docs/rules.md, "A worked platform") passes rules check without a remark and compiles for every
// declared environment and target; staging and production need no seed (their database password is a secretRef).
const DIR = `${ROOT}examples/platform`;
const read = (f: string) => ({ path: f, text: readFileSync(`${DIR}/${f}`, "utf8") });
const rules = [read("rules.yaml")];
const sources = [read("web.score.yaml"), read("orders.score.yaml")];
const ENVIRONMENTS = ["local", "staging", "prod-eu", "prod-us"];
const TARGETS: TargetName[] = ["compose", "kubernetes", "helm"];

test("examples/platform passes rules check with no problem at all", () => {
  const r = checkRules(rules);
  assert.equal(
    r.diagnostics.map((d) => `${d.code} ${d.message}`),
    [],
  );
  assert.is(r.summary?.environments, 4);
});

for (const environment of ENVIRONMENTS) {
  for (const target of TARGETS) {
    test(`examples/platform compiles for ${environment} × ${target}${environment === "local" ? "" : " without a seed"}`, () => {
      const r = compile({ sources, rules, environment, target, app: "shop" });
      const errors = r.diagnostics.filter((d) => d.severity === "error");
      assert.equal(
        errors.map((d) => `${d.code} ${d.message}`),
        [],
      );
      assert.ok(r.files.length > 0);
      if (environment === "prod-eu" || environment === "local")
        expectGolden(
          `${ROOT}golden/examples/platform/${environment}.${target}.yaml`,
          r.files.map((f) => `# ${f.path}\n${f.text}`).join(""),
        );
    });
  }
}

test("examples/platform: the extends exception changes only the orders database's size in production", () => {
  const text = (environment: string) =>
    compile({ sources, rules, environment, target: "kubernetes", app: "shop" })
      .files.map((f) => f.text)
      .join("");
  assert.match(text("prod-us"), /storageGB: 200/);
  assert.match(text("staging"), /storageGB: 20\n/);
  assert.match(text("prod-us"), /region: us/);
  assert.match(text("prod-eu"), /name: public-eu/);
});

test.run();
