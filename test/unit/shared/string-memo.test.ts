import { test } from "uvu";
import * as assert from "uvu/assert";
import { stringMemo } from "../../../src/shared/string-memo.js";

test("computes each short string once, long strings every time, and starts over when full", () => {
  const calls: string[] = [];
  const memo = stringMemo(
    (s) => {
      calls.push(s);
      return s.length;
    },
    4,
    2,
  );
  assert.equal([memo("ab"), memo("ab"), memo("abcde"), memo("abcde")], [2, 2, 5, 5]);
  assert.equal(calls, ["ab", "abcde", "abcde"]);
  memo("cd"); // the memory is full now (ab, cd)
  memo("ef"); // starts over: ef
  memo("ab");
  assert.equal(calls, ["ab", "abcde", "abcde", "cd", "ef", "ab"]);
});

test("an undefined result is remembered like any other", () => {
  let calls = 0;
  const memo = stringMemo(() => {
    calls++;
    return undefined;
  });
  memo("x");
  memo("x");
  assert.is(calls, 1);
});

test("starts over when the inputs it holds reach the character budget", () => {
  const calls: string[] = [];
  const memo = stringMemo((s) => calls.push(s), 10, 100, 6);
  for (const s of ["abc", "def", "abc", "ghi", "abc"]) memo(s);
  assert.equal(calls, ["abc", "def", "ghi", "abc"]);
});

test("results are frozen all the way down, so a caller cannot change what the next one gets", () => {
  const memo = stringMemo((s) => ({ parts: [{ text: s }] }));
  const first = memo("x");
  assert.throws(() => {
    first.parts[0]!.text = "changed";
  }, TypeError);
  assert.throws(() => first.parts.push({ text: "more" }), TypeError);
  assert.equal(memo("x"), { parts: [{ text: "x" }] });
  assert.ok(Object.isFrozen(memo("a long input beyond the limit".repeat(100))));
});

test.run();
