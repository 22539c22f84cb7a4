import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { evaluateString } from "../../../src/rules/expressions/template.js";
import { loadRules } from "../../../src/rules/load.js";
import { fcOptions } from "../../hostile/helpers.js";
import { HOSTILE_VALUES, hostileText } from "../../helpers/hostile-values.js";

const ctx = { resource: { uid: "x", params: { v: "it's", n: 3 } } };
const env = { seed: "s" };

function value(template: string): unknown {
  const r = evaluateString(template, ctx, env);
  if (!r.ok) throw new Error(r.message);
  return r.val.value;
}

test("sql.literal and sql.ident quote for PostgreSQL by default and for MySQL on request", () => {
  assert.is(value("${sql.literal(resource.params.v)}"), "'it''s'");
  assert.is(value("${sql.literal('a\\\\b')}"), "'a\\b'");
  assert.is(value("${sql.literal('a\\\\b\\'', 'mysql')}"), "'a\\\\b\\''");
  assert.is(value('${sql.ident(\'say "hi"\')}'), '"say ""hi"""');
  assert.is(value("${sql.ident('a`b', 'mysql')}"), "`a``b`");
  assert.is(value("${sql.literal(resource.params.n)}"), "'3'");
  // The mysql client drops a CR before a LF even inside quotes: MySQL literals spell both as escapes.
  const crlf = evaluateString("${sql.literal(resource.params.v, 'mysql')}", { resource: { params: { v: "a\r\nb\"\u001a" } } }, env);
  assert.ok(crlf.ok && crlf.val.value === "'a\\r\\nb\\\"\\Z'");
  assert.is(evaluateString("${sql.ident(resource.params.v, 'mysql')}", { resource: { params: { v: "a\rb" } } }, env).ok, false);
});

test("sql.like escapes the LIKE wildcards and the escape character", () => {
  assert.is(value("${sql.like('a_b%c\\\\d')}"), "a\\_b\\%c\\\\d");
  assert.is(value("${sql.ident(sql.like('db_1'), 'mysql')}"), "`db\\_1`");
});

test("shell.quote makes one single-quoted word", () => {
  assert.is(value("${shell.quote(resource.params.v)}"), "'it'\\''s'");
  assert.is(value("${shell.quote('')}"), "''");
});

test("quoting refuses NUL, lists, unknown dialects and empty identifiers; a secret stays secret", () => {
  for (const t of ["${shell.quote('a\\u0000b')}", "${sql.literal(['a'])}", "${sql.literal('a', 'oracle')}", "${sql.ident('')}"]) {
    const r = evaluateString(t.replace("\\u0000", "\u0000"), ctx, env);
    assert.is(r.ok, false, t);
  }
  const secret = evaluateString("${shell.quote(derive.password('x'))}", ctx, env);
  assert.ok(secret.ok && secret.val.secret);
});

test("rules check: an unknown dialect literal is reported when the table loads", () => {
  const text = `apiVersion: scorec.dev/v1alpha1
kind: Rules
rules:
  - id: r
    match: { type: postgres }
    outputs: { q: "\${sql.literal(resource.uid, 'oracle')}" }
`;
  const { diagnostics } = loadRules([{ path: "rules.yaml", text }]);
  assert.ok(diagnostics.some((d) => /dialect must be one of "postgres", "mysql"/.test(d.message)), JSON.stringify(diagnostics));
});

// What the shell reads back from the quoted word must be the value, byte for byte: one `sh -c` per batch prints each
// word with printf '%s\0', and the output is split on NUL.
function shellRoundTrip(values: readonly string[]): string[] {
  const words = values.map((v) => {
    const r = evaluateString("${shell.quote(resource.params.v)}", { resource: { params: { v } } }, env);
    if (!r.ok) throw new Error(r.message);
    return String(r.val.value);
  });
  const run = spawnSync("sh", ["-c", words.map((w) => `printf '%s\\0' ${w}`).join("\n")], { encoding: "buffer" });
  assert.is(run.status, 0, run.stderr.toString());
  const out = run.stdout.toString("utf8").split("\0");
  out.pop();
  return out;
}

test("shell.quote: sh reads back exactly the hostile values", () => {
  assert.equal(shellRoundTrip(HOSTILE_VALUES), [...HOSTILE_VALUES]);
});

test("shell.quote: sh reads back exactly any generated value (property)", () => {
  fc.assert(
    fc.property(fc.array(hostileText, { minLength: 1, maxLength: 40 }), (values) => {
      assert.equal(shellRoundTrip(values), values);
    }),
    fcOptions(25),
  );
});

test.run();
