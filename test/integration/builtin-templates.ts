/**
 * The built-in rules' own SQL and shell templates, evaluated with hostile values in place of the names and passwords
 * they normally get (derived, [A-Za-z0-9]): what a referenced secret or a rule author's value could hold.
 */
import { builtinRules } from "../../src/rules/defaults/index.js";
import { evaluateString } from "../../src/rules/expressions/template.js";
import type { Rule } from "../../src/rules/types.js";
import { uncompose } from "./harness.js";

function rule(id: string): Rule {
  const r = builtinRules("compose").table?.rules.find((x) => x.id === id);
  if (!r) throw new Error(`no built-in rule ${id}`);
  return r;
}

/**
 * Evaluates one template string of a rule's compose artifacts (found by a path of keys) in `ctx`, as the compose target
 * writes it (values' `$` doubled), then reads it back as Compose gives it to the container.
 */
export function composeTemplate(id: string, path: string[], ctx: Record<string, unknown>): string {
  let node: unknown = (rule(id).artifacts as Record<string, unknown>).compose;
  for (const key of path) node = (node as Record<string, unknown>)[key];
  if (typeof node !== "string") throw new Error(`${id}: ${path.join(".")} is not a template string`);
  const r = evaluateString(node, ctx, { seed: "hostile" }, (text) => text.replaceAll("$", "$$$$"));
  if (!r.ok) throw new Error(`${id}: ${r.message}`);
  return uncompose(String(r.val.value));
}
