import type { Expr } from "../expressions/ast.js";
import { parsedTemplate } from "../expressions/template.js";
import type { Rule } from "../types.js";

/**
 * What of a point `rules check` evaluates a rule with, besides the resource type (always read): the environment (its
 * id, type and labels), the target, the resource's class, id and owning workload (or none: shared), the app, and the
 * alias a `requires` created the resource under (its name, params and metadata).
 */
export type PointInput = "env" | "target" | "class" | "id" | "workload" | "app" | "requiredAs";

/** The inputs a rule's evaluation can depend on, or `"everything"` when that is not known. */
export type RuleReads = ReadonlySet<PointInput> | "everything";

const RESOURCE_ALL: readonly PointInput[] = ["class", "id", "workload", "requiredAs"];

// What each `resource.KEY` is computed from in the check's context (check-evaluate.ts, PointEvaluator.context).
const RESOURCE_KEYS: Readonly<Record<string, readonly PointInput[]>> = {
  type: [],
  class: ["class"],
  id: ["id"],
  uid: ["class", "id"],
  name: ["id", "workload", "requiredAs"],
  params: ["requiredAs"],
  metadata: ["requiredAs"],
};

// Roots that read nothing of the point: workloads (unknown to the check), and the rule's own sections (their
// templates are part of what is analysed).
const CONSTANT_ROOTS = new Set(["workloads", "outputs", "secrets", "vars"]);

/**
 * A sound account of what evaluating a rule reads, from the expressions of its outputs, secrets, vars and artifacts
 * (keys included; `extends` is already merged into them): two points that agree on these inputs (and on the type)
 * give the same evaluation, problems and all, except for the text naming the point. A rule with `requires` reads
 * everything (what it requires is selected at the point); so does anything not classified here. Artifacts are
 * written per target, so a rule with any reads the target.
 */
export function ruleReads(rule: Rule): RuleReads {
  if (Object.keys(rule.requires).length > 0) return "everything";
  const found = new Set<PointInput>();
  if (Object.keys(rule.artifacts).length > 0) found.add("target");
  // `any`: inside a "*" output, where `output.key` is set (to the same unknown key at every point).
  const visit = (value: unknown, any = false): void => {
    if (typeof value === "string") {
      if (!value.includes("${")) return;
      const parsed = parsedTemplate(value);
      // A syntax error is the same message at every point.
      if ("problem" in parsed) return;
      for (const part of parsed.parts) if (part.kind === "expr") collect(part.expr, found, any);
    } else if (Array.isArray(value)) value.forEach((v) => visit(v, any));
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        visit(k, any);
        visit(v, any);
      }
    }
  };
  for (const section of [rule.outputs, rule.secrets]) for (const [k, v] of Object.entries(section)) visit(v, k === "*");
  visit(rule.vars);
  visit(rule.artifacts);
  return found;
}

function collect(expr: Expr, found: Set<PointInput>, any: boolean): void {
  const add = (inputs: readonly PointInput[]) => inputs.forEach((i) => found.add(i));
  switch (expr.kind) {
    case "literal":
      return;
    case "list":
      return expr.items.forEach((e) => collect(e, found, any));
    case "call":
      // secretRef records its Compose variable in a map shared by every rule evaluated in the same environment and
      // target; interpolate is an error outside Compose.
      if (expr.name === "secretRef") add(["env", "target"]);
      else if (expr.name === "interpolate") add(["target"]);
      return expr.args.forEach((e) => collect(e, found, any));
    case "access":
      collect(expr.base, found, any);
      for (const s of expr.steps) if (s.kind === "index") collect(s.expr, found, any);
      return;
    case "path": {
      for (const s of expr.steps) if (s.kind === "index") collect(s.expr, found, any);
      if (expr.root === "environment") add(["env"]);
      else if (expr.root === "target") add(["target"]);
      else if (expr.root === "app") add(["app"]);
      else if (expr.root === "workload") add(["workload"]);
      else if (expr.root === "resource") {
        const first = expr.steps[0];
        add(first?.kind === "key" && Object.hasOwn(RESOURCE_KEYS, first.name) ? RESOURCE_KEYS[first.name]! : RESOURCE_ALL);
      } else if (expr.root === "deps") {
        // Without requires, deps is empty everywhere (a rule with requires reads everything).
      } else if (expr.root === "output" && any) {
        // The key a workload asks for: unknown to the check, the same everywhere.
      } else if (!CONSTANT_ROOTS.has(expr.root)) {
        // `output` outside a "*" template, or an unknown name: the message lists the names there are, and `workload`
        // is one of them only at private resources.
        add(["workload"]);
      }
      return;
    }
  }
}
