import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync } from "node:fs";
import { validate } from "../src/index.js";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { ROOT, listCases, readText } from "./helpers/corpus.js";
import { expectGolden } from "./helpers/golden.js";

// fixtures/invalid/<case>/*.yaml → golden/invalid/<case>/diagnostics.txt: the exact codes and positions a user sees.
for (const name of listCases(ROOT + "fixtures/invalid")) {
  test(`diagnostics for ${name}`, () => {
    const dir = `${ROOT}fixtures/invalid/${name}`;
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => ({ path: f, text: readText(`${dir}/${f}`) }));
    const { diagnostics } = validate({ sources });
    const text = formatDiagnostics(diagnostics, { format: "text" });
    expectGolden(`${ROOT}golden/invalid/${name}/diagnostics.txt`, text);
    if (name !== "proto-key")
      assert.ok(
        diagnostics.some((d) => d.severity === "error"),
        "an invalid fixture must produce an error",
      );
    for (const d of diagnostics) assert.ok(d.file, `${d.code} has a file`);
  });
}

test("a __proto__ key stays plain data and pollutes nothing", () => {
  const text = readText(`${ROOT}fixtures/invalid/proto-key/score.yaml`);
  const { workloads, diagnostics } = validate({ sources: [{ path: "score.yaml", text }] });
  assert.equal(diagnostics, []);
  const vars = workloads[0]!.spec.containers.web!.variables!;
  assert.is(Object.getOwnPropertyDescriptor(vars, "__proto__")?.value, "polluted");
  assert.is(Object.getPrototypeOf(vars), Object.prototype);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test.run();
