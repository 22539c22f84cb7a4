import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "./helpers/corpus.js";
import { composeProblems } from "./unit/compose/compose-validator.js";

// Compose's binary files on a real disk, through the installed entry point (bin/scorec.js): written byte for byte
// with their mode beside the compose file, bind-mounted read-only, removed when the Score file drops them (a foreign
// file stays), and --check exiting 3 for missing, stale and left-over files; `scorec build` does the same.

const LOGO = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x24]);
const TOOL = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xc3]);

const score = (tool: boolean) => `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx
    files:
      /etc/app.conf:
        content: "price: $5\\n"
      /usr/share/logo.png:
        source: ./logo.png
${tool ? `      /usr/bin/tool:\n        binaryContent: ${Buffer.from(TOOL).toString("base64")}\n        mode: "0755"\n` : ""}`;

function scorec(cwd: string, args: string[]): { status: number | null; stdout: string; out: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/scorec.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: r.status, stdout: r.stdout, out: r.stdout + r.stderr };
}

const scratches: string[] = [];
test.after(() => scratches.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "scorec-binary-"));
  scratches.push(dir);
  writeFileSync(join(dir, "logo.png"), LOGO);
  writeFileSync(join(dir, "score.yaml"), score(true));
  return dir;
}

const mode = (path: string) => statSync(path).mode & 0o777;

test("compile -o out/compose.yaml: the files, their modes, the bind mounts; recompiling without one removes it", () => {
  const dir = scratch();
  const files = join(dir, "out/compose.files");
  writeFileSync(join(dir, "score.yaml"), score(true));
  const r = scorec(dir, ["compile", "-o", "out/compose.yaml"]);
  assert.is(r.status, 0, r.out);
  assert.equal(readdirSync(files).sort(), [
    "scorec-manifest.txt",
    "web-main-usr_bin_tool",
    "web-main-usr_share_logo.png",
  ]);
  assert.equal(new Uint8Array(readFileSync(join(files, "web-main-usr_share_logo.png"))), LOGO);
  assert.equal(new Uint8Array(readFileSync(join(files, "web-main-usr_bin_tool"))), TOOL);
  assert.is(mode(join(files, "web-main-usr_bin_tool")), 0o755);
  assert.is(mode(join(files, "web-main-usr_share_logo.png")), 0o644);

  const text = readFileSync(join(dir, "out/compose.yaml"), "utf8");
  assert.equal(composeProblems(text), []);
  const service = (parse(text) as { services: Record<string, Record<string, unknown>> }).services["web-main"]!;
  assert.equal(service.volumes, [
    { type: "bind", source: "./compose.files/web-main-usr_bin_tool", target: "/usr/bin/tool", read_only: true },
    {
      type: "bind",
      source: "./compose.files/web-main-usr_share_logo.png",
      target: "/usr/share/logo.png",
      read_only: true,
    },
  ]);
  assert.equal(service.configs, [{ source: "web-main-etc_app.conf", target: "/etc/app.conf" }]);
  assert.is(scorec(dir, ["compile", "-o", "out/compose.yaml", "--check"]).status, 0);

  // Drop the tool: --check names the left-over (exit 3), the compile removes it and leaves a foreign file alone.
  writeFileSync(join(files, "README.md"), "my notes\n");
  writeFileSync(join(dir, "score.yaml"), score(false));
  const check = scorec(dir, ["compile", "-o", "out/compose.yaml", "--check"]);
  assert.is(check.status, 3, check.out);
  assert.match(check.out, /out\/compose\.files\/web-main-usr_bin_tool is left over from an earlier compile/);
  assert.match(check.stdout, /^Binary files a\/out\/compose\.files\/web-main-usr_bin_tool and \/dev\/null differ$/m);
  const again = scorec(dir, ["compile", "-o", "out/compose.yaml"]);
  assert.is(again.status, 0, again.out);
  assert.equal(readdirSync(files).sort(), ["README.md", "scorec-manifest.txt", "web-main-usr_share_logo.png"]);
  assert.is(readFileSync(join(files, "README.md"), "utf8"), "my notes\n");
  assert.is(scorec(dir, ["compile", "-o", "out/compose.yaml", "--check"]).status, 0);
});

test("--check: a deleted file is missing and a changed source is stale (exit 3); a hand-edited file is refused", () => {
  const dir = scratch();
  const files = join(dir, "out/compose.files");
  assert.is(scorec(dir, ["compile", "-o", "out/compose.yaml"]).status, 0);
  rmSync(join(files, "web-main-usr_bin_tool"));
  writeFileSync(join(dir, "logo.png"), Uint8Array.from([...LOGO, 0]));
  const check = scorec(dir, ["compile", "-o", "out/compose.yaml", "--check"]);
  assert.is(check.status, 3, check.out);
  assert.match(check.out, /out\/compose\.files\/web-main-usr_bin_tool is missing/);
  assert.match(check.out, /out\/compose\.files\/web-main-usr_share_logo\.png is out of date/);
  assert.is(scorec(dir, ["compile", "-o", "out/compose.yaml"]).status, 0);
  assert.equal(new Uint8Array(readFileSync(join(files, "web-main-usr_share_logo.png"))), Uint8Array.from([...LOGO, 0]));

  writeFileSync(join(files, "web-main-usr_bin_tool"), "patched by hand");
  const refused = scorec(dir, ["compile", "-o", "out/compose.yaml"]);
  assert.is(refused.status, 1, refused.out);
  assert.match(refused.out, /error CLI_OUTPUT_UNSAFE: .*web-main-usr_bin_tool: exists and is not a file scorec wrote/);
  assert.is(readFileSync(join(files, "web-main-usr_bin_tool"), "utf8"), "patched by hand");
});

test("when no binary file is left, the manifest goes and the folder with it, unless a file of the user's is in it", () => {
  const dir = scratch();
  const files = join(dir, "out/compose.files");
  const textOnly = "apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers: {main: {image: nginx}}\n";
  assert.is(scorec(dir, ["compile", "-o", "out/compose.yaml"]).status, 0);
  writeFileSync(join(dir, "score.yaml"), textOnly);
  const check = scorec(dir, ["compile", "-o", "out/compose.yaml", "--check"]);
  assert.is(check.status, 3, check.out);
  assert.match(check.out, /out\/compose\.files\/scorec-manifest\.txt is left over from an earlier compile/);
  assert.is(scorec(dir, ["compile", "-o", "out/compose.yaml"]).status, 0);
  assert.not.ok(existsSync(files), "the emptied folder is removed");
  assert.is(scorec(dir, ["compile", "-o", "out/compose.yaml", "--check"]).status, 0);

  writeFileSync(join(dir, "score.yaml"), score(true));
  assert.is(scorec(dir, ["compile", "-o", "out/compose.yaml"]).status, 0);
  writeFileSync(join(files, "notes.txt"), "mine\n");
  writeFileSync(join(dir, "score.yaml"), textOnly);
  assert.is(scorec(dir, ["compile", "-o", "out/compose.yaml"]).status, 0);
  assert.equal(readdirSync(files), ["notes.txt"], "a folder with a file of the user's stays, with that file");
});

test("-o /dev/null: a device has no folder beside it for the files, so it is an error and nothing is written", () => {
  const dir = scratch();
  const r = scorec(dir, ["compile", "-o", "/dev/null"]);
  assert.is(r.status, 1, r.out);
  assert.match(
    r.out,
    /error CLI_USAGE: -o \/dev\/null: the compose file bind-mounts 2 binary files .* a device or a FIFO cannot carry/,
  );
  assert.not.ok(existsSync("/dev/null.files"));
  writeFileSync(
    join(dir, "score.yaml"),
    "apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers: {main: {image: nginx}}\n",
  );
  assert.is(scorec(dir, ["compile", "-o", "/dev/null"]).status, 0);
});

test("scorec build: a compose build's binary files go beside its output file, and build --check compares them", () => {
  const dir = scratch();
  mkdirSync(join(dir, "deploy"));
  writeFileSync(
    join(dir, "scorec.yaml"),
    "apiVersion: scorec.dev/v1alpha1\nkind: Project\nworkloads: [score.yaml]\nbuilds:\n  - { env: local, target: compose, output: deploy/local.yaml }\n",
  );
  const built = scorec(dir, ["build"]);
  assert.is(built.status, 0, built.out);
  assert.match(readFileSync(join(dir, "deploy/local.yaml"), "utf8"), /source: \.\/local\.files\/web-main-usr_bin_tool/);
  assert.equal(new Uint8Array(readFileSync(join(dir, "deploy/local.files/web-main-usr_bin_tool"))), TOOL);
  assert.is(mode(join(dir, "deploy/local.files/web-main-usr_bin_tool")), 0o755);
  assert.is(scorec(dir, ["build", "--check"]).status, 0);
  writeFileSync(join(dir, "score.yaml"), score(false));
  const check = scorec(dir, ["build", "--check"]);
  assert.is(check.status, 3, check.out);
  assert.match(check.out, /deploy\/local\.files\/web-main-usr_bin_tool is left over/);
  assert.is(scorec(dir, ["build"]).status, 0);
  assert.not.ok(existsSync(join(dir, "deploy/local.files/web-main-usr_bin_tool")));
});

test.run();
