import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse, parseAllDocuments } from "yaml";
import type { TargetName } from "../../src/model/resolved.js";
import { compile } from "../../src/index.js";
import { compileText, errorsAt, score } from "./helpers.js";

// Hostile values: characters that hide, names that only Score accepts, names that clash once generated, ports that
// collide, and strings that a YAML 1.1 reader (kubectl, Helm, Compose's Go YAML) would turn into something else.

const TARGETS: TargetName[] = ["compose", "kubernetes", "helm"];
const container = (body: string) => `  main:\n    image: nginx\n${body}`;

test("NUL, zero-width and bidi characters in variable names: SCORE_INVALID_CHARACTER at the key, every target", () => {
  for (const name of ["A\\0B", "A\\u200bB", "A\\u202eB", "A\\ufeffB", "A\\u2028B", "A\\x07B"]) {
    const text = score("web", container(`    variables:\n      "${name}": x\n`));
    for (const target of TARGETS) {
      const r = compileText(text, { target });
      assert.equal(errorsAt(r.diagnostics), [["SCORE_INVALID_CHARACTER", 8, 7]], `${name} ${target}`);
      assert.equal(r.files, []);
    }
  }
});

test("hidden characters in file and volume targets, NUL in values, command and args: located", () => {
  const cases: [string, number, number][] = [
    [`    files:\n      "/etc/a\\u200bb":\n        content: x\n`, 8, 7],
    [`    volumes:\n      "/data\\0":\n        source: vol\n`, 8, 7],
    [`    variables:\n      A: "x\\0y"\n`, 8, 10],
    [`    command: ["sh", "-c\\0"]\n`, 7, 21],
    [`    args:\n      - ok\n      - "a\\0"\n`, 9, 9],
  ];
  for (const [body, line, col] of cases) {
    assert.equal(
      errorsAt(compileText(score("web", container(body))).diagnostics),
      [["SCORE_INVALID_CHARACTER", line, col]],
      body,
    );
  }
  // A zero-width joiner inside a value is text (emoji), not a name: accepted.
  assert.equal(
    errorsAt(
      compileText(score("web", container(`    variables:\n      FAMILY: "\\U0001F468\\u200D\\U0001F469"\n`)))
        .diagnostics,
    ),
    [],
  );
});

test("newlines and spaces in image: SCORE_IMAGE_INVALID at the value (Compose used to emit a block scalar)", () => {
  for (const image of ['"nginx\\nprivileged: true"', '"nginx latest"', '"nginx\\t"']) {
    for (const target of TARGETS) {
      const r = compileText(score("web", `  main:\n    image: ${image}\n`), { target });
      assert.equal(errorsAt(r.diagnostics), [["SCORE_IMAGE_INVALID", 6, 12]], `${image} ${target}`);
    }
  }
});

test("every ASCII character, and some beyond, is judged by the Unicode classes the checks are defined by", () => {
  // The checks decide printable ASCII without those classes (a faster cold start): the same verdicts are required.
  const hidden = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
  const notInImage = /[\s\p{Cc}\p{Cf}]/u;
  const chars = [
    ...Array.from({ length: 128 }, (_, i) => i),
    0x85,
    0xa0,
    0xad,
    0x1680,
    0x200b,
    0x2028,
    0x3000,
    0xfeff,
  ].map((c) => String.fromCharCode(c));
  for (const ch of chars) {
    const escaped = JSON.stringify(ch).slice(1, -1);
    const name = compileText(score("web", container(`    variables:\n      "A${escaped}B": x\n`)), {
      target: "kubernetes",
    });
    assert.is(
      errorsAt(name.diagnostics).some(([code]) => code === "SCORE_INVALID_CHARACTER"),
      hidden.test(ch),
      `name with U+${ch.charCodeAt(0).toString(16)}`,
    );
    const image = compileText(score("web", `  main:\n    image: "nginx${escaped}"\n`), { target: "kubernetes" });
    assert.is(
      errorsAt(image.diagnostics).some(([code]) => code === "SCORE_IMAGE_INVALID"),
      notInImage.test(ch),
      `image with U+${ch.charCodeAt(0).toString(16)}`,
    );
  }
});

test("NUL and zero-width characters in Score names are refused by the schema, at the name", () => {
  assert.equal(errorsAt(compileText(score('"we\\u200bb"')).diagnostics), [["SCHEMA_PATTERN", 3, 9]]);
  assert.equal(
    errorsAt(compileText(score("web", '  "ma\\0in":\n    image: nginx\n')).diagnostics).map((d) => d[0]),
    ["SCHEMA_PATTERN"],
  );
  assert.equal(
    errorsAt(
      compileText(score("web", container(""), 'resources:\n  "d\\u200bb":\n    type: postgres\n')).diagnostics,
    )[0],
    ["SCHEMA_PATTERN", 8, 3],
  );
});

test("names valid in Score but not in Kubernetes: TARGET_INVALID_NAME at the name; Compose accepts them", () => {
  // A workload name starting with a digit is an RFC 1123 label (Score) but not an RFC 1035 one (Service names).
  const digit = score("1web", container(""), "service:\n  ports:\n    http:\n      port: 80\n");
  for (const target of ["kubernetes", "helm"] as const) {
    assert.equal(errorsAt(compileText(digit, { target }).diagnostics), [["TARGET_INVALID_NAME", 3, 9]], target);
  }
  assert.equal(errorsAt(compileText(digit).diagnostics), []);
  // A non-ASCII variable name: Score allows any name without "=", Kubernetes only printable ASCII.
  const umlaut = score("web", container(`    variables:\n      ÄPFEL: x\n`));
  assert.equal(errorsAt(compileText(umlaut, { target: "kubernetes" }).diagnostics), [["TARGET_INVALID_NAME", 8, 7]]);
  assert.equal(errorsAt(compileText(umlaut).diagnostics), []);
});

test("generated names that clash after joining: TARGET_NAME_COLLISION at the container (Compose WORKLOAD-CONTAINER)", () => {
  const sources = [
    { path: "ab-cd.yaml", text: score("ab-cd", "  ef:\n    image: nginx\n") },
    { path: "ab.yaml", text: score("ab", "  cd-ef:\n    image: redis\n") },
  ];
  const r = compile({ sources, seed: "s" });
  assert.equal(
    r.diagnostics.map((d) => [d.code, d.file, d.range?.start.line, d.range?.start.col]),
    [["TARGET_NAME_COLLISION", "ab-cd.yaml", 6, 5]],
  );
  assert.equal(r.files, []);
  // Kubernetes names objects by workload and hashes file/volume identities: the same pair compiles.
  assert.equal(errorsAt(compile({ sources, seed: "s", target: "kubernetes" }).diagnostics), []);
  // Two files declaring one workload name are a Score-level clash, at the second file's name.
  const twice = compile({
    sources: [
      { path: "a.yaml", text: score("web") },
      { path: "b.yaml", text: score("web") },
    ],
    seed: "s",
  });
  assert.equal(
    twice.diagnostics.map((d) => [d.code, d.file, d.range?.start.line]),
    [["SCORE_DUPLICATE_WORKLOAD", "b.yaml", 3]],
  );
});

test("file targets that sanitise to the same name keep distinct generated names (hashes of the identity)", () => {
  const text = score(
    "web",
    container(
      `    files:\n      "/etc/a b":\n        content: one\n      /etc/a_b:\n        content: two\n      "/etc/a:b":\n        content: three\n`,
    ),
  );
  const compose = parse(compileText(text).files[0]!.text) as { configs: Record<string, { content: string }> };
  assert.equal(
    Object.values(compose.configs)
      .map((c) => c.content)
      .sort(),
    ["one", "three", "two"],
  );
  const k8s = compileText(text, { target: "kubernetes" }).files[0]!.text;
  const names = [...k8s.matchAll(/^kind: ConfigMap\nmetadata:\n(?: {2}.*\n)*? {2}name: (.*)$/gm)].map((m) => m[1]);
  assert.is(new Set(names).size, 3, names.join(", "));
});

test("duplicate ports: TARGET_DUPLICATE_PORT at the second port for Kubernetes and Helm; same port, other protocol is fine", () => {
  const ports = (second: string) =>
    score("web", container(""), `service:\n  ports:\n    http:\n      port: 80\n    www:\n      port: 80\n${second}`);
  for (const target of ["kubernetes", "helm"] as const) {
    assert.equal(errorsAt(compileText(ports(""), { target }).diagnostics), [["TARGET_DUPLICATE_PORT", 11, 5]], target);
    assert.equal(errorsAt(compileText(ports("      protocol: UDP\n"), { target }).diagnostics), [], target);
  }
  // Compose publishes no service ports (as score-compose), so nothing collides there.
  assert.equal(errorsAt(compileText(ports("")).diagnostics), []);
  // Publishing one host port twice does collide in Compose.
  const twice = compileText(ports(""), { publish: ["8080:web:80", "8080:web:80"] });
  assert.ok(
    twice.diagnostics.some((d) => d.severity === "error"),
    "host port published twice",
  );
  assert.equal(twice.files, []);
});

const TRICKY = [
  "on",
  "off",
  "yes",
  "no",
  "y",
  "n",
  "Y",
  "N",
  "ON",
  "Off",
  "true",
  "False",
  "null",
  "~",
  "",
  "0755",
  "0o17",
  "0x1F",
  "1e3",
  "1_000",
  "+12",
  ".inf",
  "-.Inf",
  ".NaN",
  "1:20",
  "2001-12-14",
  "2001-12-14t21:59:43.10-05:00",
  "=",
  "<<",
  "- a",
  "a: b",
  "#x",
  "@x",
  "`x",
  "'q'",
  '"q"',
  "*x",
  "&x",
  "!x",
  "%x",
  "?",
  "|",
  ">",
  "{}",
  "[]",
  " lead",
  "trail ",
  "0",
  "-0",
  "00",
  "0.",
  "12e",
  "1.5",
  "E0",
  "e-5",
  "E5x",
];

test("the Norway problem on output: every tricky string reads back as the same string with a YAML 1.1 reader", () => {
  const vars = TRICKY.map((v, i) => `      V${String(i).padStart(2, "0")}: ${JSON.stringify(v)}\n`).join("");
  const keys = ["N", "Y", "on", "no", "y", "n", "E0"]
    .map((k) => `      ${JSON.stringify(k)}: ${JSON.stringify(k)}\n`)
    .join("");
  const text = score("web", container(`    variables:\n${vars}${keys}`));
  for (const target of TARGETS) {
    const r = compileText(text, { target });
    assert.equal(errorsAt(r.diagnostics), [], target);
    for (const version of ["1.1", "1.2"] as const) {
      const docs = r.files.flatMap((f) => parseAllDocuments(f.text, { version }).map((d) => d.toJS() as unknown));
      const env = collectEnv(docs);
      TRICKY.forEach((v, i) =>
        assert.is(env.get(`V${String(i).padStart(2, "0")}`), v, `${target} YAML ${version}: ${JSON.stringify(v)}`),
      );
      for (const k of ["N", "Y", "on", "no", "y", "n", "E0"])
        assert.is(env.get(k), k, `${target} YAML ${version}: key ${k}`);
    }
  }
});

test("the Norway problem in metadata, labels and annotations too", () => {
  const text = `apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n  annotations:\n    example.com/flag: "on"\n    example.com/mode: "0755"\ncontainers:\n${container("")}`;
  for (const target of ["kubernetes", "compose"] as const) {
    const r = compileText(text, { target });
    const docs = r.files.flatMap((f) => parseAllDocuments(f.text, { version: "1.1" }).map((d) => d.toJS() as unknown));
    const found = new Map<string, unknown>();
    walk(docs, (key, value) => {
      if (key === "example.com/flag" || key === "example.com/mode") found.set(key, value);
    });
    assert.equal(Object.fromEntries(found), { "example.com/flag": "on", "example.com/mode": "0755" }, target);
  }
});

// Environment variables of every container in a compose file, manifests or Helm values: name → value.
function collectEnv(docs: unknown[]): Map<string, unknown> {
  const env = new Map<string, unknown>();
  walk(docs, (key, value) => {
    if (key === "environment" && value && typeof value === "object" && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) env.set(k, v);
    if (key === "env" && Array.isArray(value))
      for (const e of value as { name: string; value?: unknown }[]) env.set(e.name, e.value ?? "");
  });
  return env;
}

function walk(value: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      walk(v, visit);
    }
  }
}

test.run();
