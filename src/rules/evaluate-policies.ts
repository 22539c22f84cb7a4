/**
 * Checks Score workloads (after overrides) against the policies that match them. Every violation is a
 * POLICY_VIOLATION at the offending value of the Score file (found through the schema error's instance path), with
 * the policy's own location as a second line; all of them are reported at once.
 */
import { error, related, type Diagnostic } from "../diagnostics/diagnostic.js";
import { fromPointer } from "../shared/json-pointer.js";
import type { LoadedWorkload } from "../validate/load-workloads.js";
import { workloadMismatch } from "./workload-match.js";
import type { Policy, PolicyError, WorkloadPoint } from "./workload-rules.js";

/** The compile's context: everything of a workload point but the workload. */
export type CompileContext = Omit<WorkloadPoint, "workload">;

/** Every policy violation of every workload. */
export function checkPolicies(workloads: readonly LoadedWorkload[], policies: readonly Policy[], context: CompileContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const workload of workloads) {
    for (const policy of policies) {
      if (!policy.validate || workloadMismatch(policy.match, { ...context, workload: workload.name }) !== undefined) continue;
      for (const problem of violations(policy.validate(workload.spec))) {
        const missing = problem.keyword === "required" ? (problem.params as { missingProperty?: string }).missingProperty : undefined;
        const extra = problem.keyword === "additionalProperties" ? (problem.params as { additionalProperty?: string }).additionalProperty : undefined;
        const path = fromPointer(problem.instancePath);
        // An unexpected key is shown at the key itself, not at the mapping that holds it.
        const at = extra !== undefined ? workload.locate([...path, extra], "key") : workload.locate(path, missing !== undefined ? "key" : "value");
        const shown = path.length > 0 ? path.join(".") : "the workload";
        const what = missing !== undefined ? `${shown} has no ${missing}` : extra !== undefined ? `${shown} has ${extra}, which the policy does not allow` : `${shown} ${problem.message ?? "is not allowed"}`;
        diagnostics.push(
          { ...error("POLICY_VIOLATION", `workload "${workload.name}" breaks policy "${policy.id}": ${policy.message} (${what})`, at, policyHint(problem)), related: [related(`policy "${policy.id}"`, policy.origin.locate(["id"]))] },
        );
      }
    }
  }
  return diagnostics;
}

/** The policies that apply to a workload, with the first failing criterion of those that do not. */
export function policiesFor(policies: readonly Policy[], point: WorkloadPoint): { policy: Policy; mismatch?: string }[] {
  return policies.map((policy) => {
    const mismatch = workloadMismatch(policy.match, point);
    return mismatch === undefined ? { policy } : { policy, mismatch };
  });
}

// ajv reports a failed `if` as well as the `then` errors it caused; the latter say what to change.
function violations(errors: readonly PolicyError[]): PolicyError[] {
  const seen = new Set<string>();
  const out: PolicyError[] = [];
  for (const e of errors) {
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}`;
    if (e.keyword === "if" || seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

function policyHint(problem: PolicyError): string | undefined {
  if (problem.keyword === "pattern") return `the value must match ${(problem.params as { pattern: string }).pattern}`;
  if (problem.keyword === "enum") return `allowed values: ${((problem.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(", ")}`;
  return undefined;
}
