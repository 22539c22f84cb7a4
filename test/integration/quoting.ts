/** The values the SQL quoting tests run through real servers, and the rule-language functions that quote them. */
import fc from "fast-check";
import { evaluateString } from "../../src/rules/expressions/template.js";
import { HOSTILE_VALUES, hostileText } from "../helpers/hostile-values.js";

/** The fixed hostile values, then generated ones (fixed fast-check seed, so a failure reproduces). */
export const QUOTING_VALUES: readonly string[] = [
  ...HOSTILE_VALUES,
  ...fc.sample(hostileText, { numRuns: 250, seed: Number(process.env.FC_SEED ?? 17) }),
];

/** `${name(value, ...)}` evaluated by the rule language, as a built-in rule would. */
export function quote(name: string, value: string, dialect?: string): string {
  const args = dialect ? "resource.params.v, resource.params.d" : "resource.params.v";
  const r = evaluateString(
    `\${${name}(${args})}`,
    { resource: { params: { v: value, d: dialect } } },
    { seed: "quoting" },
  );
  if (!r.ok) throw new Error(`${name}(${JSON.stringify(value)}): ${r.message}`);
  return String(r.val.value);
}

export const hex = (s: string) => Buffer.from(s, "utf8").toString("hex");
