import { maskSecrets } from "../mask-secrets.js";
import type { BuildResult } from "./compile-project.js";
import type { DiffRule } from "./diff-project.js";

/** A resource of one environment as `scorec outputs` shows it: its winning rule and its outputs, secrets as `<secret>`. */
export interface ResourceOutputs {
  uid: string;
  /** `workload.resource` for every Score declaration of it; empty for a resource only a rule requires. */
  names: string[];
  rule: DiffRule;
  /** Plain and secret outputs by name, sorted; every secret output's value is the text `<secret>`. */
  outputs: Record<string, unknown>;
}

/** The outputs of every resource of one build. */
export interface BuildOutputs {
  env: string;
  target: string;
  output: string;
  resources: ResourceOutputs[];
}

/** The SECRET placeholder every secret output shows instead of its value. */
export const SECRET_OUTPUT = "<secret>";

/**
 * Every resource of a compiled build with its winning rule and its outputs, what `score-compose resources
 * get-outputs` gives, without state. Secret outputs show as `<secret>`; any secret value that a plain output holds
 * is masked too.
 *
 * @example
 * ```ts
 * import { buildOutputs, compileProject } from "scorec";
 * for (const b of compileProject(input).builds) console.log(buildOutputs(b).resources.map((r) => r.uid));
 * ```
 */
export function buildOutputs(result: BuildResult): BuildOutputs {
  const { build } = result;
  return {
    env: build.env,
    target: build.target,
    output: build.output,
    resources: result.resources.map((r) => {
      const plain = JSON.parse(maskSecrets(JSON.stringify(r.outputs), result.secrets)) as Record<string, unknown>;
      const all: Record<string, unknown> = { ...plain };
      for (const k of Object.keys(r.secrets)) all[k] = SECRET_OUTPUT;
      const outputs = Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      return { uid: r.uid, names: r.names, rule: { ...r.rule, location: result.ruleLocation(r.rule) }, outputs };
    }),
  };
}
