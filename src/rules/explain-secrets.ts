/**
 * What `explain` says about a winning rule's secrets without evaluating anything: for each key, whether it is a
 * reference to a Secret living elsewhere (with the call as written: a name and a key, never a value), a value scorec
 * derives from the seed, or another secret value (from a dependency or written in the rule, never shown).
 */
import type { Expr } from "./expressions/ast.js";
import { parsedTemplate } from "./expressions/template.js";
import type { Rule } from "./types.js";

/** One secret output of a rule as explain shows it. */
export interface ExplainedSecret {
  key: string;
  kind: "reference" | "derived" | "value";
  /** For references: the `secretRef(...)` calls as written in the rule. */
  references?: string[];
}

/** The rule's secrets, sorted by key. */
export function explainSecrets(rule: Rule): ExplainedSecret[] {
  return Object.keys(rule.secrets)
    .sort()
    .map((key) => {
      const template = rule.secrets[key];
      const parts = typeof template === "string" && template.includes("${") ? parsedTemplate(template) : undefined;
      const exprs = parts && "parts" in parts ? parts.parts.flatMap((p) => (p.kind === "expr" ? [{ expr: p.expr, source: p.source }] : [])) : [];
      const references = exprs.filter((e) => calls(e.expr).includes("secretRef")).map((e) => e.source);
      if (references.length > 0) return { key, kind: "reference", references };
      return { key, kind: exprs.some((e) => calls(e.expr).includes("derive.password")) ? "derived" : "value" };
    });
}

function calls(expr: Expr): string[] {
  switch (expr.kind) {
    case "literal":
      return [];
    case "list":
      return expr.items.flatMap(calls);
    case "call":
      return [expr.name, ...expr.args.flatMap(calls)];
    case "path":
      return expr.steps.flatMap((s) => (s.kind === "index" ? calls(s.expr) : []));
    case "access":
      return [...calls(expr.base), ...expr.steps.flatMap((s) => (s.kind === "index" ? calls(s.expr) : []))];
  }
}
