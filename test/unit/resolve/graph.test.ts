import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { topologicalOrder } from "../../../src/resolve/graph.js";
import { corpusPath, readText } from "../../helpers/corpus.js";

interface OrderCase {
  name: string;
  resources: Record<string, { type: string; params?: Record<string, string> }>;
  order?: string[];
  error?: string;
}

// score-go framework/state_test.go TestGetSortedResourceUids, vendored in the corpus.
const vectors = parse(readText(corpusPath("score-go", "unit", "resource-order.yaml"))) as { cases: OrderCase[] };

for (const c of vectors.cases) {
  test(`score-go resource order: ${c.name}`, () => {
    const uid = (name: string) => `thing.default#eg.${name}`;
    const nodes = Object.keys(c.resources).map(uid);
    const deps = new Map<string, string[]>();
    for (const [name, r] of Object.entries(c.resources)) {
      const text = JSON.stringify(r.params ?? {});
      deps.set(
        uid(name),
        [...text.matchAll(/\$\{resources\.([a-z0-9]+)\./g)].map((m) => uid(m[1]!)),
      );
    }
    const result = topologicalOrder(nodes, deps);
    if (c.error) assert.ok("cycle" in result, "expected a cycle");
    else assert.equal(result, { order: c.order });
  });
}

test("a cycle comes back as a closed path", () => {
  const deps = new Map([
    ["a", ["b"]],
    ["b", ["c"]],
    ["c", ["a"]],
    ["d", []],
  ]);
  assert.equal(topologicalOrder(["a", "b", "c", "d"], deps), { cycle: ["a", "b", "c", "a"] });
});

test.run();
