import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import * as assert from "uvu/assert";

/** True when the run should rewrite golden files instead of comparing (UPDATE_GOLDEN=1). */
export const UPDATING = process.env.UPDATE_GOLDEN === "1";

/**
 * Compares `actual` with the golden file at `path` (absolute). With UPDATE_GOLDEN=1 it rewrites the file instead;
 * a missing golden fails with a hint. Review every golden change in the diff like code.
 */
export function expectGolden(path: string, actual: string): void {
  if (UPDATING) {
    mkdirSync(dirname(path), { recursive: true });
    const before = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (before !== actual) writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path))
    assert.unreachable(`missing golden file ${path}; run with UPDATE_GOLDEN=1 to create it, then review it`);
  assert.fixture(actual, readFileSync(path, "utf8"), `golden ${path} differs (UPDATE_GOLDEN=1 regenerates it)`);
}
