import { generateApp } from "../fixtures/generate-app.js";
import { ROOT } from "../lib/paths.js";
import { formatMs, summarize } from "../lib/stats.js";
import { atMost, formatRatio, type Row } from "../lib/table.js";

const GOAL = atMost(1.2);

const ENVIRONMENTS = `apiVersion: scorec.dev/v1alpha1
kind: Rules
environments:
  prod: { type: production }
`;

// A production hardening table: three policies every workload passes and four patches on every workload.
const HARDENING = `${ENVIRONMENTS}policies:
  - id: images-named
    match: { envType: production }
    workload: { properties: { containers: { additionalProperties: { required: [image], properties: { image: { minLength: 1 } } } } } }
    message: every container names its image
  - id: workload-named
    workload: { required: [metadata], properties: { metadata: { properties: { name: { pattern: "^[a-z0-9-]+$" } } } } }
    message: workload names are DNS labels
  - id: no-host-paths
    match: { target: kubernetes }
    workload: { not: { required: [hostPath] } }
    message: no host paths
patches:
  - id: replicas
    match: { target: kubernetes }
    select: { kind: Deployment }
    patch: [{ op: add, path: /spec/replicas, value: 2 }]
  - id: replicas-prod
    match: { target: kubernetes, envType: production }
    select: { kind: Deployment }
    patch: [{ op: replace, path: /spec/replicas, value: 3 }]
  - id: grace
    match: { envType: production }
    select: { kind: Deployment }
    patch: [{ op: add, path: /spec/template/spec/terminationGracePeriodSeconds, value: 45 }]
  - id: service-annotation
    select: { kind: Service }
    patch: [{ op: add, path: /metadata/annotations/team, value: platform }]
`;

/**
 * In-process compile of a generated app (kubernetes, env prod) with a rules table of only environments (baseline)
 * and with the hardening table above (policies compiled once per compile, as each compile loads its rules).
 */
export async function policiesCost(options: { size: number; samples: number }): Promise<Row[]> {
  const { compile } = (await import(`${ROOT}/dist/index.js`)) as typeof import("../../src/index.js");
  const sources = generateApp(options.size).map((w) => ({ path: w.path, text: w.text }));
  const gc = (globalThis as { gc?: () => void }).gc;
  const run = (rules: string) => {
    // Each compile allocates hundreds of MiB; a collection left over from the previous one would be charged to this one.
    gc?.();
    const start = performance.now();
    const result = compile({
      sources,
      rules: [{ path: "rules.yaml", text: rules }],
      target: "kubernetes",
      environment: "prod",
      seed: "bench",
      app: "bench",
    });
    const ms = performance.now() - start;
    if (result.diagnostics.some((d) => d.severity === "error"))
      throw new Error(`bench compile failed: ${result.diagnostics.find((d) => d.severity === "error")!.message}`);
    return ms;
  };
  for (let i = 0; i < 2; i++) {
    run(ENVIRONMENTS);
    run(HARDENING);
  }
  const base: number[] = [];
  const hardened: number[] = [];
  // Alternating runs, so that a slow phase of a shared machine hits both alike.
  for (let i = 0; i < options.samples; i++) {
    base.push(run(ENVIRONMENTS));
    hardened.push(run(HARDENING));
  }
  const b = summarize(base).median;
  const h = summarize(hardened).median;
  return [
    {
      figure: `Policies and patches, ${options.size.toLocaleString("en-US")} workloads, -t kubernetes (3 policies, 4 patches)`,
      value: formatMs(h),
      baseline: `same compile without them: ${formatMs(b)}`,
      ratio: formatRatio(h / b),
      goal: GOAL.text,
      pass: GOAL.check(h / b),
    },
  ];
}
