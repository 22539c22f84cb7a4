/**
 * Reads the `policies` and `patches` of rules documents (after their schema check), merges them across files (an
 * id defined twice is an error at the second definition), compiles the policies' schemas once for the whole load,
 * and checks that the environments they name are declared.
 */
import { error, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import type { SourceDocument } from "../load/yaml-document.js";
import type { DataPath } from "../shared/json-pointer.js";
import { checkOperation } from "../overrides/json-patch.js";
import { toPatch, type RawPatch } from "./patches.js";
import { compilePolicies, toPolicy, type RawPolicy } from "./policies.js";
import { environmentUniverse, type RulesTable } from "./types.js";
import type { Policy, WorkloadPatch } from "./workload-rules.js";

/** Collects the entries of each document in turn; `finish` returns the table's `policies` and `patches`. */
export function readWorkloadEntries() {
  const policies = new Map<string, Policy>();
  const patches = new Map<string, WorkloadPatch>();
  return {
    add(doc: SourceDocument, diagnostics: Diagnostic[]): void {
      const value = doc.value as { policies?: RawPolicy[]; patches?: RawPatch[] };
      const locate: SourceDocument["locate"] = (path, mode, span) => doc.locate(path, mode, span);
      (value.policies ?? []).forEach((raw, index) => keep(policies, toPolicy(raw, index, doc.file, locate), "policy", diagnostics));
      (value.patches ?? []).forEach((raw, index) => keep(patches, toPatch(raw, index, doc.file, ["patches"], locate), "patch", diagnostics));
    },
    finish(diagnostics: Diagnostic[]): Pick<RulesTable, "policies" | "patches"> {
      const sortedPolicies = [...policies.values()].sort(byId);
      diagnostics.push(...compilePolicies(sortedPolicies));
      // Operations are checked once here (forbidden segments, pointer syntax), so `rules check` refuses them too.
      for (const patch of patches.values()) patch.operations.forEach((op, i) => diagnostics.push(...checkOperation(op, i, (path, mode) => patch.origin.locate(["patch", ...path], mode))));
      return { ...(policies.size > 0 ? { policies: sortedPolicies } : {}), ...(patches.size > 0 ? { patches: [...patches.values()].sort(byId) } : {}) };
    },
    checkEnvironments(table: RulesTable): Diagnostic[] {
      const universe = environmentUniverse(table);
      const out: Diagnostic[] = [];
      for (const [what, entries] of [["policy", table.policies ?? []], ["patch", table.patches ?? []]] as const) {
        for (const entry of entries) {
          for (const env of entry.match.env ?? []) {
            if (universe[env]) continue;
            out.push(error("RULES_UNKNOWN_ENVIRONMENT", `${what} "${entry.id}" matches environment "${env}", which no rules file declares`, entry.origin.locate(["match", "env"]), `declared environments: ${Object.keys(universe).join(", ")}`));
          }
        }
      }
      return out;
    },
  };
}

function keep<T extends { id: string; origin: { locate(path: DataPath): Location } }>(into: Map<string, T>, entry: T, what: string, diagnostics: Diagnostic[]): void {
  const previous = into.get(entry.id);
  if (!previous) {
    into.set(entry.id, entry);
    return;
  }
  const at = previous.origin.locate(["id"]);
  const where = at.file && at.range ? `${at.file}:${at.range.start.line}:${at.range.start.col}` : (at.file ?? "another file");
  diagnostics.push(error("RULES_DUPLICATE_POLICY", `${what} id "${entry.id}" is already defined at ${where}`, entry.origin.locate(["id"]), `${what} ids must be unique across every rules file`));
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
