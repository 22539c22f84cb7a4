import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CompletionItem, Hover, Location } from "vscode-languageserver-protocol";
import { ROOT } from "../helpers/corpus.js";
import { LspClient, uri } from "./client.js";

// The real server (`node bin/scorec.js lsp --stdio`, what editors run) driven by a real LSP client over stdio.

const scratch = mkdtempSync(join(tmpdir(), "scorec-lsp-"));
const client = new LspClient();
let folders = 0;

const RULES = `apiVersion: scorec.dev/v1alpha1
kind: Rules
environments:
  production:
    type: production
  local:
    type: development
rules:
  - id: cache-local
    match:
      type: cache
      env: local
    outputs:
      host: cache.local
      port: 6379
    secrets:
      token: not-for-your-eyes
  - id: cache-prod
    match:
      type: cache
      envType: production
    outputs:
      host: cache.prod.internal
      port: 6380
    secrets:
      token: also-not-for-your-eyes
`;

const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: shop
  team: web
containers:
  web:
    image: nginx
    variables:
      CACHE: \${resources.cache.host}
      TOKEN: \${resources.cache.token}
      TEAM: \${metadata.team}
resources:
  cache:
    type: cache
  db:
    type: postgres
`;

/** A fresh project folder with the given files; returns its path. */
function project(files: Record<string, string>): string {
  const dir = join(scratch, `p${++folders}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The LSP position of the `delta`-th character after the first occurrence of `needle`. */
function pos(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `the text holds ${needle}`);
  const before = text.slice(0, at + delta).split("\n");
  return { line: before.length - 1, character: before.at(-1)!.length };
}

function cli(
  args: string[],
  cwd: string,
): {
  code: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  file: string;
  hint?: string;
}[] {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/scorec.js"), ...args, "--format", "json"], {
    cwd,
    encoding: "utf8",
  });
  return (JSON.parse(r.stdout) as { diagnostics: never[] }).diagnostics;
}

test.before(async () => {
  const init = await client.initialize(scratch);
  assert.equal(init.capabilities.textDocumentSync, 1, "full document sync");
  assert.ok(
    init.capabilities.hoverProvider && init.capabilities.definitionProvider && init.capabilities.completionProvider,
  );
});

test("diagnostics: the CLI's codes, messages and ranges; cleared once the file is fixed", async () => {
  const broken = SCORE.replace("cache.host}", "cache.hots}").replace("image: nginx", "image: nginx\n    extra: 1");
  const dir = project({ "rules.yaml": RULES, "score.yaml": broken });
  const file = join(dir, "score.yaml");
  // What `scorec validate` and `scorec compile` say about the same files, from the same folder.
  const expected = [...cli(["validate", "score.yaml"], dir)];
  const opened = await client.open(file, broken);
  assert.is(opened.diagnostics.length, 1);
  const [schema] = opened.diagnostics;
  assert.is(schema!.code, "SCHEMA_ADDITIONAL_PROPERTY");
  const v = expected.find((d) => d.code === "SCHEMA_ADDITIONAL_PROPERTY")!;
  assert.is(schema!.message, v.hint ? `${v.message}\nhint: ${v.hint}` : v.message);
  assert.equal(schema!.range, {
    start: { line: v.line - 1, character: v.column - 1 },
    end: { line: v.endLine - 1, character: v.endColumn - 1 },
  });

  // Schema fixed: rule resolution finds the unknown output, where the CLI finds it.
  const resolving = SCORE.replace("cache.host}", "cache.hots}");
  writeFileSync(file, resolving);
  const c = cli(["compile", "score.yaml", "-r", "rules.yaml", "-o", "-", "--seed", "s"], dir).find(
    (d) => d.code === "PLACEHOLDER_UNKNOWN_OUTPUT",
  )!;
  assert.ok(c, "the CLI reports the unknown output");
  const second = await client.change(file, resolving, 2);
  assert.equal(
    second.diagnostics.map((d) => d.code),
    ["PLACEHOLDER_UNKNOWN_OUTPUT"],
  );
  assert.is(second.diagnostics[0]!.message, c.hint ? `${c.message}\nhint: ${c.hint}` : c.message);
  assert.equal(second.diagnostics[0]!.range, {
    start: { line: c.line - 1, character: c.column - 1 },
    end: { line: c.endLine - 1, character: c.endColumn - 1 },
  });
  assert.match(
    String(second.diagnostics[0]!.message),
    /cache-local/,
    "names the winning rule of the first environment (local)",
  );

  const fixed = await client.change(file, SCORE, 3);
  assert.equal(fixed.diagnostics, []);
});

test("diagnostics: a resource no rule serves, on its declaration", async () => {
  const dir = project({ "rules.yaml": RULES });
  const text = SCORE.replace("type: postgres", "type: nothing-serves-this");
  const got = await client.open(join(dir, "score.yaml"), text);
  assert.equal(
    got.diagnostics.map((d) => d.code),
    ["RULES_NO_MATCH"],
  );
  assert.is(got.diagnostics[0]!.range.start.line, pos(text, "type: nothing-serves-this").line);
});

test("diagnostics: two rules tie for a resource: shown in the rules file, as the CLI locates it", async () => {
  const rules =
    RULES + `  - id: cache-other\n    match:\n      type: cache\n      env: local\n    outputs:\n      host: other\n`;
  const dir = project({ "rules.yaml": rules, "score.yaml": SCORE });
  const rulesUri = uri(join(dir, "rules.yaml"));
  const inRules = client.nextDiagnostics(rulesUri, 0);
  await client.open(join(dir, "score.yaml"), SCORE);
  const got = await inRules;
  const expected = cli(["compile", "score.yaml", "-r", "rules.yaml", "-o", "-"], dir).find(
    (d) => d.code === "RULES_AMBIGUOUS" && /workload "shop"/.test(d.message),
  )!;
  const tie = got.diagnostics.find((d) => d.code === "RULES_AMBIGUOUS" && /workload "shop"/.test(String(d.message)));
  assert.ok(tie, JSON.stringify(got.diagnostics));
  assert.is(String(tie.message).split("\n")[0], expected.message);
  assert.equal(tie.range.start, { line: expected.line - 1, character: expected.column - 1 });
});

test("diagnostics: errors of a rules table are shown in the rules file and cleared when it is fixed", async () => {
  const badRules = RULES.replace("      host: cache.local", "      host: ${nope(}");
  const dir = project({ "score.yaml": SCORE });
  const rulesFile = join(dir, "rules.yaml");
  const opened = await client.open(rulesFile, badRules);
  assert.ok(opened.diagnostics.length > 0, "the rules file gets the problem");
  assert.is(opened.diagnostics[0]!.range.start.line, pos(badRules, "${nope(").line);
  const fixed = await client.change(rulesFile, RULES, 2);
  assert.equal(fixed.diagnostics, []);
});

test("completion: outputs of the winning rule after resources.NAME., names, metadata keys", async () => {
  const dir = project({ "rules.yaml": RULES });
  const file = join(dir, "score.yaml");
  const typing = SCORE.replace("CACHE: ${resources.cache.host}", "CACHE: ${resources.cache.}");
  await client.open(file, typing);
  const at = (needle: string, delta: number) =>
    client.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri: uri(file) },
      position: pos(typing, needle, delta),
    });
  const outputs = await at("${resources.cache.}", "${resources.cache.".length);
  assert.equal(
    outputs.map((i) => i.label),
    ["host", "port", "token"],
  );
  assert.match(outputs[0]!.detail ?? "", /cache-local/);
  const names = await at("${resources.cache.}", "${resources.".length);
  assert.equal(
    names.map((i) => i.label),
    ["cache", "db"],
  );
  const meta = await at("${metadata.team}", "${metadata.".length);
  assert.equal(
    meta.map((i) => i.label),
    ["name", "team"],
  );
  // A built-in rule's outputs (postgres has no rule of the project).
  const builtin = SCORE.replace("CACHE: ${resources.cache.host}", "CACHE: ${resources.db.}");
  await client.change(file, builtin, 2);
  const pg = await client.request<CompletionItem[]>("textDocument/completion", {
    textDocument: { uri: uri(file) },
    position: pos(builtin, "${resources.db.}", "${resources.db.".length),
  });
  assert.ok(
    ["host", "password", "port", "username"].every((o) => pg.some((i) => i.label === o)),
    JSON.stringify(pg.map((i) => i.label)),
  );
});

test("completion: resource types from the rules table and the built-ins; Score keys from the schema", async () => {
  const dir = project({ "rules.yaml": RULES });
  const file = join(dir, "score.yaml");
  const text = SCORE.replace("    type: postgres", "    type: ");
  await client.open(file, text);
  const types = await client.request<CompletionItem[]>("textDocument/completion", {
    textDocument: { uri: uri(file) },
    position: pos(text, "    type: \n", "    type: ".length),
  });
  assert.ok(
    types.some((i) => i.label === "cache" && i.detail === "rules.yaml"),
    "a type of the project's rules",
  );
  assert.ok(
    types.some((i) => i.label === "postgres" && i.detail === "built-in"),
    "a built-in type",
  );
  const keys = SCORE.replace("    image: nginx\n", "    image: nginx\n    re\n");
  await client.change(file, keys, 2);
  const items = await client.request<CompletionItem[]>("textDocument/completion", {
    textDocument: { uri: uri(file) },
    position: pos(keys, "    re\n", 6),
  });
  const labels = items.map((i) => i.label);
  assert.ok(
    ["readinessProbe", "resources", "variables", "files"].every((k) => labels.includes(k)),
    JSON.stringify(labels),
  );
});

test("hover: a resource's uid, its winning rule per environment with file:line, outputs with secrets masked", async () => {
  const dir = project({ "rules.yaml": RULES });
  const file = join(dir, "score.yaml");
  await client.open(file, SCORE);
  const h = await client.request<Hover>("textDocument/hover", {
    textDocument: { uri: uri(file) },
    position: pos(SCORE, "  cache:\n", 3),
  });
  const text = (h.contents as { value: string }).value;
  assert.match(text, /cache\.default#shop\.cache/);
  assert.match(text, /\*\*local\*\* \(compose\): rule `cache-local` at rules\.yaml:9:5/);
  assert.match(text, /\*\*production\*\* \(compose\): rule `cache-prod` at rules\.yaml:18:5/);
  assert.match(text, /`host`: `cache\.local`/);
  assert.match(text, /`token`: <secret>/);
  assert.not.match(text, /not-for-your-eyes/);
  assert.ok(text.indexOf("**local**") < text.indexOf("**production**"), "the first environment (local) comes first");
  const secret = await client.request<Hover>("textDocument/hover", {
    textDocument: { uri: uri(file) },
    position: pos(SCORE, "${resources.cache.token}", 4),
  });
  const secretText = (secret.contents as { value: string }).value;
  assert.match(secretText, /<secret>/);
  assert.not.match(secretText, /not-for-your-eyes/);
  const plain = await client.request<Hover>("textDocument/hover", {
    textDocument: { uri: uri(file) },
    position: pos(SCORE, "${resources.cache.host}", 4),
  });
  assert.match((plain.contents as { value: string }).value, /in \*\*local\*\*: `cache\.local` \(from `cache-local`\)/);
});

test("an error in another Score file of the project: hover and completion still answer from the file's own", async () => {
  const other =
    "apiVersion: score.dev/v1b1\nmetadata:\n  name: other\ncontainers:\n  web:\n    image: nginx\n    variables:\n      X: ${resources.nope.host}\n";
  const dir = project({ "rules.yaml": RULES, "other.score.yaml": other });
  const file = join(dir, "score.yaml");
  const otherUri = uri(join(dir, "other.score.yaml"));
  const inOther = client.nextDiagnostics(otherUri, 0);
  const own = await client.open(file, SCORE);
  assert.equal(own.diagnostics, [], "the error is the other file's");
  assert.equal(
    (await inOther).diagnostics.map((d) => d.code),
    ["SCORE_PLACEHOLDER_UNKNOWN_RESOURCE"],
  );
  const h = await client.request<Hover>("textDocument/hover", {
    textDocument: { uri: uri(file) },
    position: pos(SCORE, "  cache:\n", 3),
  });
  assert.match(
    (h.contents as { value: string }).value,
    /rule `cache-local` at rules\.yaml:9:5\n- `host`: `cache\.local`/,
  );
  const v = await client.request<Hover>("textDocument/hover", {
    textDocument: { uri: uri(file) },
    position: pos(SCORE, "${resources.cache.host}", 4),
  });
  assert.match((v.contents as { value: string }).value, /`cache\.local`/);
});

test("builds: without local, the first declared environment comes first", async () => {
  const rules = RULES.replace("  local:\n    type: development\n", "")
    .replace("environments:\n", "environments:\n  staging:\n    type: production\n")
    .replace("env: local", "env: staging");
  const dir = project({ "rules.yaml": rules });
  const file = join(dir, "score.yaml");
  await client.open(file, SCORE);
  const h = await client.request<Hover>("textDocument/hover", {
    textDocument: { uri: uri(file) },
    position: pos(SCORE, "${resources.cache.host}", 4),
  });
  assert.match((h.contents as { value: string }).value, /in \*\*staging\*\*: `cache\.local`/);
});

test("definition: placeholder to the resource's declaration; resource to its winning rule", async () => {
  const dir = project({ "rules.yaml": RULES });
  const file = join(dir, "score.yaml");
  await client.open(file, SCORE);
  const decl = await client.request<Location>("textDocument/definition", {
    textDocument: { uri: uri(file) },
    position: pos(SCORE, "${resources.cache.host}", 5),
  });
  assert.is(decl.uri, uri(file));
  assert.equal(decl.range.start, pos(SCORE, "  cache:\n", 2));
  const meta = await client.request<Location>("textDocument/definition", {
    textDocument: { uri: uri(file) },
    position: pos(SCORE, "${metadata.team}", 5),
  });
  assert.equal(meta.range.start, pos(SCORE, "  team:", 2));
  const rule = await client.request<Location>("textDocument/definition", {
    textDocument: { uri: uri(file) },
    position: pos(SCORE, "  cache:\n", 3),
  });
  assert.is(rule.uri, uri(join(dir, "rules.yaml")));
  assert.is(rule.range.start.line, pos(RULES, "  - id: cache-local").line);
  const hb = await client.request<Hover>("textDocument/hover", {
    textDocument: { uri: uri(file) },
    position: pos(SCORE, "  db:\n", 3),
  });
  assert.match(
    (hb.contents as { value: string }).value,
    /rule `compose-postgres` \(built-in, <builtin>\/rules\/defaults\/compose\.yaml:\d+:\d+\)/,
  );
  // A built-in rule is compiled into scorec: no file to go to.
  const builtin = await client.request<Location | null>("textDocument/definition", {
    textDocument: { uri: uri(file) },
    position: pos(SCORE, "  db:\n", 3),
  });
  assert.is(builtin, null);
});

test("a half-typed document never crashes the server and still gets diagnostics", async () => {
  const dir = project({ "rules.yaml": RULES });
  const file = join(dir, "score.yaml");
  const halves = [
    'apiVersion: score.dev/v1b1\nmetadata:\n  name: [shop\ncontainers:\n  web:\n    image: "ngi',
    "apiVersion: score.dev/v1b1\nmetadata:\n  name: shop\ncontainers:\n  web:\n    image: nginx\n    variables:\n      X: ${resources.",
    "\t- :\n  {",
    "",
  ];
  let version = 1;
  let got = await client.open(file, halves[0]!);
  assert.ok(got.diagnostics.length > 0, "a parse error is reported");
  assert.ok(got.diagnostics.every((d) => d.range.start.line >= 0 && d.source === "scorec"));
  for (const text of halves.slice(1)) {
    got = await client.change(file, text, ++version);
    writeFileSync(file, text);
    // What `scorec validate` says about the same text (`${resources.` without its brace is plain text to Score).
    assert.equal(
      got.diagnostics.map((d) => d.code),
      cli(["validate", "score.yaml"], dir).map((d) => d.code),
      JSON.stringify(text),
    );
    const end = { line: text.split("\n").length - 1, character: text.split("\n").at(-1)!.length };
    await client.request("textDocument/completion", { textDocument: { uri: uri(file) }, position: end });
    await client.request("textDocument/hover", { textDocument: { uri: uri(file) }, position: end });
    await client.request("textDocument/definition", { textDocument: { uri: uri(file) }, position: end });
  }
  const healed = await client.change(file, SCORE, version + 1);
  assert.equal(healed.diagnostics, []);
  assert.not.match(client.stderr, /internal error|at /);
});

test("a YAML file that is no Score file and no rules table gets no diagnostics, and leaves the others' alone", async () => {
  const dir = project({});
  const compose = join(dir, "compose.yaml");
  const got = await client.open(compose, "services:\n  web:\n    image: nginx\n");
  assert.equal(got.diagnostics, []);
  const score = join(dir, "score.yaml");
  const broken = SCORE.replace("image: nginx", "image: nginx\n    extra: 1");
  assert.equal(
    (await client.open(score, broken)).diagnostics.map((d) => d.code),
    ["SCHEMA_ADDITIONAL_PROPERTY"],
  );
  const seen = client.count(uri(score));
  await client.change(compose, "services:\n  web:\n    image: nginx:1\n", 2);
  // The folder was checked again (score.yaml's diagnostics are sent before compose.yaml's answer): still there.
  assert.ok(client.count(uri(score)) > seen, "the folder's Score file was checked again");
  assert.equal(
    (await client.nextDiagnostics(uri(score), seen)).diagnostics.map((d) => d.code),
    ["SCHEMA_ADDITIONAL_PROPERTY"],
  );
});

test("shutdown and exit end the server with 0", async () => {
  assert.is(await client.stop(), 0);
});

test("files changed on disk: watched through the client where it can, the folder is checked again", async () => {
  const dir = project({ "rules.yaml": RULES, "score.yaml": SCORE });
  const watcher = new LspClient();
  try {
    await watcher.initialize(
      dir,
      { debounceMs: 0 },
      { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    );
    const file = join(dir, "score.yaml");
    assert.equal((await watcher.open(file, SCORE)).diagnostics, []);
    for (let i = 0; i < 100 && watcher.registrations.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(
      watcher.registrations.map((r) => r.method),
      ["workspace/didChangeWatchedFiles"],
    );
    // The rules table (not open) loses the output the Score file reads.
    writeFileSync(join(dir, "rules.yaml"), RULES.replace("      host: cache.local\n", ""));
    const next = watcher.nextDiagnostics(uri(file));
    await watcher.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: uri(join(dir, "rules.yaml")), type: 2 }],
    });
    assert.equal(
      (await next).diagnostics.map((d) => d.code),
      ["PLACEHOLDER_UNKNOWN_OUTPUT"],
    );
    assert.is(await watcher.stop(), 0);
  } finally {
    watcher.kill();
  }
});

test("the command line: --stdio is required; --clientProcessId, which some clients add, is accepted", async () => {
  const bare = spawnSync(process.execPath, [join(ROOT, "bin/scorec.js"), "lsp"], { encoding: "utf8", input: "" });
  assert.is(bare.status, 2);
  assert.match(bare.stderr, /--stdio/);
  const withPid = new LspClient([
    process.execPath,
    join(ROOT, "bin/scorec.js"),
    "lsp",
    "--stdio",
    `--clientProcessId=${process.pid}`,
  ]);
  try {
    await withPid.initialize(scratch);
    assert.is(await withPid.stop(), 0);
  } finally {
    withPid.kill();
  }
});

test.after(() => {
  client.kill();
  rmSync(scratch, { recursive: true, force: true });
});

test.run();
