import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { checkRules, compile } from "../../src/index.js";
import { ROOT } from "../helpers/corpus.js";

// The rules tables of docs/secrets.md must be what they claim: they check clean, compile for production without a
// seed in every target, and put no Secret object and no secret value in the output.
const doc = readFileSync(join(ROOT, "docs/secrets.md"), "utf8");
const tables = [...doc.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)]
  .map((m) => m[1]!)
  .filter((t) => t.includes("kind: Rules"));

const SCORE = `apiVersion: score.dev/v1b1
metadata: { name: orders }
containers:
  api:
    image: ghcr.io/example/orders:1
    variables:
      DATABASE_URL: postgres://\${resources.db.username}:\${resources.db.password}@\${resources.db.host}:\${resources.db.port}/\${resources.db.name}
      DB_PASSWORD: \${resources.db.password}
resources:
  db: { type: postgres, id: orders-db }
`;

test("docs/secrets.md has the two production tables", () => {
  assert.is(tables.length, 2);
});

tables.forEach((table, i) => {
  test(`docs/secrets.md table ${i + 1}: checks clean, compiles for production without a seed, emits no Secret`, () => {
    assert.equal(
      checkRules([{ path: "rules.yaml", text: table }]).diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    for (const target of ["compose", "kubernetes", "helm"] as const) {
      const r = compile({
        sources: [{ path: "score.yaml", text: SCORE }],
        rules: [{ path: "rules.yaml", text: table }],
        target,
        environment: "production",
      });
      assert.equal(
        r.diagnostics.filter((d) => d.severity === "error"),
        [],
        target,
      );
      assert.equal(r.secrets, []);
      const text = r.files.map((f) => f.text).join("\n");
      if (target === "compose") assert.match(text, /\$\{SCOREC_SECRET_ORDERS_DB_PASSWORD:\?/);
      else {
        assert.match(text, /secretKeyRef:\n\s+(key: password\n\s+name: orders-db|name: orders-db\n\s+key: password)/);
        if (target === "kubernetes")
          assert.not.ok(
            r.files
              .flatMap((f) => parseAllDocuments(f.text).map((d) => (d.toJS() as { kind?: string }).kind))
              .includes("Secret"),
          );
        if (table.includes("ExternalSecret")) assert.match(text, /kind: ExternalSecret/);
      }
    }
  });
});

test.run();
