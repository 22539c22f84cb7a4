import { test } from "uvu";
import * as assert from "uvu/assert";
import { composeProblems } from "./compose-validator.js";

// The validator must be able to fail, or the golden checks prove nothing.
test("a valid compose file passes", () => {
  assert.equal(
    composeProblems("name: p\nservices:\n  a:\n    image: x\n    volumes:\n      - data:/d\nvolumes:\n  data: {}\n"),
    [],
  );
});

test("schema violations are reported", () => {
  assert.ok(composeProblems("services:\n  a:\n    imagee: x\n").length > 0);
  assert.ok(
    composeProblems("services:\n  a:\n    image: x\n    depends_on:\n      b:\n        condition: later\n").length > 0,
  );
});

test("YAML 1.1 readings count: an unquoted on is a boolean, not the string a field needs", () => {
  assert.ok(composeProblems("services:\n  a:\n    image: on\n").length > 0);
});

test("consistency problems are reported", () => {
  assert.ok(
    composeProblems("services:\n  a:\n    image: x\n    depends_on: [b]\n").some((p) =>
      p.startsWith("TARGET_UNDEFINED_REFERENCE"),
    ),
  );
});

test.run();
