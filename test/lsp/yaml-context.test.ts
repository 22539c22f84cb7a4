import { test } from "uvu";
import * as assert from "uvu/assert";
import { keyContextAt, placeholderAt, scoreOutline } from "../../src/lsp/yaml-context.js";

// Where the cursor is in a Score file, read from text that may not parse yet. `|` marks the cursor.

function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf("|");
  return { text: textWithCursor.replace("|", ""), offset };
}

test("key paths: mappings, sequence items on the cursor's line and above, values after key:", () => {
  const cases: [string, string[], string | undefined, string][] = [
    ["ap|", [], undefined, "ap"],
    ["containers:\n  web:\n    re|", ["containers", "web"], undefined, "re"],
    ["containers:\n  web:\n    image: nginx\n\n    # a comment\n    va|", ["containers", "web"], undefined, "va"],
    ["resources:\n  db:\n    type: po|", ["resources", "db"], "type", "po"],
    [
      "containers:\n  web:\n    readinessProbe:\n      httpGet:\n        httpHeaders:\n          - name: x\n            va|",
      ["containers", "web", "readinessProbe", "httpGet", "httpHeaders", "-"],
      undefined,
      "va",
    ],
    [
      "containers:\n  web:\n    readinessProbe:\n      httpGet:\n        httpHeaders:\n          - na|",
      ["containers", "web", "readinessProbe", "httpGet", "httpHeaders", "-"],
      undefined,
      "na",
    ],
    ["a:\n  - b:\n      c|", ["a", "-", "b"], undefined, "c"],
  ];
  for (const [source, path, key, prefix] of cases) {
    const { text, offset } = at(source);
    const ctx = keyContextAt(text, offset);
    assert.equal(ctx.path, path, source);
    assert.is(ctx.key, key, source);
    assert.is(ctx.prefix, prefix, source);
    assert.is(text.slice(ctx.prefixStart, offset), prefix, source);
  }
});

test("placeholders: the one around the cursor, open or closed; escapes and closed ones before the cursor are not", () => {
  const open = at("X: a ${resources.db.|");
  assert.equal(placeholderAt(open.text, open.offset), {
    start: 5,
    refStart: 7,
    end: -1,
    ref: "resources.db.",
    typed: "resources.db.",
  });
  const closed = at("X: ${resources.d|b.host} ${metadata.name}");
  assert.equal(placeholderAt(closed.text, closed.offset), {
    start: 3,
    refStart: 5,
    end: 22,
    ref: "resources.db.host",
    typed: "resources.d",
  });
  const escaped = at("X: $${resources.d|b.host}");
  assert.is(placeholderAt(escaped.text, escaped.offset), undefined);
  const after = at("X: ${a.b} |");
  assert.is(placeholderAt(after.text, after.offset), undefined);
  const nextLine = at("X: ${a.\nY: |");
  assert.is(placeholderAt(nextLine.text, nextLine.offset), undefined);
});

test("outline: workload name, metadata keys and resources, also from a file with YAML errors", () => {
  const o = scoreOutline(
    "apiVersion: score.dev/v1b1\nmetadata:\n  name: shop\n  team: web\ncontainers:\n  web:\n    image: [nginx\nresources:\n  db:\n    type: postgres\n",
  );
  assert.is(o.workload, "shop");
  assert.equal([...o.metadataKeys.keys()], ["name", "team"]);
  assert.equal(
    o.resources.map((r) => [r.name, r.type]),
    [["db", "postgres"]],
  );
});

test.run();
