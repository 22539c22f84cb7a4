import { test } from "uvu";
import * as assert from "uvu/assert";
import { stringMemo } from "../../../src/shared/string-memo.js";

test("computes each short string once, long strings every time, and starts over when full", () => {
  const calls: string[] = [];
  const memo = stringMemo((s) => {
    calls.push(s);
    return s.length;
  }, 4, 2);
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

test.run();
