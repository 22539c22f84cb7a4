import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { checkPolicies } from "../rules/evaluate-policies.js";
import { environmentUniverse } from "../rules/types.js";
import { planPatches } from "../rules/patch-plan.js";
import type { PatchPlan } from "../rules/workload-rules.js";
import type { CompileInput } from "./compile-input.js";
import { splitPatchFiles } from "./patch-files.js";
import type { PreparedResolution } from "./resolve.js";

/** The policies of the user's rules against every workload, before anything is resolved or written. */
export function policyDiagnostics(prepared: PreparedResolution): Diagnostic[] {
  const policies = prepared.rules?.policies;
  const env = environmentUniverse(prepared.rules)[prepared.environment];
  // An undeclared environment is reported by resolution; no policy can be matched against it.
  if (!policies || !env) return [];
  return checkPolicies(prepared.workloads, policies, {
    app: prepared.app,
    env: env.id,
    envType: env.type,
    target: prepared.target,
  });
}

/**
 * The workload patches of a compile, planned per workload: the rules tables' (most specific last), then the
 * selector-form `--patch` files'. `input` keeps only the index-addressed patch files, which the targets apply to the
 * whole artifact as before.
 */
export function patchPlan(
  prepared: PreparedResolution,
  input: CompileInput,
): { plan: PatchPlan; input: CompileInput; diagnostics: Diagnostic[] } {
  const files = input.patches ? splitPatchFiles(input.patches) : { indexed: [], selected: [], diagnostics: [] };
  const universe = environmentUniverse(prepared.rules);
  const env = universe[prepared.environment];
  const context = { app: prepared.app, env: prepared.environment, envType: env?.type ?? "", target: prepared.target };
  const plan = planPatches(
    prepared.rules?.patches ?? [],
    files.selected,
    prepared.workloads.map((w) => w.name),
    context,
    universe,
  );
  const rest: CompileInput = { ...input };
  if (input.patches) rest.patches = files.indexed;
  return { plan, input: rest, diagnostics: files.diagnostics };
}
