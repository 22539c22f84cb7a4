import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { compile } from "../../../src/index.js";

// Compose interpolates every string value of the file ($X, ${X}, $$), not only `environment`. A Score file whose
// strings hold `$` (literal text in Score, `$$` being Score's own escape) must compile to a Compose file in which no
// string value would be interpolated: after taking out the `$$` pairs no `$` is left. The Score file puts `$` in
// every position a workload's text reaches: annotations, image, variables, command, args, file content (expanded and
// not), file and volume targets, probe commands and paths.
const runs = Number(process.env.FC_RUNS ?? 60);

const dollarText = fc
  .array(fc.constantFrom("$", "$$", "${", "$X", "${HOME}", "$(X)", "}", "a", "-", "é", " "), {
    minLength: 1,
    maxLength: 5,
  })
  .map((parts) => parts.join(""))
  // A Score placeholder (`${...}` not preceded by `$`) would need a resource; keep only literal text and escapes.
  .filter((s) => !/(^|[^$])\$\{/.test(s.replace(/\$\$/g, "")));

/** Every string value of a parsed YAML document, with its path. */
function stringValues(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringValues(v, `${path}/${i}`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => stringValues(v, `${path}/${k}`));
  return [];
}

const interpolated = (s: string) => s.replace(/\$\$/g, "").includes("$");

test("no string of the Compose output is interpolated by Compose: every position a Score string reaches", () => {
  fc.assert(
    fc.property(fc.array(dollarText, { minLength: 10, maxLength: 10 }), (t) => {
      const spec = {
        apiVersion: "score.dev/v1b1",
        metadata: { name: "web", annotations: { "example.com/motd": t[0], note: t[1] } },
        containers: {
          main: {
            image: `nginx${t[2]!.replace(/[^$]/g, "")}`,
            command: ["/bin/sh", t[3]],
            args: ["-c", t[4]],
            variables: { A: t[5], B: `x${t[6]}` },
            files: {
              [`/etc/app/${t[7]!.replace(/[^$a-z]/g, "") || "f"}.conf`]: { content: t[8] },
              "/etc/app/raw.conf": { content: t[9], noExpand: true },
            },
            volumes: { [`/data/${t[1]!.replace(/[^$a-z]/g, "") || "d"}`]: { source: "${resources.data}" } },
            livenessProbe: { exec: { command: ["check", t[2]] } },
            readinessProbe: { httpGet: { port: 80, path: `/health${t[3]!.replace(/[^$a-z]/g, "")}` } },
          },
        },
        resources: { data: { type: "volume" } },
      };
      const r = compile({ sources: [{ path: "score.yaml", text: stringify(spec) }], target: "compose" });
      const errors = r.diagnostics.filter((d) => d.severity === "error");
      if (errors.length > 0) return; // some generated values are invalid Score (an image of only "$"); not this property
      const doc = parse(r.files[0]!.text) as unknown;
      const bad = stringValues(doc).filter(([, v]) => interpolated(v));
      assert.equal(bad, [], `strings Compose would interpolate in\n${r.files[0]!.text}`);
    }),
    { numRuns: runs, seed: 18 },
  );
});

test("annotations that name a host variable reach the service unexpanded", () => {
  const text =
    'apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n  annotations:\n    motd: "${AWS_SECRET_ACCESS_KEY}"\ncontainers:\n  main:\n    image: nginx\n';
  const r = compile({ sources: [{ path: "score.yaml", text }], target: "compose" });
  assert.equal(
    r.diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  const service = (parse(r.files[0]!.text) as { services: Record<string, { annotations: Record<string, string> }> })
    .services["web-main"]!;
  assert.is(service.annotations.motd, "$${AWS_SECRET_ACCESS_KEY}");
});

test.run();
