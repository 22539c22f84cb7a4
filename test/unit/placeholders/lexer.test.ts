import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { lexPlaceholders, placeholderTokens, refParts, splitRef } from "../../../src/placeholders/lexer.js";
import { splitEscaped } from "../../../src/shared/split-escaped.js";
import { fcOptions } from "../../hostile/helpers.js";

const placeholderText = fc
  .array(fc.constantFrom("$", "{", "}", "a", ".", "\\", "${", "$${", "}}", "${resources.db.host}"), { maxLength: 30 })
  .map((a) => a.join(""));

test("the remembered tokens equal a fresh lex, for short and long strings, asked once or twice", () => {
  const long = (s: string) => s + "x".repeat(1100);
  fc.assert(
    fc.property(placeholderText, fc.boolean(), (s, makeLong) => {
      const input = makeLong ? long(s) : s;
      assert.equal(placeholderTokens(input), lexPlaceholders(input));
      assert.equal(placeholderTokens(input), lexPlaceholders(input));
    }),
    fcOptions(500),
  );
});

test("lexPlaceholders hands out its own tokens: changing them does not change the next answer", () => {
  const input = "a ${resources.db.host} b";
  const first = lexPlaceholders(input);
  (first[1] as { ref: string }).ref = "changed";
  first.pop();
  assert.equal(lexPlaceholders(input), [
    { kind: "text", text: "a ", start: 0 },
    { kind: "ref", ref: "resources.db.host", raw: "${resources.db.host}", start: 2 },
    { kind: "text", text: " b", start: 22 },
  ]);
  assert.equal(placeholderTokens(input).length, 3);
});

// The splitter as score-go writes it: a character walk; splitEscaped skips the walk when there is no backslash.
function splitByWalk(input: string, escapable: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < input.length; i++) {
    if (input[i] === "\\" && i + 1 < input.length && escapable.includes(input[i + 1]!)) current += input[++i];
    else if (input[i] === ".") {
      parts.push(current);
      current = "";
    } else current += input[i];
  }
  parts.push(current);
  return parts;
}

test("property: splitting a reference equals the character walk, with and without backslashes", () => {
  const ref = fc
    .array(fc.constantFrom("a", "b", ".", "\\", "\\.", "\\\\", "/"), { maxLength: 16 })
    .map((a) => a.join(""));
  fc.assert(
    fc.property(ref, (s) => {
      assert.equal(splitRef(s), splitByWalk(s, "."), JSON.stringify(s));
      assert.equal(refParts(s), splitByWalk(s, "."), JSON.stringify(s));
      assert.equal(splitEscaped(s, ".\\"), splitByWalk(s, ".\\"), JSON.stringify(s));
    }),
    fcOptions(1000),
  );
});

test.run();
