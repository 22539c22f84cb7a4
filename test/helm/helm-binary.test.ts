import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import * as assert from "uvu/assert";
import { HELM, helm, helmSuite } from "./chart.js";
import { HELM_CACHE, HELM_SOURCE } from "./helm-binary.js";

const test = helmSuite("helm binary");

test("the cached helm binary is the pinned one, executable, outside the repository's tracked files", () => {
  assert.ok(HELM.ok);
  if (!HELM.ok) return;
  assert.ok(HELM.path.startsWith(HELM_CACHE));
  assert.ok(HELM.path.includes("/node_modules/"));
  assert.is(createHash("sha256").update(readFileSync(HELM.path)).digest("hex"), HELM_SOURCE.binarySha256);
  assert.is(statSync(HELM.path).mode & 0o111, 0o111);
});

test("helm reports the pinned version", () => {
  const result = helm(["version", "--short"]);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`^${HELM_SOURCE.version.replace(/\./g, "\\.")}\\+g`));
});

test.run();
