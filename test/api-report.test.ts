import { test } from "uvu";
import * as assert from "uvu/assert";
import { apiDocProblems, buildApiReport } from "../scripts/api-report-lib.js";
import { ROOT } from "./helpers/corpus.js";
import { expectGolden } from "./helpers/golden.js";

// The public API is reviewed as a diff: changing an export without regenerating the report fails here.
test("the public API report is current (npm run api:report regenerates it)", () => {
  expectGolden(ROOT + "golden/api/public-api.txt", buildApiReport(ROOT));
});

test("every export is documented, and every exported function has an example", () => {
  assert.equal(apiDocProblems(ROOT), []);
});

test.run();
