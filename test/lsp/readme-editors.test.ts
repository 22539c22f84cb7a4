import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers/corpus.js";
import { LspClient } from "./client.js";

// The README's editor configurations (Neovim's Lua, Helix's TOML) name a command; each must start a server that
// answers with diagnostics. `scorec` there is the installed bin, i.e. this repository's bin/scorec.js.

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const section = readme.slice(
  readme.indexOf("## In editors"),
  readme.indexOf("\n## ", readme.indexOf("## In editors") + 1),
);
const block = (lang: string) =>
  [...section.matchAll(new RegExp("^```" + lang + "\\n([\\s\\S]*?)^```$", "gm"))].map((m) => m[1]!)[0];

function strings(list: string): string[] {
  return [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
}

const commands: [string, string[]][] = [];
const lua = block("lua");
assert.ok(lua, "the README shows a Neovim configuration");
assert.match(lua, /vim\.lsp\.start\(/);
commands.push(["Neovim", strings(/cmd = \{([^}]*)\}/.exec(lua)![1]!)]);
const toml = block("toml");
assert.ok(toml, "the README shows a Helix configuration");
assert.match(toml, /\[\[language\]\]\nname = "yaml"\nlanguage-servers = \[[^\]]*"scorec"\]/);
commands.push(["Helix", [/^command = "([^"]+)"$/m.exec(toml)![1]!, ...strings(/^args = \[(.*)\]$/m.exec(toml)![1]!)]]);

for (const [editor, cmd] of commands) {
  test(`README ${editor} configuration: ${cmd.join(" ")} serves diagnostics`, async () => {
    assert.is(cmd[0], "scorec");
    const dir = mkdtempSync(join(tmpdir(), "scorec-readme-lsp-"));
    const client = new LspClient([process.execPath, join(ROOT, "bin/scorec.js"), ...cmd.slice(1)]);
    try {
      await client.initialize(dir);
      const got = await client.open(
        join(dir, "score.yaml"),
        "apiVersion: score.dev/v1b1\nmetadata:\n  name: demo\ncontainers:\n  web:\n    image: nginx\n    variables:\n      X: ${resources.db.host}\n",
      );
      assert.equal(
        got.diagnostics.map((d) => d.code),
        ["SCORE_PLACEHOLDER_UNKNOWN_RESOURCE"],
      );
      assert.equal(got.diagnostics[0]!.range.start, { line: 7, character: 9 });
      assert.is(await client.stop(), 0);
    } finally {
      client.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
