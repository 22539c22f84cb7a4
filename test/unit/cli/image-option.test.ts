import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../../../src/cli/main.js";
import { compile, validate } from "../../../src/index.js";
import { memoryIO } from "../../helpers/memory-io.js";

const workload = (name: string, image = ".") =>
  `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\n  annotations:\n    version: "1.2"\ncontainers:\n  main:\n    image: ${image}\n`;
const images = (text: string) => [...text.matchAll(/image: (\S+)/g)].map((m) => m[1]);

test("--image WORKLOAD=IMAGE per workload; a plain --image fills the others", async () => {
  const io = memoryIO({ "api.yaml": workload("api"), "web.yaml": workload("web") });
  assert.is(
    await run(
      ["compile", "api.yaml", "web.yaml", "--image", "api=reg/api:1", "--image", "reg/default:3", "-o", "-"],
      io,
    ),
    0,
  );
  assert.equal(images(io.stdoutText()), ["reg/api:1", "reg/default:3"]);
  const each = memoryIO({ "api.yaml": workload("api"), "web.yaml": workload("web") });
  assert.is(
    await run(
      ["compile", "api.yaml", "web.yaml", "--image", "web=reg/web:2", "--image", "api=reg/api:1", "-o", "-"],
      each,
    ),
    0,
  );
  assert.equal(images(each.stdoutText()), ["reg/api:1", "reg/web:2"]);
});

test("--image mistakes: two plain images are a usage error; an unknown workload is an error naming the workloads", async () => {
  const twice = memoryIO({ "api.yaml": workload("api") });
  assert.is(await run(["compile", "api.yaml", "--image", "a:1", "--image", "b:2"], twice), 2);
  assert.match(twice.stderrText(), /--image given twice without a workload/);
  const unknown = compile({
    sources: [{ path: "api.yaml", text: workload("api") }],
    overrides: { images: { apj: "x:1" }, image: "y:1" },
  });
  assert.equal(
    unknown.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.message, d.hint]),
    [["OVERRIDE_INVALID_VALUE", '--image apj=x:1: no workload is named "apj"', 'did you mean "api"? workloads: api']],
  );
});

test("${metadata.*} placeholders in image are expanded for every target; a resource placeholder there is an error", () => {
  const text = workload("api", "registry.example/${metadata.name}:${metadata.annotations.version}");
  for (const target of ["compose", "kubernetes", "helm"] as const) {
    const r = compile({ sources: [{ path: "api.yaml", text }], target });
    assert.equal(
      r.diagnostics.filter((d) => d.severity === "error"),
      [],
      target,
    );
    assert.match(r.files[0]!.text, /registry\.example\/api:1\.2/, target);
  }
  const bad = validate({
    sources: [
      { path: "api.yaml", text: workload("api", "x/${resources.db.host}") + "resources:\n  db:\n    type: postgres\n" },
    ],
  });
  assert.equal(
    bad.diagnostics.map((d) => [d.code, d.range?.start.line]),
    [["SCORE_PLACEHOLDER_UNKNOWN_ROOT", 8]],
  );
  const typo = validate({ sources: [{ path: "api.yaml", text: workload("api", "x/${metadata.nmae}") }] });
  assert.equal(
    typo.diagnostics.map((d) => [d.code, d.hint]),
    [["PLACEHOLDER_INVALID_REF", 'did you mean "name"?']],
  );
});

test.run();
