import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { configName } from "../../../src/targets/compose/files.js";
import { emitCompose } from "../../../src/targets/compose/index.js";
import { app, workloadFromYaml } from "./app-builder.js";

type Project = { services: Record<string, { configs?: unknown[] }>; configs: Record<string, { content: string }> };

function compile(yaml: string) {
  const result = emitCompose(app([workloadFromYaml(yaml)]), { project: "files" });
  return { ...result, project: result.files[0] ? (parse(result.files[0].text) as Project) : undefined };
}

test("files become inline configs mounted at their target", () => {
  const { project, diagnostics } = compile(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /etc/app/config.yaml: { content: "key: value\\n" }
      /fileC.bin: { binaryContent: aGVsbG8gd29ybGQ= }
`);
  assert.equal(diagnostics, []);
  assert.equal(project!.services["hello-web"]!.configs, [
    { source: "hello-web-etc_app_config.yaml", target: "/etc/app/config.yaml" },
    { source: "hello-web-fileC.bin", target: "/fileC.bin" },
  ]);
  assert.equal(project!.configs, {
    "hello-web-etc_app_config.yaml": { content: "key: value\n" },
    "hello-web-fileC.bin": { content: "hello world" },
  });
});

test("two files with the same base name get different configs", () => {
  const { project } = compile(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /a/index.html: { content: a }
      /b/index.html: { content: b }
  other:
    image: nginx
    files:
      /a/index.html: { content: c }
`);
  const names = Object.keys(project!.configs).sort();
  assert.equal(names, ["hello-other-a_index.html", "hello-web-a_index.html", "hello-web-b_index.html"]);
  assert.equal(project!.configs["hello-web-b_index.html"]!.content, "b");
});

test("literal dollars in content are doubled so Compose does not interpolate them", () => {
  const { project } = compile(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /run.sh: { content: "echo $HOME \${USER}" }
`);
  assert.is(project!.configs["hello-web-run.sh"]!.content, "echo $$HOME $${USER}");
});

test("mode becomes a quoted octal config mode", () => {
  const result = emitCompose(
    app([
      workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /bin/run: { content: x, mode: "755" }
`),
    ]),
    { project: "files" },
  );
  assert.match(result.files[0]!.text, /mode: "0755"/);
});

test("binary content that is not UTF-8 is an error located at the file", () => {
  const { diagnostics, files } = compile(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /blob: { binaryContent: XVLOjEyq5FKgHDGMAYMdp+crq4I= }
`);
  assert.equal(files, []);
  assert.equal(
    diagnostics.map((d) => [d.code, d.file, d.pointer]),
    [["TARGET_UNSUPPORTED", "score.yaml", "/containers/web/files/~1blob"]],
  );
});

test("binary content that is not base64 is an error, not text guessed from part of it", () => {
  const { diagnostics, files } = compile(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /blob: { binaryContent: "aGVsbG8gd29ybGQ=!" }
`);
  assert.equal(files, []);
  assert.equal(
    diagnostics.map((d) => [d.code, d.pointer]),
    [["TARGET_UNSUPPORTED", "/containers/web/files/~1blob"]],
  );
});

test("diagnostics get a line and column when the workload can locate paths", () => {
  const workload = workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /blob: { binaryContent: XVLOjEyq5FKgHDGMAYMdp+crq4I= }
`);
  const range = { start: { line: 8, col: 7, offset: 90 }, end: { line: 8, col: 12, offset: 95 } };
  const located = Object.assign(workload, {
    locate: (path: readonly (string | number)[]) => ({ file: "score.yaml", range, pointer: path.join(".") }),
  });
  const { diagnostics } = emitCompose(app([located]), { project: "files" });
  assert.equal(
    diagnostics.map((d) => [d.file, d.range, d.pointer]),
    [["score.yaml", range, "/containers/web/files/~1blob"]],
  );
});

test("content with characters YAML cannot carry is an error", () => {
  const { diagnostics } = compile(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /c1: { binaryContent: wpA= }
`);
  assert.equal(
    diagnostics.map((d) => d.code),
    ["TARGET_UNSUPPORTED"],
  );
});

test("config names stay readable for plain paths and get a hash otherwise", () => {
  assert.is(configName("w-c", "/etc/nginx/nginx.conf"), "w-c-etc_nginx_nginx.conf");
  assert.match(configName("w-c", "/etc/my_app/x.conf"), /^w-c-etc_my_app_x\.conf-[0-9a-f]{8}$/);
  assert.match(configName("w-c", "/a b"), /^w-c-a_b-[0-9a-f]{8}$/);
  assert.is.not(configName("w-c", "/a_b"), configName("w-c", "/a/b"));
  assert.is.not(configName("w-c", "relative"), configName("w-c", "/relative"));
});

test.run();
