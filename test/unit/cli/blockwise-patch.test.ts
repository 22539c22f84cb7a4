import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyPatch, createTwoFilesPatch } from "diff";
import fc from "fast-check";
import { blockwisePatch } from "../../../src/cli/blockwise-patch.js";

// The block-by-block unified diff must be a correct patch: applied to the old text it gives the new one, for any
// edit of a YAML-shaped text; where the change is one line, it is the whole-file patch byte for byte.

const yamlish = (n: number, tag: string) =>
  Array.from(
    { length: n },
    (_, i) =>
      `  svc-${i}:\n    image: app:${i}\n    environment:\n      HOST: ${tag}-${i % 7}\n      PORT: "80${i % 3}"\n`,
  ).join("");

test("one changed line: the same patch as createTwoFilesPatch", () => {
  const a = "services:\n" + yamlish(40, "a");
  const b = a.replace('HOST: a-3\n      PORT: "800"', 'HOST: b-3\n      PORT: "800"');
  assert.is(blockwisePatch("a/x", "b/x", a, b), createTwoFilesPatch("a/x", "b/x", a, b, "", "", { context: 3 }));
});

test("identical texts: no patch", () => {
  const a = "services:\n" + yamlish(5, "a");
  assert.is(blockwisePatch("a/x", "b/x", a, a), "");
});

test("applied to the old text, the patch gives the new text (random edits)", () => {
  const line = fc.constantFrom(
    "services:\n",
    "  web:\n",
    "    image: x\n",
    "      A: 1\n",
    "      B: 2\n",
    "---\n",
    "\n",
    "kind: Deployment\n",
    "  api:\n",
    "        - name: X\n",
  );
  fc.assert(
    fc.property(
      fc.array(line, { maxLength: 60 }),
      fc.array(fc.tuple(fc.nat(60), fc.nat(3), fc.array(line, { maxLength: 4 })), { maxLength: 6 }),
      fc.constantFrom("", "end", "  tail"),
      fc.constantFrom("", "end", "x\n"),
      (base, edits, oldTail, newTail) => {
        const old = [...base];
        const now = [...base];
        for (const [at, remove, insert] of edits) now.splice(Math.min(at, now.length), remove, ...insert);
        const a = old.join("") + oldTail;
        const b = now.join("") + newTail;
        const patch = blockwisePatch("a/x", "b/x", a, b);
        assert.is(patch === "" ? a : applyPatch(a, patch), b);
      },
    ),
    { numRuns: 2000 },
  );
});

test.run();
