import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../../src/cli/main.js";
import { defaultAppId } from "../../../src/node/inputs.js";
import { memoryIO } from "../../helpers/memory-io.js";

// The default app id depends on the inputs only: the name of the deepest folder holding every Score file.

const score = (name: string) =>
  `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\ncontainers:\n  main:\n    image: nginx\n`;
const FILES = {
  "/repo/shop/services/orders/score.yaml": score("orders"),
  "/repo/shop/services/billing/score.yaml": score("billing"),
};

test("services/*/score.yaml: the same app id (and the same bytes) from three working directories", async () => {
  const runs = [
    { cwd: "/repo/shop", files: ["services/orders/score.yaml", "services/billing/score.yaml"] },
    { cwd: "/repo/shop/services/orders", files: ["score.yaml", "../billing/score.yaml"] },
    { cwd: "/", files: ["repo/shop/services/orders/score.yaml", "repo/shop/services/billing/score.yaml"] },
  ];
  const outputs: string[] = [];
  for (const r of runs) {
    const io = memoryIO(FILES, { cwd: r.cwd });
    assert.is(
      await run(["compile", ...r.files, "-t", "kubernetes", "--seed", "s", "-o", "/out/manifests.yaml"], io),
      0,
      io.stderrText(),
    );
    outputs.push(io.fileText("/out/manifests.yaml")!);
  }
  assert.match(outputs[0]!, /app\.kubernetes\.io\/part-of: services$/m);
  assert.is(outputs[1], outputs[0]);
  assert.is(outputs[2], outputs[0]);
});

test("the rule: deepest common folder, cleaned like a Compose project name; the root gives 'app'", () => {
  assert.is(defaultAppId("/anywhere", ["/repo/My Shop/score.yaml"]), "my-shop");
  assert.is(defaultAppId("/repo", ["a/x/score.yaml", "a/y/z/score.yaml"]), "a");
  assert.is(defaultAppId("/repo/a", ["score.yaml", "./score.yaml"]), "a");
  assert.is(defaultAppId("/", ["/a/score.yaml", "/b/score.yaml"]), "app");
  assert.is(defaultAppId("/repo/x", ["../Shop_1/score.yaml"]), "shop_1");
});

test("--app wins over the default", async () => {
  const io = memoryIO(FILES, { cwd: "/repo/shop" });
  await run(["compile", "services/orders/score.yaml", "--app", "storefront", "--seed", "s", "-o", "-"], io);
  assert.match(io.stdoutText(), /^name: storefront$/m);
});

test.run();
