import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { emitCompose } from "../../../src/targets/compose/index.js";
import { composeCpus, composeMemory } from "../../../src/targets/compose/resource-limits.js";
import { corpusPath, readText } from "../../helpers/corpus.js";
import { app, resource, workloadFromYaml } from "./app-builder.js";

const volumes = suite("volumes");

volumes("volume, bind and tmpfs outputs become mounts (score-compose volume-types case)", () => {
  const workload = workloadFromYaml(
    readText(corpusPath("score-compose", "generate", "volume-types-new-map-spec", "score.yaml")),
  );
  const resources = [
    resource("tmp-volume.default#example.v1", { outputs: { type: "tmpfs", tmpfs: { size: 10000000 } } }),
    resource("bind-volume.default#example.v2", { outputs: { type: "bind", source: "/dev/something", bind: {} } }),
    resource("volume.default#example.v3", {
      outputs: { type: "volume", source: "named-volume" },
      artifacts: { compose: { volumes: { "named-volume": {} } } },
    }),
  ];
  const result = emitCompose(app([workload], resources), { project: "001" });
  assert.equal(result.diagnostics, []);
  const project = parse(result.files[0]!.text) as { name: string; services: Record<string, { volumes: unknown }> };
  assert.is(project.name, "001");
  // score-compose also writes `source: tmp-volume.default#example.v1` on the tmpfs mount; a tmpfs has no source.
  assert.equal(project.services["example-example"]!.volumes, [
    { type: "tmpfs", target: "/mnt/v1", tmpfs: { size: "10000000" } },
    { type: "bind", source: "/dev/something/thing", target: "/mnt/v2", bind: {} },
    { type: "volume", source: "named-volume", target: "/mnt/v3", volume: { subpath: "other/thing" } },
  ]);
});

volumes("a literal source is a named volume, declared so Compose accepts it", () => {
  const workload = workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata: { name: w }
containers:
  c:
    image: busybox
    volumes:
      /data: { source: shared-data, readOnly: true }
`);
  const result = emitCompose(app([workload]), { project: "p" });
  const project = parse(result.files[0]!.text) as { volumes: unknown; services: Record<string, { volumes: unknown }> };
  assert.equal(project.volumes, { "shared-data": { name: "shared-data" } });
  assert.equal(project.services["w-c"]!.volumes, [
    { type: "volume", source: "shared-data", target: "/data", read_only: true },
  ]);
});

volumes("bad volume outputs are located errors", () => {
  const workload = workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata: { name: w }
containers:
  c:
    image: busybox
    volumes:
      /a: { source: "\${resources.a}" }
      /b: { source: "\${resources.b}", path: sub }
      /c: { source: "\${resources.c}" }
      /d: { source: "./not a name" }
resources:
  a: { type: thing }
  b: { type: tmp }
  c: { type: vol }
`);
  const resources = [
    resource("thing.default#w.a", { outputs: { type: "nfs" } }),
    resource("tmp.default#w.b", { outputs: { type: "tmpfs" } }),
    resource("vol.default#w.c", { outputs: { type: "volume" } }),
  ];
  const result = emitCompose(app([workload], resources), { project: "p" });
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.pointer]),
    [
      ["TARGET_INVALID_OUTPUT", "/containers/c/volumes/~1a"],
      ["TARGET_INVALID_OUTPUT", "/containers/c/volumes/~1b"],
      ["TARGET_INVALID_OUTPUT", "/containers/c/volumes/~1c"],
      ["TARGET_INVALID_OUTPUT", "/containers/c/volumes/~1d"],
    ],
  );
});

const limits = suite("resource limits");

limits("cpu quantities", () => {
  assert.is(composeCpus("500m"), "0.5");
  assert.is(composeCpus("1000m"), "1");
  assert.is(composeCpus("1500m"), "1.5");
  assert.is(composeCpus("5m"), "0.005");
  assert.is(composeCpus("0.24"), "0.24");
  assert.is(composeCpus("2"), "2");
});

limits("memory quantities: binary units map, decimal units become bytes", () => {
  assert.is(composeMemory("128Mi"), "128m");
  assert.is(composeMemory("10Gi"), "10g");
  assert.is(composeMemory("128M"), "128000000");
  assert.is(composeMemory("1.5Gi"), "1610612736");
  assert.is(composeMemory("0.5"), "1");
  assert.is(composeMemory("1024"), "1024");
  assert.is(composeMemory("2E"), "2000000000000000000");
});

limits("limits and requests become deploy.resources", () => {
  const workload = workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata: { name: w }
containers:
  c:
    image: busybox
    resources:
      limits: { cpu: 250m, memory: 128Mi }
      requests: { memory: 64M }
`);
  const project = parse(emitCompose(app([workload]), { project: "p" }).files[0]!.text) as {
    services: Record<string, { deploy: unknown }>;
  };
  assert.equal(project.services["w-c"]!.deploy, {
    resources: { limits: { cpus: "0.25", memory: "128m" }, reservations: { memory: "64000000" } },
  });
});

volumes.run();
limits.run();
