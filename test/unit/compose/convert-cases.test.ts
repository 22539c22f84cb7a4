import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { emitCompose } from "../../../src/targets/compose/index.js";
import { corpusPath, listDirs, readText } from "../../helpers/corpus.js";
import { app, resource, workloadFromYaml } from "./app-builder.js";

// score-compose's ConvertSpec cases (internal/compose/convert_test.go), compared on the services they expect.
const dir = corpusPath("score-compose", "convert");

// Where score-compose's output is broken, ours differs on purpose (docs/compose.md): a container that must start
// before the network owner cannot share its namespace, or Compose sees a dependency cycle.
const DEVIATIONS: Record<string, unknown> = {
  "before-mixed": {
    "test-init": { image: "busybox", annotations: { "compose.score.dev/workload-name": "test" } },
    "test-main": {
      image: "nginx",
      network_mode: "service:test-sidecar",
      depends_on: {
        "test-init": { condition: "service_completed_successfully", required: true },
        "test-sidecar": { condition: "service_started", required: true },
      },
      annotations: { "compose.score.dev/workload-name": "test" },
    },
    "test-sidecar": { image: "envoy", hostname: "test", annotations: { "compose.score.dev/workload-name": "test" } },
  },
  "before-chained-started": {
    "test-init-one": { image: "busybox", hostname: "test", annotations: { "compose.score.dev/workload-name": "test" } },
    "test-init-two": {
      image: "busybox",
      network_mode: "service:test-init-one",
      depends_on: { "test-init-one": { condition: "service_started", required: true } },
      annotations: { "compose.score.dev/workload-name": "test" },
    },
    "test-main": {
      image: "nginx",
      network_mode: "service:test-init-one",
      depends_on: { "test-init-two": { condition: "service_started", required: true } },
      annotations: { "compose.score.dev/workload-name": "test" },
    },
  },
};

// Resources that the cases' fake provisioners stand for; the named volume is declared so the file is valid.
const RESOURCES = [
  resource("volume.default#test.data", {
    outputs: { type: "volume", source: "example" },
    artifacts: { compose: { volumes: { example: {} } } },
  }),
];

const withServices = listDirs(dir).filter((name) =>
  readText(`${dir}/${name}/case.yaml`).includes("services: expected-services.yaml"),
);

test("the corpus has the convert cases this test expects", () => {
  assert.ok(withServices.length >= 9, withServices.join(", "));
});

for (const name of withServices) {
  if (name === "resource-references-env-tracker") continue; // legacy env-tracker outputs, not a rules feature
  test(`convert case ${name}`, () => {
    const workload = workloadFromYaml(readText(`${dir}/${name}/score.yaml`));
    const used = RESOURCES.filter((r) => Object.values(workload.resourceUids).includes(r.uid));
    const result = emitCompose(app([workload], used), { project: "test" });
    assert.equal(
      result.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    const services = (parse(result.files[0]!.text) as { services: unknown }).services;
    const expected =
      DEVIATIONS[name] ?? (parse(readText(`${dir}/${name}/expected-services.yaml`)) as { services: unknown }).services;
    assert.equal(services, expected);
  });
}

test("convert case error-volume-resource-no-type-output", () => {
  const workload = workloadFromYaml(readText(`${dir}/error-volume-resource-no-type-output/score.yaml`));
  const result = emitCompose(app([workload], [resource("thing.default#test.data")]), { project: "test" });
  assert.equal(result.files, []);
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.pointer]),
    [["TARGET_INVALID_OUTPUT", "/containers/test/volumes/~1mnt~1data"]],
  );
});

test("convert case error-before-healthy-without-probe", () => {
  const workload = workloadFromYaml(readText(`${dir}/error-before-healthy-without-probe/score.yaml`));
  const result = emitCompose(app([workload]), { project: "test" });
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.pointer]),
    [["TARGET_UNSUPPORTED", "/containers/init/before/main/ready"]],
  );
});

test.run();
