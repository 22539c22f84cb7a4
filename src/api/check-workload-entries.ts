/**
 * `rules check` for policies and patches: each must be reachable (some declared environment and target satisfies
 * its criteria), and each patch must apply to the objects it selects in a synthetic workload of every target it
 * matches; a patch that selects nothing there is a warning (it may still select objects of real workloads).
 */
import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { where } from "../rules/load.js";
import { describeSelector } from "../rules/patches.js";
import { environmentUniverse, TARGETS, type RulesTable } from "../rules/types.js";
import type { WorkloadPatch } from "../rules/workload-rules.js";
import { planPatches } from "../rules/patch-plan.js";
import { EMITTERS } from "./emitters/index.js";
import { compileWith } from "./pipeline.js";

// Every object kind a workload makes: a container with variables and a file, a service port, a secret variable.
const SYNTHETIC = (name: string) => `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
containers:
  main:
    image: registry.example/app@sha256:${"0".repeat(64)}
    variables:
      MODE: synthetic
    files:
      /etc/app/config.txt:
        content: synthetic
    resources:
      limits: { cpu: 500m, memory: 256Mi }
      requests: { cpu: 100m, memory: 128Mi }
service:
  ports:
    web: { port: 8080 }
`;

/** Diagnostics for the policies and patches of a loaded table. */
export function checkWorkloadEntries(table: RulesTable): Diagnostic[] {
  const universe = environmentUniverse(table);
  const envs = Object.values(universe);
  const out: Diagnostic[] = [];
  for (const entry of [...(table.policies ?? []), ...(table.patches ?? [])]) {
    const what = "select" in entry ? "patch" : "policy";
    const reachable = envs.some(
      (e) =>
        (!entry.match.env || entry.match.env.includes(e.id)) &&
        (!entry.match.envType || entry.match.envType.includes(e.type)),
    );
    if (!reachable)
      out.push(
        warning(
          "RULES_UNREACHABLE",
          `${what} "${entry.id}" applies in no declared environment (env and envType exclude each other, or no environment has that type)`,
          entry.origin.locate(["match"], "key"),
          "declare an environment it matches, or fix its criteria",
        ),
      );
  }
  for (const patch of table.patches ?? []) out.push(...checkPatch(patch, table));
  const seen = new Set<string>();
  return out.filter((d) => {
    const key = `${d.code}\u0000${d.file}\u0000${d.range?.start.offset}\u0000${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

// The synthetic workload is named so that the patch's own criteria and name pattern can select it.
function syntheticName(patch: WorkloadPatch): string {
  if (patch.match.workload) return patch.match.workload[0]!;
  const fromSelector = patch.select.name?.replace(/\*/g, "x").replace(/-main$/, "");
  return fromSelector !== undefined && /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(fromSelector)
    ? fromSelector
    : "example";
}

/**
 * Compiles the synthetic workload for every target the patch matches, in the first declared environment it
 * matches, with every patch of the table that applies there (in plan order), so that a patch is checked against
 * the objects as the broader patches leave them.
 */
function checkPatch(patch: WorkloadPatch, table: RulesTable): Diagnostic[] {
  const out: Diagnostic[] = [];
  const universe = environmentUniverse(table);
  const env = Object.values(universe).find(
    (e) =>
      (!patch.match.env || patch.match.env.includes(e.id)) &&
      (!patch.match.envType || patch.match.envType.includes(e.type)),
  );
  if (!env) return out;
  const name = syntheticName(patch);
  const app = patch.match.app?.[0] ?? "app";
  const unmatched: string[] = [];
  for (const target of patch.match.target ?? TARGETS) {
    const used = new Set<WorkloadPatch>();
    const plan = planPatches(
      table.patches ?? [],
      [],
      [name],
      { app, env: env.id, envType: env.type, target },
      universe,
    );
    const result = compileWith(
      { sources: [{ path: "synthetic.score.yaml", text: SYNTHETIC(name) }], target, app, noDefaultRules: true },
      (a, input) => EMITTERS[target](a, input, { workloadPatches: plan, usedPatches: used }),
    );
    for (const d of result.diagnostics) {
      if (d.severity !== "error") continue;
      if (d.file === patch.origin.file)
        out.push({ ...d, message: `${d.message} (target ${target}, synthetic workload "${name}")` });
      else
        out.push(
          error(
            d.code,
            `patch "${patch.id}" breaks a synthetic workload "${name}" for target ${target}: ${d.message}`,
            patch.origin.locate(["patch"], "key"),
          ),
        );
    }
    if (!used.has(patch)) unmatched.push(target);
  }
  if (unmatched.length > 0) {
    out.push(
      warning(
        "PATCH_NO_MATCH",
        `patch "${patch.id}" (${describeSelector(patch.select)}) selects no object of a synthetic workload for target ${unmatched.join(", ")}; objects are Kubernetes kinds (kubernetes, helm), Values (helm) and service (compose)`,
        patch.origin.locate(["select"], "key"),
        `check the kind and name; defined at ${where(patch.origin.locate(["id"]))}`,
      ),
    );
  }
  return out;
}
