import { EventEmitter } from "node:events";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { IoError } from "../../../src/node/io.js";
import { descriptorWriter, streamWriter } from "../../../src/node/node-io.js";

// A stand-in for process.stdout: takes writes, and fails the one numbered `failAt` with `code` through an 'error'
// event, a tick later, as Node's streams do.
function fakeStream(failAt: number, code: string) {
  const events = new EventEmitter();
  const chunks: string[] = [];
  let opened = 0;
  let writes = 0;
  const stream = {
    on: (name: string, listener: (e: Error) => void) => events.on(name, listener),
    write(chunk: string | Uint8Array, cb?: (err?: Error | null) => void) {
      const n = ++writes;
      if (n === failAt) {
        const err = Object.assign(new Error(code), { code });
        setImmediate(() => {
          events.emit("error", err);
          cb?.(err);
        });
        return false;
      }
      chunks.push(typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
      setImmediate(() => cb?.());
      return true;
    },
  };
  return { open: () => (opened++, stream), text: () => chunks.join(""), opened: () => opened };
}

test("writes go to the stream in order; flush resolves once they are handed over", async () => {
  const s = fakeStream(0, "");
  const w = streamWriter(s.open, "standard output");
  w.write("a");
  w.write("b");
  await w.flush();
  assert.is(s.text(), "ab");
});

test("the stream is not set up until something is written", async () => {
  const s = fakeStream(0, "");
  const w = streamWriter(s.open, "standard output");
  await w.flush();
  assert.is(s.opened(), 0);
});

test("a reader that went away (EPIPE) ends the output quietly: later writes are dropped, flush does not throw", async () => {
  const s = fakeStream(2, "EPIPE");
  const w = streamWriter(s.open, "standard output");
  w.write("a");
  w.write("b");
  await w.flush();
  w.write("c");
  await w.flush();
  assert.is(s.text(), "a");
});

test("any other failure is an IoError naming the stream, thrown by flush", async () => {
  const s = fakeStream(1, "ENOSPC");
  const w = streamWriter(s.open, "standard output");
  w.write("a");
  try {
    await w.flush();
    assert.unreachable("flush should throw");
  } catch (e) {
    assert.ok(e instanceof IoError);
    assert.is(e.message, "standard output: cannot write: no space left on device");
  }
});

// A descriptor that takes `accept[i]` bytes on the i-th write, then fails every later write with `code`.
function descriptor(accept: number[], code: string) {
  const taken: number[] = [];
  let calls = 0;
  const write = (_fd: number, bytes: Uint8Array, offset: number): number => {
    const n = accept[calls++];
    if (n === undefined) throw Object.assign(new Error(code), { code });
    const end = Math.min(bytes.length, offset + n);
    taken.push(...bytes.subarray(offset, end));
    return end - offset;
  };
  return { write, text: () => new TextDecoder().decode(Uint8Array.from(taken)) };
}

test("descriptor: partial writes are continued until the whole text is written; no stream is set up", async () => {
  const fd = descriptor([3, 1, 100, 100], "EIO");
  const s = fakeStream(0, "");
  const w = descriptorWriter(1, s.open, "standard output", fd.write);
  w.write("héllo ");
  w.write("world");
  await w.flush();
  assert.is(fd.text(), "héllo world");
  assert.is(s.opened(), 0);
});

test("descriptor: one that would block hands the rest, and every later write, to the stream in order", async () => {
  const fd = descriptor([4], "EAGAIN");
  const s = fakeStream(0, "");
  const w = descriptorWriter(1, s.open, "standard output", fd.write);
  w.write("abcdef");
  w.write("gh");
  await w.flush();
  assert.is(fd.text() + s.text(), "abcdefgh");
  assert.is(s.text(), "efgh");
});

test("descriptor: a reader that went away (EPIPE) ends the output quietly", async () => {
  const fd = descriptor([2], "EPIPE");
  const s = fakeStream(0, "");
  const w = descriptorWriter(1, s.open, "standard output", fd.write);
  w.write("abcd");
  w.write("ef");
  await w.flush();
  assert.is(fd.text(), "ab");
  assert.is(s.opened(), 0);
});

test("descriptor: any other failure is an IoError naming the stream, thrown by flush", async () => {
  const fd = descriptor([], "ENOSPC");
  const w = descriptorWriter(2, fakeStream(0, "").open, "standard error", fd.write);
  w.write("a");
  try {
    await w.flush();
    assert.unreachable("flush should throw");
  } catch (e) {
    assert.ok(e instanceof IoError);
    assert.is(e.message, "standard error: cannot write: no space left on device");
  }
});

test.run();
