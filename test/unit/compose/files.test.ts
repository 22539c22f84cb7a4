import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { configName } from "../../../src/targets/compose/files.js";
import { emitCompose } from "../../../src/targets/compose/index.js";
import { app, workloadFromYaml } from "./app-builder.js";
import { composeProblems } from "./compose-validator.js";

type Project = {
  services: Record<string, { configs?: unknown[]; volumes?: unknown[] }>;
  configs: Record<string, { content: string }>;
};

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

test("binary content that is not UTF-8 is a file in compose.files, bind-mounted read-only at its target", () => {
  const { diagnostics, project, binaryFiles, files } = compile(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /blob: { binaryContent: XVLOjEyq5FKgHDGMAYMdp+crq4I= }
      /bin/tool: { binaryContent: /wA=, mode: "0755" }
      /etc/app.conf: { content: "text stays inline" }
`);
  assert.equal(diagnostics, []);
  assert.equal(project!.services["hello-web"]!.volumes, [
    { type: "bind", source: "./compose.files/hello-web-bin_tool", target: "/bin/tool", read_only: true },
    { type: "bind", source: "./compose.files/hello-web-blob", target: "/blob", read_only: true },
  ]);
  assert.equal(Object.keys(project!.configs), ["hello-web-etc_app.conf"]);
  assert.equal(
    binaryFiles.map((f) => [f.path, [...f.bytes], f.mode]),
    [
      ["compose.files/hello-web-bin_tool", [0xff, 0x00], 0o755],
      [
        "compose.files/hello-web-blob",
        [...Uint8Array.from(atob("XVLOjEyq5FKgHDGMAYMdp+crq4I="), (c) => c.charCodeAt(0))],
        0o644,
      ],
    ],
  );
  assert.equal(composeProblems(files[0]!.text), []);
});

test("the files folder is the caller's; $ in it is doubled for Compose", () => {
  const result = emitCompose(
    app([
      workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /blob: { binaryContent: /wA= }
`),
    ]),
    { project: "files", filesFolder: "prod$1.files" },
  );
  const project = parse(result.files[0]!.text) as Project;
  assert.equal(project.services["hello-web"]!.volumes, [
    { type: "bind", source: "./prod$$1.files/hello-web-blob", target: "/blob", read_only: true },
  ]);
  assert.is(result.binaryFiles[0]!.path, "prod$1.files/hello-web-blob");
});

test("bind mounts come after the volume mounts", () => {
  const { project } = compile(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /a: { binaryContent: /wA= }
    volumes:
      /data: { source: cache }
`);
  const volumes = project!.services["hello-web"]!.volumes as { target: string }[];
  assert.equal(
    volumes.map((v) => v.target),
    ["/data", "/a"],
  );
});

test("literal text with control characters YAML cannot carry is bind-mounted as its UTF-8 bytes", () => {
  const { diagnostics, binaryFiles, project } = compile(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /c1: { content: "a\u0090b$x" }
`);
  assert.equal(diagnostics, []);
  assert.equal(project!.configs, undefined);
  assert.equal([...binaryFiles[0]!.bytes], [...new TextEncoder().encode("a\u0090b$x")]);
});

test("text YAML cannot carry that holds a secret or a Compose reference stays an error", () => {
  for (const segment of [{ secret: true }, { secret: false, verbatim: true }]) {
    const workload = workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata: { name: hello }
containers:
  web:
    image: nginx
    files:
      /c1: { content: x }
`);
    workload.containers.web!.files["/c1"] = {
      kind: "text",
      content: {
        segments: [
          { text: "a\u007f", secret: false },
          { text: "s3cret", ...segment },
        ],
      },
    };
    const result = emitCompose(app([workload]), { project: "files" });
    assert.equal(result.files, []);
    assert.equal(result.binaryFiles, []);
    assert.equal(
      result.diagnostics.map((d) => d.code),
      ["TARGET_UNSUPPORTED"],
    );
    assert.match(result.diagnostics[0]!.message, /cannot be bind-mounted either/);
  }
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
      /blob: { binaryContent: "not base64!" }
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

test("config names stay readable for plain paths and get a hash otherwise", () => {
  assert.is(configName("w-c", "/etc/nginx/nginx.conf"), "w-c-etc_nginx_nginx.conf");
  assert.match(configName("w-c", "/etc/my_app/x.conf"), /^w-c-etc_my_app_x\.conf-[0-9a-f]{8}$/);
  assert.match(configName("w-c", "/a b"), /^w-c-a_b-[0-9a-f]{8}$/);
  assert.is.not(configName("w-c", "/a_b"), configName("w-c", "/a/b"));
  assert.is.not(configName("w-c", "relative"), configName("w-c", "/relative"));
});

test.run();
