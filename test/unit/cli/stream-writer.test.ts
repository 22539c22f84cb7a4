import { EventEmitter } from "node:events";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { IoError } from "../../../src/node/io.js";
import { streamWriter } from "../../../src/node/node-io.js";

// A stand-in for process.stdout: takes writes, and fails the one numbered `failAt` with `code` through an 'error'
// event, a tick later, as Node's streams do.
function fakeStream(failAt: number, code: string) {
  const events = new EventEmitter();
  const chunks: string[] = [];
  let opened = 0;
  let writes = 0;
  const stream = {
    on: (name: string, listener: (e: Error) => void) => events.on(name, listener),
    write(chunk: string, cb?: (err?: Error | null) => void) {
      const n = ++writes;
      if (n === failAt) {
        const err = Object.assign(new Error(code), { code });
        setImmediate(() => {
          events.emit("error", err);
          cb?.(err);
        });
        return false;
      }
      chunks.push(chunk);
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

test.run();
