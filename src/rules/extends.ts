import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { closestName } from "../shared/suggest.js";
import type { DataPath } from "../shared/json-pointer.js";
import type { Rule } from "./types.js";

const SECTIONS = ["outputs", "secrets", "vars", "artifacts", "requires"] as const;

/**
 * Applies `extends: RULE_ID`: a rule inherits the outputs, secrets, vars, artifacts (per target) and requires (per
 * alias) of the rule it names, and overrides them key by key; a key it declares under outputs replaces the parent's
 * key of the same name under secrets and the other way round. Chains are followed; a missing id or a cycle is an
 * error at the `extends` line. Inherited keys keep their own location, so a problem in one points at the parent.
 */
export function applyExtends(rules: ReadonlyMap<string, Rule>): { rules: Map<string, Rule>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const done = new Map<string, Rule>();
  const failed = new Set<string>();
  const resolve = (rule: Rule, chain: string[]): Rule | undefined => {
    const ready = done.get(rule.id);
    if (ready) return ready;
    if (failed.has(rule.id)) return undefined;
    if (rule.extends === undefined) {
      done.set(rule.id, rule);
      return rule;
    }
    const at = rule.origin.locate(["extends"]);
    if (chain.includes(rule.id)) {
      const loop = [...chain.slice(chain.indexOf(rule.id)), rule.id].map((id) => `"${id}"`).join(" → ");
      diagnostics.push(error("RULES_EXTENDS", `rule "${rule.id}" extends itself through ${loop}`, at, "break the chain: a rule cannot inherit from a rule that inherits from it"));
      failed.add(rule.id);
      return undefined;
    }
    const parentRule = rules.get(rule.extends);
    if (!parentRule) {
      const known = [...rules.keys()].filter((id) => id !== rule.id).sort();
      const close = closestName(rule.extends, known);
      diagnostics.push(error("RULES_EXTENDS", `rule "${rule.id}" extends "${rule.extends}", which no rules file defines${close ? `; did you mean "${close}"?` : ""}`, at, known.length ? `rules that can be extended: ${known.join(", ")}` : "define the rule it extends"));
      failed.add(rule.id);
      return undefined;
    }
    const parent = resolve(parentRule, [...chain, rule.id]);
    if (!parent) {
      failed.add(rule.id);
      return undefined;
    }
    const merged = merge(parent, rule);
    done.set(rule.id, merged);
    return merged;
  };
  for (const rule of rules.values()) resolve(rule, []);
  const out = new Map<string, Rule>();
  for (const [id, rule] of rules) out.set(id, done.get(id) ?? rule);
  return { rules: out, diagnostics };
}

function merge(parent: Rule, child: Rule): Rule {
  const own = (section: (typeof SECTIONS)[number], key: string) => Object.hasOwn(child[section], key);
  const without = (record: Record<string, unknown>, drop: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([k]) => !Object.hasOwn(drop, k)));
  const outputs = { ...without(parent.outputs, child.secrets), ...child.outputs };
  const secrets = { ...without(parent.secrets, child.outputs), ...child.secrets };
  const locate = (path: DataPath, mode?: "key" | "value", span?: Parameters<Rule["origin"]["locate"]>[2]) => {
    const [section, key] = path;
    const inherited = typeof section === "string" && (SECTIONS as readonly string[]).includes(section) && key !== undefined && !own(section as (typeof SECTIONS)[number], String(key));
    return inherited ? parent.origin.locate(path, mode, span) : child.origin.locate(path, mode, span);
  };
  return {
    ...child,
    requires: sortedRecord({ ...parent.requires, ...child.requires }),
    outputs,
    secrets,
    vars: { ...parent.vars, ...child.vars },
    artifacts: { ...parent.artifacts, ...child.artifacts },
    origin: { ...child.origin, locate },
  };
}

function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
