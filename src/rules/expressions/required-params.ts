import type { TargetName } from "../../model/resolved.js";
import type { Rule } from "../types.js";
import type { Expr } from "./ast.js";
import { parsedTemplate } from "./template.js";

/**
 * The `resource.params` keys a rule reads outside `default(...)` when it runs for a target: its outputs, secrets
 * and that target's artifacts (helm falls back to kubernetes). Lets one error name every param a resource lacks,
 * where evaluation alone stops at the first failing piece of each string.
 */
export function requiredParams(rule: Rule, target: TargetName): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      if (!value.includes("${")) return;
      const parsed = parsedTemplate(value);
      if ("problem" in parsed) return;
      for (const part of parsed.parts) if (part.kind === "expr") collect(part.expr, found);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        visit(k);
        visit(v);
      }
    }
  };
  visit(rule.outputs);
  visit(rule.secrets);
  visit(target === "helm" && rule.artifacts.helm === undefined ? rule.artifacts.kubernetes : rule.artifacts[target]);
  return [...found].sort();
}

function collect(expr: Expr, found: Set<string>): void {
  switch (expr.kind) {
    case "literal":
      return;
    case "list":
      return expr.items.forEach((e) => collect(e, found));
    case "call":
      // default(x, fallback): x may be missing; only the fallback must exist.
      return (expr.name === "default" ? expr.args.slice(1) : expr.args).forEach((e) => collect(e, found));
    case "access":
      collect(expr.base, found);
      for (const s of expr.steps) if (s.kind === "index") collect(s.expr, found);
      return;
    case "path": {
      const [first, second] = expr.steps;
      if (expr.root === "resource" && first?.kind === "key" && first.name === "params" && second?.kind === "key") found.add(second.name);
      for (const s of expr.steps) if (s.kind === "index") collect(s.expr, found);
    }
  }
}
