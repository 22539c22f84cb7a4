import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { compile } from "../../../src/api/compile.js";

// Docker Compose interpolates `$` in the whole file: a value spliced into a rule's compose artifact must reach the
// container as it is, so the target doubles its `$`; the rule's own text (written with `$$`) is left alone.
const score = (routeMetadata = "") => `apiVersion: score.dev/v1b1
metadata:
  name: app
containers:
  main:
    image: app
service:
  ports:
    web:
      port: 8080
resources:
  thing:
    type: thing
    params:
      word: "it's $HOME and $(id)"
  dns:
    type: dns
  route:
    type: route${routeMetadata}
    params: { host: "\${resources.dns.host}", path: /api, port: 8080 }
`;
const rules = `apiVersion: scorec.dev/v1alpha1
kind: Rules
rules:
  - id: thing
    match: { type: thing, target: compose }
    artifacts:
      compose:
        services:
          thing:
            image: x
            command: [sh, -c, "printf '%s|%s' \${shell.quote(resource.params.word)} \\"$$HOME\\""]
`;

function composeFile(text: string) {
  const r = compile({
    sources: [{ path: "score.yaml", text }],
    target: "compose",
    seed: "s",
    rules: [{ path: "rules.yaml", text: rules }],
  });
  assert.equal(
    r.diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  return parse(r.files[0]!.text);
}

/** Compose's interpolation for a file without variables: `$$` is `$`, any other `$` would be a variable. */
const uncompose = (text: string) => text.replace(/\$\$|\$/g, (m) => (m === "$" ? "<interpolated>" : "$"));

test("a value with $ in a compose artifact reaches the shell as it is; the rule's own $$ stays a Compose escape", () => {
  const command: string[] = composeFile(score()).services.thing.command;
  assert.is(command[2], "printf '%s|%s' 'it'\\''s $$HOME and $$(id)' \"$$HOME\"");
  const run = spawnSync("sh", ["-c", uncompose(command[2]!)], {
    encoding: "utf8",
    env: { HOME: "/home/x", PATH: process.env.PATH },
  });
  assert.is(run.stdout, "it's $HOME and $(id)|/home/x");
});

test("an nginx snippet annotation with $variables reaches the router's config as nginx text", () => {
  const file = composeFile(
    score(
      '\n    metadata:\n      annotations:\n        compose.score.dev/route-provisioner-location-snippet: "proxy_set_header Host $host;"',
    ),
  );
  const content = Object.entries(file.configs).find(([name]) => name.includes("-route-"))![1] as { content: string };
  assert.match(uncompose(content.content), "proxy_set_header Host $host;");
  assert.not.match(uncompose(content.content), "<interpolated>");
});

test.run();
