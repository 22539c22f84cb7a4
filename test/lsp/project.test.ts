import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadRules } from "../../src/rules/load.js";
import { defaultBuilds, discoverProject, isRulesFile, isScoreFile, type ProjectFiles } from "../../src/lsp/project.js";

// The folder project rule of the language server (until scorec.yaml): which files, which builds.

function files(texts: Record<string, string>): ProjectFiles {
  return {
    yamlFilesIn: (folder) =>
      Object.keys(texts)
        .filter((p) => p.startsWith(folder + "/") && !p.slice(folder.length + 1).includes("/"))
        .map((p) => p.slice(folder.length + 1))
        .sort(),
    text: (path) => texts[path],
  };
}

const SCORE = "apiVersion: score.dev/v1b1\nmetadata:\n  name: a\n";

test("Score files by apiVersion or, while typed, by name; rules tables by name", () => {
  assert.ok(isScoreFile("/p/anything.yaml", SCORE));
  assert.ok(isScoreFile("/p/anything.yml", "# a comment\napiVersion: 'score.dev/v1b1'\n"));
  for (const name of ["score.yaml", "score.yml", "api.score.yaml", "score-api.yaml", "score.prod.yaml"])
    assert.ok(isScoreFile(`/p/${name}`, ""), name);
  for (const name of ["compose.yaml", "scoreboard.yaml", "values.yaml"])
    assert.not.ok(isScoreFile(`/p/${name}`, "services: {}\n"), name);
  assert.ok(isRulesFile("/p/rules.yaml") && isRulesFile("/p/rules-prod.yml"));
  assert.not.ok(isScoreFile("/p/rules.yaml", SCORE), "a rules table is never a Score file");
});

test("a folder's project: its Score files and rules tables, the folder's name as app id; none without either", () => {
  const fs = files({
    "/w/My Shop/score.yaml": SCORE,
    "/w/My Shop/b.yaml": SCORE,
    "/w/My Shop/compose.yaml": "services: {}\n",
    "/w/My Shop/rules.yaml": "",
    "/w/My Shop/sub/score.yaml": SCORE,
    "/w/other/compose.yaml": "x: 1\n",
  });
  const p = discoverProject("/w/My Shop/compose.yaml", fs)!;
  assert.equal(p, {
    root: "/w/My Shop",
    app: "my-shop",
    scoreFiles: ["/w/My Shop/b.yaml", "/w/My Shop/score.yaml"],
    rulesFiles: ["/w/My Shop/rules.yaml"],
  });
  assert.is(discoverProject("/w/other/compose.yaml", fs), undefined);
});

test("builds: local first when declared, else the declared order (by file, then position); local alone without any", () => {
  const table = (envs: string) =>
    loadRules([
      { path: "rules.yaml", text: `apiVersion: scorec.dev/v1alpha1\nkind: Rules\nenvironments:\n${envs}rules: []\n` },
    ]).table;
  assert.equal(defaultBuilds(undefined), [{ environment: "local", target: "compose" }]);
  assert.equal(
    defaultBuilds(table("")).map((b) => b.environment),
    ["local"],
  );
  assert.equal(
    defaultBuilds(
      table("  prod:\n    type: production\n  local:\n    type: development\n  a:\n    type: staging\n"),
    ).map((b) => b.environment),
    ["local", "prod", "a"],
  );
  assert.equal(
    defaultBuilds(table("  staging:\n    type: staging\n  prod:\n    type: production\n")).map((b) => b.environment),
    ["staging", "prod"],
  );
});

test.run();
