import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseTemplate } from "../../../src/rules/expressions/parse.js";
import { evaluateString, evaluateTemplate } from "../../../src/rules/expressions/template.js";
import { LazyMap, Tagged } from "../../../src/rules/expressions/value.js";
import { derivePassword, hash8, slug } from "../../../src/rules/derive.js";

const env = { seed: "s1" };
const ctx = {
  resource: { type: "postgres", uid: "postgres.default#api.db", params: { size: 3, tags: ["a", "b"], name: "x" } },
  environment: { id: "prod-eu", type: "production", labels: { "topology.io/zone": "eu-1" } },
  workloads: { api: { ports: { web: { port: 80, targetPort: 8080 } } } },
  secrets: new LazyMap(() => ["password"], (k) => (k === "password" ? { ok: true, val: { value: "hunter2", secret: true } } : undefined)),
  deps: { db: { host: "h", password: new Tagged("pw", true) } },
};

function value(s: string): unknown {
  const r = evaluateString(s, ctx, env);
  if (!r.ok) throw new Error(r.message);
  return r.val.value;
}

test("a lone expression keeps its type; mixed text is joined", () => {
  assert.is(value("${resource.params.size}"), 3);
  assert.equal(value("${resource.params.tags}"), ["a", "b"]);
  assert.is(value("n-${resource.params.size}"), "n-3");
  assert.is(value("${string(resource.params.tags)}!"), '["a","b"]!');
  assert.is(value(" ${resource.params.size}"), " 3");
});

test("a map or list inside text is an error with a hint, never JSON-encoded silently", () => {
  const list = evaluateString("${resource.params.tags}!", ctx, env);
  assert.ok(!list.ok && list.message.includes("is a list, which cannot be part of text") && list.hint?.includes("join(resource.params.tags, SEPARATOR)"));
  const map = evaluateString("redis-${environment.labels}.cache", ctx, env);
  assert.ok(!map.ok && map.message === "${environment.labels} is a map (keys topology.io/zone), which cannot be part of text" && map.hint?.startsWith("read one key (environment.labels.topology.io/zone)"));
  assert.is(value("${join(resource.params.tags, '-')}!"), "a-b!");
});

test("concat joins text inside a function argument", () => {
  assert.is(value("${slug(concat('Acme ', environment.id, '-', resource.params.size))}"), "acme-prod-eu-3");
  assert.is(value("${concat('a', true, 1)}"), "atrue1");
  const bad = evaluateString("${concat('a', resource.params.tags)}", ctx, env);
  assert.ok(!bad.ok && bad.message.includes("concat joins text, numbers and booleans, got a list"));
  const secret = evaluateString("${concat('p-', secrets.password)}", ctx, env);
  assert.ok(secret.ok && secret.val.secret);
});

test("$${ is a literal ${ and other dollars stay", () => {
  assert.is(value("$${HOME} $x $$"), "${HOME} $x $$");
});

test("brackets index with computed keys and quoted keys", () => {
  assert.is(value("${workloads['api'].ports.web.targetPort}"), 8080);
  assert.is(value("${environment.labels['topology.io/zone']}"), "eu-1");
  assert.is(value("${resource.params.tags[1]}"), "b");
  assert.is(value("${resource.params.tags.0}"), "a");
});

test("unknown paths are errors naming what exists", () => {
  const r = evaluateString("x-${resource.params.nope}", ctx, env);
  assert.is(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /resource\.params has no key "nope"; it has name, size, tags/);
    assert.equal(r.span, { offset: 2, length: 23 });
  }
  const root = evaluateString("${nothing.here}", ctx, env);
  assert.is(root.ok, false);
  if (!root.ok) assert.match(root.message, /unknown name "nothing"/);
});

test("default() takes the fallback for missing keys and null only", () => {
  assert.is(value("${default(resource.params.nope, 'fb')}"), "fb");
  assert.is(value("${default(resource.params.name, 'fb')}"), "x");
  assert.is(value("${default(null, 5)}"), 5);
});

test("functions: slug, hash8, lower, upper, join, string", () => {
  assert.is(value("${slug(resource.uid)}"), "postgres-default-api-db");
  assert.is(value("${hash8(resource.uid)}"), hash8("postgres.default#api.db"));
  assert.is(hash8("abc"), "ba7816bf");
  assert.is(value("${upper(environment.id)}"), "PROD-EU");
  assert.is(value("${lower('AbC')}"), "abc");
  assert.is(value("${join(resource.params.tags, '+')}"), "a+b");
  assert.is(value("${string(resource.params.size)}"), "3");
  assert.is(slug("x".repeat(80)).length, 63);
  assert.is(slug("--Hello, World!--"), "hello-world");
});

test("syntax errors carry the offset inside the string", () => {
  const p = parseTemplate("ab ${resource.(x}");
  assert.ok("problem" in p);
  const q = parseTemplate("a ${oops");
  assert.ok("problem" in q && q.problem.start === 2);
  const f = parseTemplate("${nofn(1)}");
  assert.ok("problem" in f && /unknown function nofn/.test(f.problem.message));
  const e = parseTemplate("${}");
  assert.ok("problem" in e && /empty expression/.test(e.problem.message));
});

test("hostile nesting is a syntax error, not a stack overflow", () => {
  const deep = parseTemplate("${" + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "}");
  assert.ok("problem" in deep && /nests deeper/.test(deep.problem.message));
  const lists = parseTemplate("${" + "[".repeat(5000) + "}");
  assert.ok("problem" in lists);
});

test("a closing brace inside a quoted string does not end the expression", () => {
  assert.is(value("${default(resource.params.nope, '}')}"), "}");
});

test("secrets taint everything interpolated from them", () => {
  const r = evaluateString("postgres://u:${secrets.password}@${deps.db.host}", ctx, env);
  assert.ok(r.ok && r.val.secret);
  if (r.ok) assert.equal(r.val.segments, [{ text: "postgres://u:", secret: false }, { text: "hunter2", secret: true }, { text: "@h", secret: false }]);
  const d = evaluateString("${deps.db.password}", ctx, env);
  assert.ok(d.ok && d.val.secret && d.val.value === "pw");
  const plainHost = evaluateString("${deps.db.host}", ctx, env);
  assert.ok(plainHost.ok && !plainHost.val.secret);
  const whole = evaluateString("${deps.db}", ctx, env);
  assert.ok(whole.ok && whole.val.secret);
  const hashed = evaluateString("${hash8(secrets.password)}", ctx, env);
  assert.ok(hashed.ok && hashed.val.secret);
});

test("derive.password is deterministic, seed-dependent, [A-Za-z0-9]{32} by default", () => {
  const a = evaluateString("${derive.password(resource.uid)}", ctx, { seed: "one" });
  const b = evaluateString("${derive.password(resource.uid)}", ctx, { seed: "one" });
  const c = evaluateString("${derive.password(resource.uid)}", ctx, { seed: "two" });
  assert.ok(a.ok && b.ok && c.ok);
  if (a.ok && b.ok && c.ok) {
    assert.is(a.val.value, b.val.value);
    assert.is.not(a.val.value, c.val.value);
    assert.match(String(a.val.value), /^[A-Za-z0-9]{32}$/);
    assert.ok(a.val.secret);
  }
  assert.is(String(value("${derive.password('x', 12)}")).length, 12);
  assert.is(derivePassword("seed", ["a", "b"], 100).length, 100);
  assert.is.not(derivePassword("seed", ["a", "b"]), derivePassword("seed", ["ab"]));
  let used = 0;
  evaluateString("${derive.password('x')}", ctx, { seed: "s", onDerive: () => used++ });
  assert.is(used, 1);
});

test("interpolate() yields a verbatim ${NAME} piece", () => {
  const r = evaluateString("x=${interpolate('DB_URL')}", ctx, env);
  assert.ok(r.ok);
  if (r.ok) {
    assert.is(r.val.value, "x=${DB_URL}");
    assert.equal(r.val.segments, [{ text: "x=", secret: false }, { text: "${DB_URL}", secret: false, verbatim: true }]);
  }
  assert.is(evaluateString("${interpolate('no way')}", ctx, env).ok, false);
  for (const target of ["kubernetes", "helm"]) {
    const r = evaluateString("${interpolate('DB_URL')}", { ...ctx, target }, env);
    assert.ok(!r.ok && r.message.includes(`${target} has no such thing`) && r.hint?.includes("secretRef(name, key)"), target);
  }
  assert.ok(evaluateString("${interpolate('DB_URL')}", { ...ctx, target: "compose" }, env).ok);
});

test("templates: keys are evaluated, secret pointers follow evaluated keys", () => {
  const r = evaluateTemplate({ "svc-${resource.params.name}": { environment: { PW: "${secrets.password}", U: "u" }, list: ["${deps.db}"] } }, ctx, env);
  assert.equal(r.problems, []);
  assert.equal(r.value, { "svc-x": { environment: { PW: "hunter2", U: "u" }, list: [{ host: "h", password: "pw" }] } });
  assert.equal(r.secretPointers, ["/svc-x/environment/PW", "/svc-x/list/0/host", "/svc-x/list/0/password"]);
  const leak = evaluateTemplate({ "${secrets.password}": 1 }, ctx, env);
  assert.is(leak.problems[0]?.code, "RULES_SECRET_LEAK");
  const bad = evaluateTemplate({ a: { b: "${resource.nope}" } }, ctx, env);
  assert.equal(bad.problems[0]?.path, ["a", "b"]);
});

test.run();
