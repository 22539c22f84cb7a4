/**
 * Which patches apply to each workload, and in which order: a patch whose match set is strictly contained in
 * another's applies after it (most specific last, the rules' own notion of specificity); patches that neither
 * contains apply by id and remember each other, so that the target can refuse them where they collide.
 * Patches from `--patch` files have no criteria and apply last, in the order given.
 */
import { isStrictSubset, type MatchSet } from "./match-set.js";
import type { EnvironmentDecl } from "./types.js";
import { workloadMatchSet, workloadMismatch } from "./workload-match.js";
import type { PatchPlan, PlannedPatch, WorkloadPatch, WorkloadPoint } from "./workload-rules.js";

/** Plans the patches of every workload. */
export function planPatches(
  tablePatches: readonly WorkloadPatch[],
  filePatches: readonly WorkloadPatch[],
  workloads: readonly string[],
  context: Omit<WorkloadPoint, "workload">,
  environments: Readonly<Record<string, EnvironmentDecl>>,
): PatchPlan {
  const sets = new Map<WorkloadPatch, MatchSet>(tablePatches.map((p) => [p, workloadMatchSet(p.match, environments)]));
  const plan = new Map<string, PlannedPatch[]>();
  // Workloads that the same patches match share one ordered list (usually all of them: few patches name workloads).
  const shared = new Map<string, PlannedPatch[]>();
  for (const workload of workloads) {
    const matching = tablePatches.filter((p) => workloadMismatch(p.match, { ...context, workload }) === undefined);
    const key = matching.map((p) => p.id).join("\u0000");
    let entries = shared.get(key);
    if (!entries) {
      entries = orderBySpecificity(matching, sets).map((patch) => ({ patch, unordered: new Set(matching.filter((o) => o !== patch && !isStrictSubset(sets.get(o)!, sets.get(patch)!) && !isStrictSubset(sets.get(patch)!, sets.get(o)!)).map((o) => o.id)) }));
      for (const patch of filePatches) entries.push({ patch, unordered: new Set() });
      shared.set(key, entries);
    }
    if (entries.length > 0) plan.set(workload, entries);
  }
  return plan;
}

// Repeatedly takes the patches no remaining patch is broader than (by id), so broader patches always come first.
function orderBySpecificity(patches: readonly WorkloadPatch[], sets: ReadonlyMap<WorkloadPatch, MatchSet>): WorkloadPatch[] {
  const remaining = [...patches].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: WorkloadPatch[] = [];
  while (remaining.length > 0) {
    const next = remaining.filter((p) => !remaining.some((q) => q !== p && isStrictSubset(sets.get(p)!, sets.get(q)!)));
    for (const p of next) {
      out.push(p);
      remaining.splice(remaining.indexOf(p), 1);
    }
  }
  return out;
}
