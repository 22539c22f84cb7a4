import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { composeCommandText, composeText } from "../../../src/targets/compose/dollar-escape.js";
import { corpusPath, readText } from "../../helpers/corpus.js";

const commands = suite("composeCommandText");

// score-compose util.PrepareEnvVariables vectors (47): applied to command and args.
const vectors = parse(readText(corpusPath("score-compose", "unit", "prepare-env-variables.yaml"))) as {
  groups: { name: string; cases: { input: string; output: string }[] }[];
};
const cases = vectors.groups.flatMap((g) => g.cases.map((c) => ({ ...c, group: g.name })));

commands("all 47 score-compose vectors are present", () => {
  assert.is(cases.length, 47);
});

for (const c of cases) {
  commands(`${c.group}: ${c.input}`, () => {
    assert.is(composeCommandText(c.input), c.output);
  });
}

commands("Score's $$ stays one literal dollar for the container", () => {
  assert.is(composeCommandText("echo $${GREETING} $$HOME"), "echo $${GREETING} $$HOME");
});

commands("a dollar right after one character is escaped too (score-compose's regex misses it)", () => {
  assert.is(composeCommandText("a$B"), "a$$B");
});

commands("placeholders are not expanded in commands, only protected", () => {
  assert.is(composeCommandText("${metadata.name}"), "$${metadata.name}");
});

const values = suite("composeText");

values("literal dollars are doubled", () => {
  assert.is(composeText({ segments: [{ text: "$_${fizzbuzz}", secret: false }] }), "$$_$${fizzbuzz}");
});

values("verbatim segments (compose ${VAR} references) are kept", () => {
  const value = {
    segments: [
      { text: "pre-$", secret: false },
      { text: "${NAME}", secret: false, verbatim: true },
    ],
  };
  assert.is(composeText(value), "pre-$$${NAME}");
});

values("secret segments are written like the others", () => {
  assert.is(composeText({ segments: [{ text: "p$ss", secret: true }] }), "p$$ss");
});

commands.run();
values.run();
