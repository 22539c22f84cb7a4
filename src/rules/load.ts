import { error, sortDiagnostics, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import { parseYamlFile, type ParseResult } from "../load/parse-yaml.js";
import type { LoadLimits, SourceFile } from "../load/source.js";
import type { SourceDocument } from "../load/yaml-document.js";
import type { TargetName } from "../model/resolved.js";
import { checkRuleTemplates } from "./expressions/check-templates.js";
import { closestName } from "../shared/suggest.js";
import { applyExtends } from "./extends.js";
import { readWorkloadEntries } from "./load-workload-entries.js";
import { checkRulesSchema } from "./schema.js";
import { environmentUniverse, type CriterionName, type EnvironmentDecl, type Precedence, type PrecedenceCriterion, type Requirement, type Rule, type RuleMatch, type RulesTable } from "./types.js";

/** Options for {@link loadRules}. */
export interface LoadRulesOptions {
  limits?: Partial<LoadLimits>;
}

/**
 * Parses, validates and merges rules files. Environments are united (the same id declared twice with different
 * settings is an error); a rule id defined twice is an error located at the second definition. Files are taken in
 * path order, so the result never depends on argument order. The table is returned only when there are no errors.
 *
 * @example
 * ```ts
 * const { table, diagnostics } = loadRules([{ path: "rules.yaml", text: readFileSync("rules.yaml", "utf8") }]);
 * if (!table) console.error(formatDiagnostics(diagnostics, { format: "text" }));
 * ```
 */
export function loadRules(sources: readonly SourceFile[], options: LoadRulesOptions = {}): { table?: RulesTable; diagnostics: Diagnostic[] } {
  return loadRulesWith(sources, (source) => parseYamlFile(source, options.limits ? { limits: options.limits } : {}));
}

/**
 * {@link loadRules} with the parsing step given: the built-in defaults hand over their already-parsed data. With
 * `prechecked`, the schema and template checks are skipped: for data that passed them when it was built (the
 * built-in defaults, whose tests load them with every check).
 */
export function loadRulesWith(sources: readonly SourceFile[], parse: (source: SourceFile) => ParseResult, prechecked = false): { table?: RulesTable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const environments = new Map<string, EnvironmentDecl>();
  const rules = new Map<string, Rule>();
  let precedence: Precedence | undefined;
  const ordered = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const workloadEntries = readWorkloadEntries();
  for (const source of ordered) {
    const parsed = parse(source);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.document) continue;
    const schemaProblems = prechecked ? [] : [...mergeKeyProblems(parsed.document), ...checkRulesSchema(parsed.document)];
    diagnostics.push(...schemaProblems);
    if (schemaProblems.length > 0) continue;
    const file = readDocument(parsed.document);
    if (file.precedence) {
      const problem = precedenceProblem(file.precedence, precedence);
      if (problem) diagnostics.push(problem);
      else precedence ??= file.precedence;
    }
    for (const env of file.environments) {
      const previous = environments.get(env.id);
      if (!previous) environments.set(env.id, env);
      else if (!sameEnvironment(previous, env)) {
        diagnostics.push(
          error("RULES_DUPLICATE_ENVIRONMENT", `environment "${env.id}" is already declared with different settings at ${where(previous.location)}`, env.location, "declare each environment once, or identically in every file"),
        );
      }
    }
    for (const rule of file.rules) {
      const previous = rules.get(rule.id);
      if (previous) {
        diagnostics.push(error("RULES_DUPLICATE_ID", `rule id "${rule.id}" is already defined at ${where(previous.origin.locate(["id"]))}`, rule.origin.locate(["id"]), "rule ids must be unique across every rules file"));
      } else rules.set(rule.id, rule);
    }
    workloadEntries.add(parsed.document, diagnostics);
  }
  const extended = applyExtends(rules);
  diagnostics.push(...extended.diagnostics);
  const table: RulesTable = {
    environments: Object.fromEntries([...environments.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    rules: [...extended.rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    ...workloadEntries.finish(diagnostics),
    ...(precedence ? { precedence } : {}),
  };
  diagnostics.push(...checkEnvironmentReferences(table));
  diagnostics.push(...workloadEntries.checkEnvironments(table));
  if (!prechecked) for (const rule of table.rules) diagnostics.push(...checkRuleTemplates(rule));
  const sorted = sortDiagnostics(diagnostics);
  return sorted.some((d) => d.severity === "error") ? { diagnostics: sorted } : { table, diagnostics: sorted };
}

function readDocument(doc: SourceDocument): { environments: EnvironmentDecl[]; rules: Rule[]; precedence?: Precedence } {
  const value = doc.value as { environments?: Record<string, { type: string; labels?: Record<string, string> }>; rules?: RawRule[]; precedence?: PrecedenceCriterion[] };
  // Locations are computed on first use: locating needs the positions of the whole document, which a large table
  // pays for only when a diagnostic points into it.
  const environments = Object.entries(value.environments ?? {}).map(([id, e]): EnvironmentDecl => lazyLocation({ id, type: e.type, labels: sortRecord(e.labels ?? {}) }, () => doc.locate(["environments", id], "key")));
  const rules = (value.rules ?? []).map((raw, index) => toRule(raw, index, doc));
  const precedence = value.precedence ? lazyLocation({ order: [...value.precedence] }, () => doc.locate(["precedence"], "value")) : undefined;
  return { environments, rules, ...(precedence ? { precedence } : {}) };
}

function lazyLocation<T extends object>(target: T, locate: () => Location): T & { location?: Location } {
  let at: Location | undefined;
  return Object.defineProperty(target, "location", { enumerable: true, get: () => (at ??= locate()) });
}

// A criterion listed twice, or an order that differs from the one an earlier file (in path order) declared: the
// order is the table's, so it is declared once (or identically in every file).
function precedenceProblem(declared: Precedence, earlier: Precedence | undefined): Diagnostic | undefined {
  const twice = declared.order.find((c, i) => declared.order.indexOf(c) !== i);
  if (twice) return error("RULES_PRECEDENCE", `precedence lists "${twice}" more than once`, declared.location, "list each criterion at most once, strongest first");
  if (earlier && earlier.order.join(",") !== declared.order.join(",")) {
    return error(
      "RULES_PRECEDENCE",
      `precedence [${declared.order.join(", ")}] differs from [${earlier.order.join(", ")}] declared at ${where(earlier.location)}`,
      declared.location,
      "declare the tie-break order once, in one rules file, or identically in every file",
    );
  }
  return undefined;
}

/** A `match` block as written (after the schema check). */
export type RawMatch = { [K in Exclude<CriterionName, "labels">]?: string | string[] } & { labels?: Record<string, string> };

interface RawRule {
  id: string;
  description?: string;
  match: RawMatch;
  requires?: Record<string, { type: string; class?: string; id?: string }>;
  outputs?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
  vars?: Record<string, unknown>;
  artifacts?: Partial<Record<TargetName, unknown>>;
  extends?: string;
}

function toRule(raw: RawRule, index: number, doc: SourceDocument): Rule {
  const requires: Record<string, Requirement> = {};
  for (const [alias, r] of Object.entries(raw.requires ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    requires[alias] = { type: r.type, class: r.class ?? "default", ...(r.id !== undefined ? { id: r.id } : {}) };
  }
  return {
    id: raw.id,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    match: toMatch(raw.match),
    requires,
    outputs: raw.outputs ?? {},
    secrets: raw.secrets ?? {},
    vars: raw.vars ?? {},
    artifacts: raw.artifacts ?? {},
    ...(raw.extends !== undefined ? { extends: raw.extends } : {}),
    origin: { file: doc.file, index, locate: (path, mode = "value", span) => doc.locate(["rules", index, ...path], mode, span) },
  };
}

/** Normalises written criteria: every criterion becomes a sorted list without duplicates; class defaults to default. */
export function toMatch(raw: RawMatch): RuleMatch {
  const list = (v: string | string[] | undefined): string[] | undefined => (v === undefined ? undefined : [...new Set(Array.isArray(v) ? v : [v])].sort());
  const cls = raw.class;
  const match: RuleMatch = { type: list(raw.type) ?? [], class: cls === "*" ? "*" : (list(cls) ?? ["default"]) };
  for (const key of ["id", "workload", "app", "env", "envType"] as const) {
    const values = list(raw[key]);
    if (values) match[key] = values;
  }
  const labels = raw.labels;
  if (labels !== undefined) match.labels = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const targets = list(raw.target);
  if (targets) match.target = targets as TargetName[];
  return match;
}

/**
 * YAML merge keys (`<<: *anchor`) are refused rather than merged: the YAML 1.2 core schema has none, so a `<<` would
 * otherwise become an output named "<<". `extends: RULE_ID` is the table's way to reuse a rule.
 */
function mergeKeyProblems(doc: SourceDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        if (k === "<<") out.push(error("RULES_MERGE_KEY", "YAML merge keys (<<) are not supported in rules tables: the key would become an output or field named \"<<\"", doc.locate([...path, k], "key"), "reuse a rule with extends: RULE_ID (it inherits outputs, secrets, vars and artifacts, and overrides them key by key), or write the keys out"));
        walk(item, [...path, k]);
      }
    }
  };
  walk(doc.value, []);
  return out;
}

function checkEnvironmentReferences(table: RulesTable): Diagnostic[] {
  const universe = environmentUniverse(table);
  const known = Object.keys(universe);
  const out: Diagnostic[] = [];
  for (const rule of table.rules) {
    for (const env of rule.match.env ?? []) {
      if (universe[env]) continue;
      const meant = closestName(env, known);
      out.push(error("RULES_UNKNOWN_ENVIRONMENT", `rule "${rule.id}" matches environment "${env}", which no rules file declares${meant ? `; did you mean "${meant}"?` : ""}`, rule.origin.locate(["match", "env"]), `declared environments: ${known.join(", ")}`));
    }
  }
  return out;
}

function sameEnvironment(a: EnvironmentDecl, b: EnvironmentDecl): boolean {
  return a.type === b.type && JSON.stringify(a.labels) === JSON.stringify(b.labels);
}

function sortRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Renders a location as `file:line:col` for messages that name another place. */
export function where(at: Location | undefined): string {
  if (!at?.file) return "an unknown place";
  return at.range ? `${at.file}:${at.range.start.line}:${at.range.start.col}` : at.file;
}
