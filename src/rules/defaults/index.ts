import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { TargetName } from "../../model/resolved.js";
import { loadRules } from "../load.js";
import type { RulesTable } from "../types.js";
import { DEFAULT_RULES } from "./generated.js";

/** The built-in rules for a target, parsed; diagnostics only appear if a shipped defaults file is broken. */
export interface BuiltinRules {
  table?: RulesTable;
  diagnostics: Diagnostic[];
}

const parsed = new Map<string, BuiltinRules>();

/** The name of the defaults file a target uses: its own, else (helm) the kubernetes one. */
export function defaultsFileFor(target: TargetName, available: Readonly<Record<string, string>> = DEFAULT_RULES): string | undefined {
  if (Object.hasOwn(available, target)) return target;
  if (target === "helm" && Object.hasOwn(available, "kubernetes")) return "kubernetes";
  return undefined;
}

/**
 * The built-in default rules for a target (the lower tier, consulted only when no user rule matches), parsed on
 * first use from the embedded `rules/defaults/<name>.yaml`. Diagnostics name the file `<builtin>/rules/defaults/<name>.yaml`.
 */
export function builtinRules(target: TargetName): BuiltinRules {
  const name = defaultsFileFor(target);
  if (name === undefined) return { diagnostics: [] };
  let hit = parsed.get(name);
  if (!hit) {
    hit = loadRules([{ path: `<builtin>/rules/defaults/${name}.yaml`, text: DEFAULT_RULES[name]! }]);
    parsed.set(name, hit);
  }
  return hit;
}
