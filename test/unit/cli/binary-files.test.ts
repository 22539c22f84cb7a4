import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { run } from "../../../src/cli/main.js";
import { GENERATED_HEADER } from "../../../src/cli/output-files.js";
import { memoryIO, type MemoryIO } from "../../helpers/memory-io.js";
import { composeProblems } from "../compose/compose-validator.js";

// Compose's binary files (docs/compose.md, docs/cli.md): written beside the compose file in `<name>.files/`, owned
// through the manifest there, bind-mounted read-only; --check tells missing, stale and left-over ones apart.

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);
const BLOB = "XVLOjEyq5FKgHDGMAYMdp+crq4I=";

const score = (blob = true) => `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx
    files:
      /etc/app.conf:
        content: "text stays inline\\n"
      /usr/share/logo.png:
        source: ./logo.png
        mode: "0640"
${blob ? `      /blob:\n        binaryContent: ${BLOB}\n` : ""}`;

const ARGS = ["compile", "score.yaml", "-o", "out/compose.yaml"];
const enc = (text: string) => new TextEncoder().encode(text);
const folder = (io: MemoryIO, dir = "out/compose.files") => io.listFiles(`/work/${dir}`);
const bytes = (io: MemoryIO, path: string) => io.files.get(`/work/${path}`);

function project(): MemoryIO {
  return memoryIO({ "score.yaml": score(), "logo.png": PNG });
}

test("-o out/compose.yaml: binary files land byte for byte in out/compose.files/, bind-mounted read-only; text stays inline", async () => {
  const io = project();
  assert.is(await run(ARGS, io), 0, io.stderrText());
  assert.equal(folder(io), ["scorec-manifest.txt", "web-main-blob", "web-main-usr_share_logo.png"]);
  assert.equal(bytes(io, "out/compose.files/web-main-usr_share_logo.png"), PNG);
  assert.equal(
    bytes(io, "out/compose.files/web-main-blob"),
    Uint8Array.from(atob(BLOB), (c) => c.charCodeAt(0)),
  );
  assert.is(io.modes.get("/work/out/compose.files/web-main-usr_share_logo.png"), 0o640);
  assert.is(io.modes.get("/work/out/compose.files/web-main-blob"), 0o644);

  const text = io.fileText("out/compose.yaml")!;
  assert.equal(composeProblems(text), []);
  const service = (parse(text) as { services: Record<string, Record<string, unknown>> }).services["web-main"]!;
  assert.equal(service.volumes, [
    { type: "bind", source: "./compose.files/web-main-blob", target: "/blob", read_only: true },
    {
      type: "bind",
      source: "./compose.files/web-main-usr_share_logo.png",
      target: "/usr/share/logo.png",
      read_only: true,
    },
  ]);
  assert.equal(service.configs, [{ source: "web-main-etc_app.conf", target: "/etc/app.conf" }]);

  const manifest = io.fileText("out/compose.files/scorec-manifest.txt")!;
  assert.ok(manifest.startsWith(GENERATED_HEADER));
  assert.match(manifest, /^[0-9a-f]{64} {2}0640 {2}web-main-usr_share_logo\.png$/m);
  assert.match(manifest, /^[0-9a-f]{64} {2}0644 {2}web-main-blob$/m);
  assert.match(io.stderrText(), /^wrote out\/compose\.files\/web-main-blob$/m);
  assert.is(await run([...ARGS, "--check"], io), 0, io.stderrText());
});

test("-o DIR/ and -o prod.yaml: the folder is named after the compose file, so two compose files never share it", async () => {
  const io = project();
  assert.is(await run(["compile", "score.yaml", "-o", "dir/"], io), 0, io.stderrText());
  assert.equal(folder(io, "dir/compose.files"), [
    "scorec-manifest.txt",
    "web-main-blob",
    "web-main-usr_share_logo.png",
  ]);
  assert.is(await run(["compile", "score.yaml", "-o", "out/prod.yml"], io), 0, io.stderrText());
  assert.match(io.fileText("out/prod.yml")!, /source: \.\/prod\.files\/web-main-blob/);
  assert.equal(folder(io, "out/prod.files").length, 3);
});

test("removing a binary file from score.yaml removes it from the folder; a foreign file there is untouched", async () => {
  const io = project();
  assert.is(await run(ARGS, io), 0);
  io.files.set("/work/out/compose.files/notes.txt", enc("mine\n"));
  io.files.set("/work/score.yaml", enc(score(false)));

  const check = memoryIO(Object.fromEntries(io.files));
  assert.is(await run([...ARGS, "--check"], check), 3);
  assert.match(
    check.stderrText(),
    /out\/compose\.files\/web-main-blob is left over from an earlier compile .*regenerate with: scorec compile score\.yaml -o out\/compose\.yaml$/m,
  );
  assert.match(check.stderrText(), /out\/compose\.files\/scorec-manifest\.txt is out of date/);
  assert.match(check.stdoutText(), /^Binary files a\/out\/compose\.files\/web-main-blob and \/dev\/null differ$/m);
  assert.not.match(check.stderrText(), /notes\.txt/);

  assert.is(await run(ARGS, io), 0, io.stderrText());
  assert.equal(folder(io), ["notes.txt", "scorec-manifest.txt", "web-main-usr_share_logo.png"]);
  assert.is(io.fileText("out/compose.files/notes.txt"), "mine\n");
  assert.match(io.stderrText(), /^removed out\/compose\.files\/web-main-blob$/m);
  assert.not.match(io.fileText("out/compose.files/scorec-manifest.txt")!, /web-main-blob/);
});

test("no binary file left: the files and the manifest are removed; a foreign file stays", async () => {
  const io = project();
  assert.is(await run(ARGS, io), 0);
  io.files.set("/work/out/compose.files/notes.txt", enc("mine\n"));
  io.files.set(
    "/work/score.yaml",
    enc("apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers: {main: {image: nginx}}\n"),
  );
  assert.is(await run([...ARGS, "--check"], io), 3);
  assert.match(io.stderrText(), /scorec-manifest\.txt is left over/);
  assert.is(await run(ARGS, io), 0, io.stderrText());
  assert.equal(folder(io), ["notes.txt"]);
  assert.is(await run([...ARGS, "--check"], io), 0, io.stderrText());
});

test("--check: a missing binary file is missing, a changed source makes it and the manifest stale (exit 3)", async () => {
  const io = project();
  assert.is(await run(ARGS, io), 0);
  io.files.delete("/work/out/compose.files/web-main-blob");
  io.files.set("/work/logo.png", Uint8Array.from([...PNG, 0x01]));
  io.err.length = 0;
  assert.is(await run([...ARGS, "--check"], io), 3);
  const err = io.stderrText();
  assert.match(err, /out\/compose\.files\/web-main-blob is missing; regenerate with/);
  assert.match(err, /out\/compose\.files\/web-main-usr_share_logo\.png is out of date/);
  assert.match(err, /out\/compose\.files\/scorec-manifest\.txt is out of date/);
  assert.match(io.stdoutText(), /^Binary files \/dev\/null and b\/out\/compose\.files\/web-main-blob differ$/m);
  assert.match(
    io.stdoutText(),
    /^Binary files a\/out\/compose\.files\/web-main-usr_share_logo\.png and b\/out\/compose\.files\/web-main-usr_share_logo\.png differ$/m,
  );
  assert.is(await run(ARGS, io), 0, io.stderrText());
  assert.equal(bytes(io, "out/compose.files/web-main-usr_share_logo.png"), Uint8Array.from([...PNG, 0x01]));
  assert.is(await run([...ARGS, "--check"], io), 0);
});

test("--check: a changed mode makes the file and the manifest stale", async () => {
  const io = project();
  assert.is(await run(ARGS, io), 0);
  io.files.set("/work/score.yaml", enc(score().replace('mode: "0640"', 'mode: "0600"')));
  assert.is(await run([...ARGS, "--check"], io), 3);
  assert.match(io.stderrText(), /web-main-usr_share_logo\.png is out of date/);
  assert.is(await run(ARGS, io), 0);
  assert.is(io.modes.get("/work/out/compose.files/web-main-usr_share_logo.png"), 0o600);
});

test("a binary file changed by hand, or one the manifest does not list, is the user's: CLI_OUTPUT_UNSAFE, nothing written", async () => {
  const edited = project();
  assert.is(await run(ARGS, edited), 0);
  edited.files.set("/work/out/compose.files/web-main-blob", enc("my own blob"));
  const foreign = memoryIO({ "score.yaml": score(), "logo.png": PNG, "out/compose.files/web-main-blob": enc("x") });
  for (const [io, why] of [
    [edited, "its SHA-256 no longer matches out/compose.files/scorec-manifest.txt"],
    [foreign, "it is not listed in out/compose.files/scorec-manifest.txt"],
  ] as const) {
    const before = new Map(io.files);
    for (const argv of [ARGS, [...ARGS, "--check"]]) {
      io.err.length = 0;
      assert.is(await run(argv, io), 1, argv.join(" "));
      assert.match(
        io.stderrText(),
        `out/compose.files/web-main-blob: error CLI_OUTPUT_UNSAFE: out/compose.files/web-main-blob: exists and is not a file scorec wrote (${why})`,
      );
      assert.equal(io.files, before);
    }
  }
});

test("a changed binary file that is no longer produced stays: it is the user's now", async () => {
  const io = project();
  assert.is(await run(ARGS, io), 0);
  io.files.set("/work/out/compose.files/web-main-blob", enc("edited"));
  io.files.set("/work/score.yaml", enc(score(false)));
  assert.is(await run(ARGS, io), 0, io.stderrText());
  assert.is(io.fileText("out/compose.files/web-main-blob"), "edited");
  assert.not.match(io.stderrText(), /removed/);
});

test("a manifest the user wrote (no header) is never overwritten", async () => {
  const io = memoryIO({ "score.yaml": score(), "logo.png": PNG, "out/compose.files/scorec-manifest.txt": "mine\n" });
  assert.is(await run(ARGS, io), 1);
  assert.match(io.stderrText(), /scorec-manifest\.txt: exists and was not generated by scorec/);
  assert.is(io.fileText("out/compose.files/scorec-manifest.txt"), "mine\n");
  assert.is(io.fileText("out/compose.yaml"), undefined);
});

test("-o -: binary files are an error in text, and travel as base64 in the --format json report", async () => {
  const text = project();
  assert.is(await run(["compile", "score.yaml", "-o", "-"], text), 1);
  assert.match(text.stderrText(), /error CLI_USAGE: -o -: the compose file bind-mounts 2 binary files/);
  assert.is(text.stdoutText(), "");

  const json = project();
  assert.is(await run(["compile", "score.yaml", "-o", "-", "--format", "json"], json), 0);
  const report = JSON.parse(json.stdoutText()) as {
    outputs: { path: string; status: string; text?: string; base64?: string; mode?: string }[];
  };
  assert.equal(
    report.outputs.map((o) => [o.path, o.status, o.base64, o.mode]),
    [
      ["-", "stdout", undefined, undefined],
      ["compose.files/web-main-blob", "stdout", BLOB, "0644"],
      ["compose.files/web-main-usr_share_logo.png", "stdout", btoa(String.fromCharCode(...PNG)), "0640"],
    ],
  );
  assert.match(report.outputs[0]!.text!, /source: \.\/compose\.files\/web-main-blob/);
  assert.equal(
    [...json.files.keys()].filter((k) => k.includes("compose.files")),
    [],
  );
});

test.run();
