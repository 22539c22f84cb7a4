import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { parseAllDocuments, stringify } from "yaml";
import { compile } from "../../src/index.js";
import type { CompileResult } from "../../src/index.js";
import { composeSecretVariable } from "../../src/rules/secret-ref.js";
import { DIAGNOSTIC_CODES } from "../../src/diagnostics/codes.js";
import type { TargetName } from "../../src/model/resolved.js";
import { toYaml, toYamlDocuments } from "../../src/targets/shared/serialize.js";
import { fcOptions } from "./helpers.js";

// Property-based tests: random Score-shaped documents and random YAML only ever produce diagnostics (never an
// exception); output is deterministic, independent of key order and file order; our own output reads back the same
// with YAML 1.1 and 1.2 readers and re-serialises to the same bytes. `npm test` runs a few dozen cases per property;
// FC_RUNS=100000 runs the long mode (FC_SEED picks another seed, FC_ONLY=random picks properties by name).

const TARGETS: TargetName[] = ["compose", "kubernetes", "helm"];

// FC_ONLY=text runs only the properties whose name holds it (to split a long run over several processes).
const property = (name: string, run: () => void) =>
  process.env.FC_ONLY && !name.includes(process.env.FC_ONLY) ? test.skip(name, run) : test(name, run);
const KNOWN_CODES = new Set(Object.keys(DIAGNOSTIC_CODES));

// ---------- arbitraries ----------

const label = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/) },
  { weight: 1, arbitrary: fc.constantFrom("a", "1web", "-x", "UPPER", "web_1", "a".repeat(64), "we\u200bb", "") },
);
const tricky = fc.constantFrom(
  "on",
  "no",
  "0755",
  "~",
  "null",
  "1e3",
  "$",
  "$$",
  "${",
  "}",
  "$(X)",
  "${metadata.name}",
  "$${x}",
  "\n",
  "\t",
  "é",
  "\u200b",
  "\u0000",
  ":",
  "- ",
  "#",
  "'",
  '"',
  "\\",
  "{{ .Values }}",
);
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.array(tricky, { maxLength: 4 }).map((a) => a.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
);
const resourceType = fc.constantFrom(
  "postgres",
  "redis",
  "mysql",
  "mongodb",
  "s3",
  "amqp",
  "kafka-topic",
  "dns",
  "route",
  "volume",
  "environment",
  "service-port",
  "elasticsearch",
  "mssql",
  "unknown-type",
);
const placeholder = fc.oneof(
  fc.constantFrom(
    "${metadata.name}",
    "${metadata.annotations.x}",
    "${resources.db.host}",
    "${resources.db.port}",
    "${resources.db.password}",
    "${resources.db}",
    "${resources.nope.x}",
    "${bad}",
    "${}",
    "$${resources.db.host}",
  ),
  fc.tuple(label, label).map(([r, k]) => `\${resources.${r}.${k}}`),
);
const value = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 2, arbitrary: placeholder },
  { weight: 1, arbitrary: fc.tuple(text, placeholder, text).map((p) => p.join("")) },
);
const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    value,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("node"), { maxLength: 3 }),
    fc.dictionary(text, tie("node"), { maxKeys: 3 }),
  ),
})).node;

const probe = fc.oneof(
  fc.record({
    httpGet: fc.record({ path: text, port: fc.integer({ min: 0, max: 70000 }) }, { requiredKeys: ["port"] }),
  }),
  fc.record({ exec: fc.record({ command: fc.array(text, { maxLength: 3 }) }) }),
  fc.constant({}),
);

const container = fc.record(
  {
    image: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom("nginx", "redis:7", "ghcr.io/x/y@sha256:" + "a".repeat(64), ".") },
      { weight: 1, arbitrary: text },
    ),
    command: fc.array(text, { maxLength: 3 }),
    args: fc.array(value, { maxLength: 3 }),
    variables: fc.dictionary(fc.oneof(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}$/), text), value, { maxKeys: 4 }),
    files: fc.dictionary(
      fc.oneof(fc.stringMatching(/^\/[a-z]{1,5}(\/[a-z.]{1,5}){0,2}$/), text),
      fc.oneof(
        fc.record(
          { content: value, mode: fc.constantFrom("0644", "600", "999", "rw"), noExpand: fc.boolean() },
          { requiredKeys: ["content"] },
        ),
        fc.record({ binaryContent: fc.constantFrom("aGVsbG8=", "not base64!", "") }),
        fc.record({ source: fc.constantFrom("x.txt", "../x", "/etc/passwd", ".") }),
        fc.record({ content: value, source: fc.constant("x.txt") }),
      ),
      { maxKeys: 3 },
    ),
    volumes: fc.dictionary(
      fc.stringMatching(/^\/[a-z]{1,6}$/),
      fc.record(
        { source: fc.oneof(fc.constant("${resources.db}"), placeholder, label), readOnly: fc.boolean(), path: text },
        { requiredKeys: ["source"] },
      ),
      { maxKeys: 2 },
    ),
    resources: fc.record(
      {
        limits: fc.record(
          { cpu: fc.constantFrom("1", "250m", "0.5", "", "m"), memory: fc.constantFrom("1Gi", "128M", "0.5G", "lots") },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
    livenessProbe: probe,
    readinessProbe: probe,
    before: fc.dictionary(label, fc.record({ ready: fc.constantFrom("started", "healthy", "complete", "never") }), {
      maxKeys: 2,
    }),
  },
  { requiredKeys: ["image"] },
);

const resource = fc.record(
  {
    type: resourceType,
    class: fc.constantFrom("default", "large", "Bad Class"),
    id: fc.constantFrom("shared", "a.b", "-bad"),
    params: fc.dictionary(text, jsonish, { maxKeys: 3 }),
    metadata: fc.record({ annotations: fc.dictionary(text, text, { maxKeys: 2 }) }),
  },
  { requiredKeys: ["type"] },
);

/** A Score-shaped document: usually close to valid, with every field open to hostile values. */
const workload = fc.record(
  {
    apiVersion: fc.constantFrom("score.dev/v1b1", "score.dev/v1b1", "score.dev/v1b1", "score.dev/v2", 1),
    metadata: fc.record(
      {
        name: label,
        annotations: fc.dictionary(fc.constantFrom("a.io/x", "bad key", "ok"), text, { maxKeys: 2 }),
        extra: jsonish,
      },
      { requiredKeys: ["name"] },
    ),
    service: fc.record({
      ports: fc.dictionary(
        label,
        fc.record(
          {
            port: fc.integer({ min: -1, max: 70000 }),
            targetPort: fc.integer({ min: 0, max: 70000 }),
            protocol: fc.constantFrom("TCP", "UDP", "SCTP"),
          },
          { requiredKeys: ["port"] },
        ),
        { maxKeys: 3 },
      ),
    }),
    containers: fc.dictionary(label, container, { minKeys: 1, maxKeys: 3 }),
    resources: fc.dictionary(fc.oneof(fc.constant("db"), label), resource, { maxKeys: 3 }),
  },
  { requiredKeys: ["apiVersion", "metadata", "containers"] },
);

/**
 * A Score document that passes validation most of the time, so that resolution and the targets see random but
 * meaningful input: default resource types, placeholders to their outputs, `$` and YAML-tricky values.
 */
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}$/);
const safeText = fc.oneof(
  fc.string({ maxLength: 10 }).map((t) => t.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "")),
  tricky.filter((t) => !/[\u0000\t\n]/.test(t)),
);
const outputRef = fc.constantFrom(
  "${resources.db.host}",
  "${resources.db.port}",
  "${resources.db.password}",
  "${resources.db.username}",
  "${metadata.name}",
  "${resources.dns.host}",
  "$${literal}",
  "$$",
);
const safeValue = fc.array(fc.oneof(safeText, outputRef), { maxLength: 3 }).map((a) => a.join(""));
const wellFormedContainer = fc.record(
  {
    image: fc.constantFrom("nginx", "redis:7", "ghcr.io/x/y:1.0"),
    command: fc.array(safeText, { maxLength: 2 }),
    args: fc.array(safeText, { maxLength: 2 }),
    variables: fc.dictionary(envName, safeValue, { maxKeys: 4 }),
    files: fc.dictionary(
      fc.stringMatching(/^\/[a-z]{1,5}\/[a-z]{1,5}\.(conf|txt)$/),
      fc.record({ content: safeValue, noExpand: fc.boolean() }, { requiredKeys: ["content"] }),
      { maxKeys: 2 },
    ),
    volumes: fc.dictionary(
      fc.stringMatching(/^\/[a-z]{2,6}$/),
      fc.record({ source: fc.constant("${resources.vol}"), readOnly: fc.boolean() }, { requiredKeys: ["source"] }),
      { maxKeys: 1 },
    ),
    livenessProbe: fc.record({
      httpGet: fc.record({ path: fc.constant("/health"), port: fc.integer({ min: 1, max: 65535 }) }),
    }),
  },
  { requiredKeys: ["image"] },
);
const wellFormed = fc.record(
  {
    apiVersion: fc.constant("score.dev/v1b1"),
    metadata: fc.record(
      {
        name: fc.stringMatching(/^[a-z][a-z0-9]{1,8}$/),
        annotations: fc.dictionary(fc.constantFrom("example.com/team", "bb.io/flag"), safeText, { maxKeys: 2 }),
      },
      { requiredKeys: ["name"] },
    ),
    service: fc.record({
      ports: fc.dictionary(
        fc.stringMatching(/^[a-z]{2,6}$/),
        fc.record(
          { port: fc.integer({ min: 1, max: 65535 }), protocol: fc.constantFrom("TCP", "UDP") },
          { requiredKeys: ["port"] },
        ),
        { maxKeys: 2 },
      ),
    }),
    containers: fc.dictionary(fc.stringMatching(/^[a-z]{2,6}$/), wellFormedContainer, { minKeys: 1, maxKeys: 2 }),
    resources: fc.record({
      db: fc.record(
        {
          type: fc.constantFrom("postgres", "redis", "mysql", "mongodb", "amqp", "s3", "mssql", "elasticsearch"),
          id: fc.constantFrom("shared-db", "other-db"),
        },
        { requiredKeys: ["type"] },
      ),
      dns: fc.constant({ type: "dns" }),
      vol: fc.constant({ type: "volume" }),
    }),
  },
  { requiredKeys: ["apiVersion", "metadata", "containers", "resources"] },
);

// ---------- checks ----------

/** The compile must return diagnostics, never throw; output only without errors; every code is catalogued. */
function compileChecked(sources: { path: string; text: string }[], target: TargetName): CompileResult {
  let result: CompileResult;
  try {
    result = compile({ sources, target, seed: "properties", readFile: () => ({ error: "no files here" }) });
  } catch (e) {
    throw new Error(
      `compile threw: ${(e as Error).stack}\n--- input ---\n${sources.map((s) => s.text).join("\n---\n")}`,
      { cause: e },
    );
  }
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) assert.equal(result.files, [], "no output with errors");
  for (const d of result.diagnostics) {
    assert.ok(KNOWN_CODES.has(d.code), `uncatalogued code ${d.code}`);
    assert.type(d.message, "string");
    assert.not.ok(d.code === "INTERNAL_ERROR", d.message);
    if (d.file) assert.ok(d.range, `${d.code} in ${d.file} has no line/col: ${d.message}`);
  }
  return result;
}

function shuffleKeys(value: unknown, rng: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, rng));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(out, k, { value: shuffleKeys(v, rng), enumerable: true, writable: true, configurable: true });
  return out;
}

const asYaml = (doc: unknown) => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });

// ---------- properties ----------

property("random Score-shaped documents: only diagnostics, never an exception, for every target", () => {
  fc.assert(
    fc.property(fc.oneof(workload, wellFormed), fc.constantFrom(...TARGETS), fc.boolean(), (doc, target, json) => {
      compileChecked([{ path: "score.yaml", text: json ? JSON.stringify(doc) : asYaml(doc) }], target);
    }),
    fcOptions(60),
  );
});

property("random YAML text and mutated Score files: only diagnostics, never an exception", () => {
  const base = asYaml({
    apiVersion: "score.dev/v1b1",
    metadata: { name: "web" },
    containers: { main: { image: "nginx", variables: { A: "${resources.db.host}" } } },
    resources: { db: { type: "postgres" } },
  });
  const yamlish = fc
    .array(
      fc.constantFrom(
        "a",
        ":",
        " ",
        "\n",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a",
        "*a",
        "!!set",
        "!x",
        "? ",
        "|",
        ">",
        "'",
        '"',
        "#",
        "---",
        "...",
        "%YAML 1.1",
        "<<",
        "\t",
        "\r\n",
        "\u0000",
        "\ufeff",
        "0755",
        "on",
        "${",
      ),
      { maxLength: 40 },
    )
    .map((a) => a.join(""));
  const mutated = fc
    .tuple(fc.nat(base.length), fc.nat(8), yamlish)
    .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(at + cut));
  fc.assert(
    fc.property(
      fc.oneof(yamlish, mutated, fc.string({ maxLength: 80 })),
      fc.constantFrom(...TARGETS),
      (source, target) => {
        compileChecked([{ path: "score.yaml", text: source }], target);
      },
    ),
    fcOptions(150),
  );
});

property("output is deterministic and independent of key order and file order", () => {
  fc.assert(
    fc.property(
      fc.oneof(wellFormed, workload),
      wellFormed,
      fc.constantFrom(...TARGETS),
      fc.integer(),
      (a, b, target, seed) => {
        fc.pre(a.metadata.name !== b.metadata.name);
        const sources = [
          { path: "a.yaml", text: asYaml(a) },
          { path: "b.yaml", text: asYaml(b) },
        ];
        const first = compileChecked(sources, target);
        const again = compileChecked(sources, target);
        assert.equal(again, first, "same input, same result");
        let state = seed;
        const rng = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
        const shuffled = [
          { path: "b.yaml", text: asYaml(shuffleKeys(b, rng)) },
          { path: "a.yaml", text: asYaml(shuffleKeys(a, rng)) },
        ];
        const other = compileChecked(shuffled, target);
        assert.equal(other.files, first.files, "key order and file order do not matter");
        // Diagnostics are sorted by source position, which the shuffle moves: compare them as a set.
        const codes = (r: CompileResult) => r.diagnostics.map((d) => `${d.code} ${d.file} ${d.pointer ?? ""}`).sort();
        assert.equal(codes(other), codes(first));
      },
    ),
    fcOptions(40),
  );
});

property(
  "our own output reads back the same with YAML 1.1 and 1.2 readers, and re-serialises to the same bytes",
  () => {
    let compiled = 0;
    fc.assert(
      fc.property(wellFormed, fc.constantFrom(...TARGETS), (doc, target) => {
        const result = compileChecked([{ path: "score.yaml", text: asYaml(JSON.parse(JSON.stringify(doc))) }], target);
        for (const file of result.files) {
          compiled++;
          const v12 = parseAllDocuments(file.text, { version: "1.2" }).map((d) => d.toJS() as unknown);
          const v11 = parseAllDocuments(file.text, { version: "1.1" }).map((d) => d.toJS() as unknown);
          assert.equal(v11, v12, `${file.path}: YAML 1.1 and 1.2 read the same data`);
          const body = file.text.replace(/^(#[^\n]*\n)+/, "");
          const again =
            file.text.includes("\n---\n") || file.text.startsWith("---\n") ? toYamlDocuments(v12) : toYaml(v12[0]);
          assert.is(again, body, `${file.path}: parse ∘ serialise is the identity on our output`);
        }
      }),
      fcOptions(60),
    );
    assert.ok(compiled > 0, "some documents compiled");
  },
);

// ---------- secret references ----------

const validSecretName = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?(\.[a-z0-9]{1,6}){0,2}$/);
const validSecretKey = fc.stringMatching(/^[-._a-zA-Z0-9]{1,20}$/).filter((k) => k !== "." && k !== "..");
const anyRefText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "",
    ".",
    "..",
    "UPPER",
    "a_b",
    "a b",
    "-x",
    "x-",
    "a".repeat(254),
    "é",
    "a/b",
    "'",
    "\\",
    "}",
    "${x}",
  ),
);
const quoted = (s: string) => `'${s.replace(/[\\']/g, "\\$&")}'`;

const refScore = (embedInFile: boolean) =>
  asYaml({
    apiVersion: "score.dev/v1b1",
    metadata: { name: "web" },
    containers: {
      main: {
        image: "nginx",
        variables: {
          WHOLE: "${resources.db.password}",
          URL: "postgres://u:${resources.db.password}@${resources.db.host}/x",
          PLAIN: "${resources.db.host}",
        },
        files: {
          "/run/secret": { content: embedInFile ? "password=${resources.db.password}" : "${resources.db.password}" },
        },
      },
    },
    resources: { db: { type: "postgres" } },
  });
const refRules = (name: string, key: string) =>
  asYaml({
    apiVersion: "scorec.dev/v1alpha1",
    kind: "Rules",
    rules: [
      {
        id: "db",
        match: { type: "postgres" },
        outputs: { host: "db.internal" },
        secrets: { password: `\${secretRef(${quoted(name)}, ${quoted(key)})}` },
      },
    ],
  });

property(
  "secretRef with random names and keys: valid ones compile in every target, invalid ones get a located error",
  () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(validSecretName, validSecretKey), fc.tuple(anyRefText, anyRefText)),
        fc.constantFrom(...TARGETS),
        fc.boolean(),
        ([name, key], target, embedInFile) => {
          const valid =
            /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name) &&
            name.length <= 253 &&
            /^[-._a-zA-Z0-9]+$/.test(key) &&
            key.length <= 253 &&
            key !== "." &&
            key !== "..";
          let result: CompileResult;
          try {
            result = compile({
              sources: [{ path: "score.yaml", text: refScore(embedInFile) }],
              rules: [{ path: "rules.yaml", text: refRules(name, key) }],
              target,
              environment: "local",
            });
          } catch (e) {
            throw new Error(
              `compile threw for secretRef(${JSON.stringify(name)}, ${JSON.stringify(key)}): ${(e as Error).stack}`,
              { cause: e },
            );
          }
          const errors = result.diagnostics.filter((d) => d.severity === "error");
          for (const d of result.diagnostics) assert.ok(KNOWN_CODES.has(d.code), d.code);
          if (!valid) {
            const located = errors.filter((d) => d.code === "RULES_SECRET_REF" && d.file === "rules.yaml" && d.range);
            assert.ok(
              located.length > 0,
              `secretRef(${JSON.stringify(name)}, ${JSON.stringify(key)}) must be a located RULES_SECRET_REF: ${JSON.stringify(result.diagnostics)}`,
            );
            assert.equal(result.files, []);
            return;
          }
          if (embedInFile && target !== "compose") {
            assert.equal(
              errors.map((d) => [d.code, d.file, Boolean(d.range)]),
              [["RULES_SECRET_REF", "score.yaml", true]],
            );
            return;
          }
          assert.equal(
            errors,
            [],
            `secretRef(${JSON.stringify(name)}, ${JSON.stringify(key)}) must compile for ${target}`,
          );
          assert.equal(result.secrets, [], "a reference is no secret value");
          const text = result.files.map((f) => f.text).join("\n");
          if (target === "compose") {
            assert.ok(text.includes("${" + composeSecretVariable({ name, key }) + ":?"), "compose reads the variable");
          } else {
            const objects = result.files.flatMap((f) =>
              parseAllDocuments(f.text).map((d) => d.toJS() as Record<string, unknown>),
            );
            assert.not.ok(
              objects.some((o) => o.kind === "Secret"),
              "no Secret object for a reference",
            );
            assert.ok(
              JSON.stringify(objects).includes(JSON.stringify({ name, key })) ||
                JSON.stringify(objects).includes(JSON.stringify({ key, name })),
              "the Secret is referenced by name and key",
            );
          }
        },
      ),
      fcOptions(80),
    );
  },
);

test.run();
