import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { parseYamlFile } from "../../load/parse-yaml.js";
import type { SourceFile } from "../../load/source.js";
import { deepFreeze } from "../../shared/deep-freeze.js";
import { fileStart, type SourceDocument } from "../../load/yaml-document.js";
import type { TargetName } from "../../model/resolved.js";
import { loadRulesWith } from "../load.js";
import type { RulesTable } from "../types.js";
import { DEFAULT_RULES, DEFAULT_RULES_JSON } from "./generated.js";

/** The built-in rules for a target, parsed; diagnostics only appear if a shipped defaults file is broken. */
export interface BuiltinRules {
  table?: RulesTable;
  diagnostics: Diagnostic[];
}

// Parsed once per process: the key is a file embedded at build time, and each table is deeply frozen before it is
// shared, so no compile can change what another one gets.
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
    const data: unknown = Object.hasOwn(DEFAULT_RULES_JSON, name) ? JSON.parse(DEFAULT_RULES_JSON[name]!) : undefined;
    // The embedded data passed every check when it was generated; the YAML text (no data) is checked in full.
    hit = deepFreeze(loadRulesWith(
      [builtinSource(name)],
      (source) => (data === undefined ? parseYamlFile(source) : { document: preParsed(source, data), diagnostics: [] }),
      data !== undefined,
    ));
    parsed.set(name, hit);
  }
  return hit;
}

/** A built-in defaults file as a source, under the name diagnostics give it. */
export function builtinSource(name: string): SourceFile {
  return { path: `<builtin>/rules/defaults/${name}.yaml`, text: DEFAULT_RULES[name]! };
}

// The embedded data of a defaults file as a document; its positions come from parsing the text on the first locate.
function preParsed(source: SourceFile, value: unknown): SourceDocument {
  let located: SourceDocument | undefined;
  return {
    file: source.path,
    text: source.text,
    value,
    locate(path, mode, span) {
      located ??= parseYamlFile(source).document;
      return located ? located.locate(path, mode, span) : fileStart(source.path);
    },
  };
}
