import { test } from "uvu";
import * as assert from "uvu/assert";
import { compile, renderGraph } from "../src/index.js";
import type { TargetName } from "../src/model/resolved.js";
import { expectGolden } from "./helpers/golden.js";
import { ROOT } from "./helpers/corpus.js";
import { fixtureInput, readFixture } from "./helpers/fixture-input.js";

// `scorec graph` output for fixtures that exercise its edges: golden/graph/<fixture>.<target>.{mmd,dot}.
const CASES: { suite: string; name: string; target: TargetName }[] = [
  // scoreA's service-port names workload B: a dashed workload → workload edge.
  { suite: "compose", name: "08-service-port-resource", target: "compose" },
  { suite: "compose", name: "08-service-port-resource", target: "kubernetes" },
];

for (const c of CASES) {
  test(`graph golden ${c.name} (${c.target})`, () => {
    const input = fixtureInput(readFixture(`${ROOT}fixtures/${c.suite}/${c.name}`, c.name), c.target);
    const r = compile({ ...input, target: c.target });
    if (!r.app) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
    const mermaid = renderGraph(r.app, "mermaid");
    expectGolden(`${ROOT}golden/graph/${c.name}.${c.target}.mmd`, mermaid);
    expectGolden(`${ROOT}golden/graph/${c.name}.${c.target}.dot`, renderGraph(r.app, "dot"));
    assert.match(mermaid, /-\.->\|/, "a workload → workload edge is drawn");
  });
}

test.run();
