import { test } from "uvu";
import * as assert from "uvu/assert";
import { IoError } from "../../../src/cli/io.js";
import { writerTo } from "../../../src/cli/node-io.js";

// A descriptor that takes `accept` bytes per write, then fails every later write with `code`.
function descriptor(accept: number[], code: string) {
  const taken: number[] = [];
  let calls = 0;
  const write = (_fd: number, bytes: Uint8Array, offset: number): number => {
    const n = accept[calls++];
    if (n === undefined) throw Object.assign(new Error(code), { code });
    const count = Math.min(n, bytes.length - offset);
    taken.push(...bytes.subarray(offset, offset + count));
    return count;
  };
  return { write, text: () => Buffer.from(taken).toString("utf8") };
}

function stream() {
  const chunks: string[] = [];
  return { write: (chunk: string | Uint8Array) => (chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")), true), text: () => chunks.join("") };
}

test("partial writes are continued until the whole text is written", () => {
  const fd = descriptor([3, 1, 100, 100], "EIO");
  const s = stream();
  const out = writerTo(1, () => s, fd.write);
  out("héllo wörld");
  assert.is(fd.text(), "héllo wörld");
  assert.is(s.text(), "");
});

test("a descriptor that would block hands the rest, and every later write, to the stream in order", () => {
  const fd = descriptor([4], "EAGAIN");
  const s = stream();
  const out = writerTo(1, () => s, fd.write);
  out("abcdefgh");
  out("ijk");
  assert.is(fd.text(), "abcd");
  assert.is(s.text(), "efghijk");
});

test("a reader that went away ends the output without an error", () => {
  const fd = descriptor([2], "EPIPE");
  const s = stream();
  const out = writerTo(2, () => s, fd.write);
  out("abcdef");
  out("more");
  assert.is(fd.text(), "ab");
  assert.is(s.text(), "");
});

test("any other failure is an IoError naming the stream", () => {
  const fd = descriptor([], "ENOSPC");
  const out = writerTo(1, () => stream(), fd.write);
  assert.throws(() => out("x"), (e: unknown) => e instanceof IoError && e.message === "standard output: cannot write: no space left on device");
});

test.run();
