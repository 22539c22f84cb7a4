import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compile, type CompileResult } from "../src/index.js";
import { ROOT } from "./helpers/corpus.js";
import { compileInput, type InputSpec } from "./helpers/interleaved-inputs.js";

// The library keeps no state from one compile to the next that a result could show: compiles interleaved in one
// process, one even inside another (from its file reader), give exactly what each gives alone in a fresh process.

const API = `apiVersion: score.dev/v1b1
metadata: { name: api }
containers:
  main:
    image: ghcr.io/acme/api:1
    variables:
      DB: "postgres://\${resources.db.username}:\${resources.db.password}@\${resources.db.host}/\${resources.db.database}"
      CACHE: "\${resources.cache.host}:\${resources.cache.port}"
    files:
      /etc/api/config.txt:
        source: ./config.txt
service:
  ports:
    web: { port: 80, targetPort: 8080 }
resources:
  db: { type: postgres }
  cache: { type: redis, id: shared-cache }
`;

const WORKER = `apiVersion: score.dev/v1b1
metadata: { name: worker }
containers:
  main:
    image: ghcr.io/acme/worker:2
    variables:
      DB: "postgres://\${resources.db.username}:\${resources.db.password}@\${resources.db.host}/\${resources.db.database}"
      CACHE: "\${resources.cache.host}"
      API: "\${resources.api.hostname}"
resources:
  db: { type: postgres }
  cache: { type: redis, id: shared-cache }
  api: { type: service-port, params: { workload: api, port: web } }
`;

const BROKEN = `apiVersion: score.dev/v1b1
metadata: { name: broken }
containers:
  main:
    image: nginx
    variables:
      X: "\${resources.missing.host}"
`;

const config = { "config.txt": "listen 8080\nsecret ${resources.db.password}\n" };
const INPUTS: Record<string, InputSpec> = {
  composeSeedOne: {
    input: {
      sources: [
        { path: "api/score.yaml", text: API },
        { path: "worker.yaml", text: WORKER },
      ],
      target: "compose",
      seed: "seed-one",
      app: "shop",
    },
    files: { "api/config.txt": config["config.txt"] },
  },
  kubernetesSeedTwo: {
    input: {
      sources: [
        { path: "worker.yaml", text: WORKER },
        { path: "api/score.yaml", text: API },
      ],
      target: "kubernetes",
      seed: "seed-two",
      app: "shop",
      namespace: "prod",
      environment: "local",
    },
    files: { "api/config.txt": "other\n" },
  },
  helmNoSeed: {
    input: { sources: [{ path: "api/score.yaml", text: API }], target: "helm", app: "single" },
    files: { "api/config.txt": "x" },
  },
  broken: { input: { sources: [{ path: "score.yaml", text: BROKEN }], target: "compose", seed: "seed-three" } },
};

function alone(spec: InputSpec): string {
  return execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "test/helpers/compile-alone.ts")], {
    input: JSON.stringify(spec),
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
}

const json = (result: CompileResult) => JSON.stringify(result);

test("interleaved compiles with different seeds, targets and inputs give what each gives alone", () => {
  const expected = Object.fromEntries(Object.entries(INPUTS).map(([name, spec]) => [name, alone(spec)]));
  for (const [name, result] of Object.entries(expected)) {
    const parsed = JSON.parse(result) as CompileResult;
    assert.ok(
      name === "broken" ? parsed.diagnostics.some((d) => d.severity === "error") : parsed.files.length > 0,
      `${name} is a meaningful case`,
    );
  }
  assert.is.not(expected.composeSeedOne, expected.kubernetesSeedTwo);

  const order = [
    "composeSeedOne",
    "kubernetesSeedTwo",
    "composeSeedOne",
    "helmNoSeed",
    "broken",
    "kubernetesSeedTwo",
    "helmNoSeed",
    "composeSeedOne",
    "broken",
  ];
  for (const name of order) assert.is(json(compile(compileInput(INPUTS[name]!))), expected[name], `${name} in turn`);

  // Compiles started from inside others, while the outer one is reading its file sources.
  const inner: string[] = [];
  const innermost = () => void inner.push(json(compile(compileInput(INPUTS.helmNoSeed!))));
  const middle = () => void inner.push(json(compile(compileInput(INPUTS.composeSeedOne!, innermost))));
  const outer = compile(compileInput(INPUTS.kubernetesSeedTwo!, middle));
  assert.is(json(outer), expected.kubernetesSeedTwo);
  assert.equal(inner, [expected.helmNoSeed, expected.composeSeedOne]);
});

test.run();
