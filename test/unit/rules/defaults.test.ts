import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { DEFAULTS_MODULE, generateDefaultsModule, readDefaultsFolder } from "../../../scripts/defaults-codegen.js";
import { parseYamlFile } from "../../../src/load/parse-yaml.js";
import { builtinRules, builtinSource, defaultsFileFor } from "../../../src/rules/defaults/index.js";
import { loadRulesWith } from "../../../src/rules/load.js";
import { DEFAULT_RULES } from "../../../src/rules/defaults/generated.js";
import { ROOT } from "../../helpers/corpus.js";

test("src/rules/defaults/generated.ts is up to date with rules/defaults/*.yaml (npm run build:defaults)", () => {
  const expected = generateDefaultsModule(readDefaultsFolder(ROOT));
  assert.fixture(readFileSync(ROOT + DEFAULTS_MODULE, "utf8"), expected);
});

for (const name of Object.keys(DEFAULT_RULES)) {
  test(`built-in defaults ${name}.yaml load without diagnostics`, () => {
    const target = name as "compose" | "kubernetes" | "helm";
    const r = builtinRules(target);
    assert.equal(r.diagnostics, []);
    assert.ok(r.table);
    for (const rule of r.table.rules) assert.is(rule.origin.file, `<builtin>/rules/defaults/${name}.yaml`);
  });

  test(`built-in defaults ${name}.yaml pass every check that the embedded data skips at run time`, () => {
    const checked = loadRulesWith([builtinSource(name)], (source) => parseYamlFile(source));
    assert.equal(checked.diagnostics, []);
    assert.is(JSON.stringify(builtinRules(name as "compose" | "kubernetes").table), JSON.stringify(checked.table));
  });
}

test("helm falls back to the kubernetes defaults unless helm.yaml exists", () => {
  assert.is(defaultsFileFor("helm", { kubernetes: "x" }), "kubernetes");
  assert.is(defaultsFileFor("helm", { kubernetes: "x", helm: "y" }), "helm");
  assert.is(defaultsFileFor("compose", { kubernetes: "x" }), undefined);
});

test.run();
