import { error, type Diagnostic, type Location } from "../../diagnostics/diagnostic.js";
import type { Rule } from "../types.js";
import { staticKeys, type Expr, type Step } from "./ast.js";
import { secretKeyProblem, secretNameProblem } from "../secret-ref.js";
import { closestName } from "../../shared/suggest.js";
import { FUNCTIONS } from "./functions.js";
import { SQL_DIALECTS } from "./quoting.js";
import { parsedTemplate } from "./template.js";

/** The roots an expression may read, with the keys each offers (undefined = any key). */
const ROOTS: Readonly<Record<string, readonly string[] | undefined>> = {
  resource: ["class", "id", "metadata", "name", "params", "type", "uid"],
  workload: ["metadata", "name"],
  workloads: undefined,
  environment: ["id", "labels", "type"],
  app: ["id"],
  target: [],
  deps: undefined,
  outputs: undefined,
  secrets: undefined,
  vars: undefined,
  output: ["key"],
};

type Section = "outputs" | "secrets" | "vars" | "artifacts";

/**
 * Checks a rule's templates without evaluating them: syntax, known roots and functions, `deps.ALIAS` naming a
 * declared requirement, `outputs.KEY`/`secrets.KEY` naming a declared output, and `output.key` only inside a `"*"`
 * output. Also rejects a key declared under both outputs and secrets.
 */
export function checkRuleTemplates(rule: Rule): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const key of Object.keys(rule.secrets)) {
    if (Object.hasOwn(rule.outputs, key)) {
      out.push(error("RULES_SCHEMA", `rule "${rule.id}" declares "${key}" under both outputs and secrets`, rule.origin.locate(["secrets", key], "key"), "an output is either plain or secret"));
    }
  }
  forEachTemplateString(rule, (text, path, mode, section, star) => {
    const parsed = parsedTemplate(text);
    if ("problem" in parsed) {
      const p = parsed.problem;
      out.push(error("RULES_EXPRESSION", `rule "${rule.id}": ${p.message}`, rule.origin.locate(path, mode, mode === "value" ? { offset: p.start, length: p.length } : undefined)));
      return;
    }
    for (const part of parsed.parts) {
      if (part.kind !== "expr") continue;
      const problems: string[] = [];
      checkExpr(part.expr, rule, section, star, problems);
      const refProblems = secretRefProblems(part.expr, section, path);
      // Locating needs the positions of the whole file: only paid for when there is something to report.
      if (problems.length === 0 && refProblems.length === 0) continue;
      const at = rule.origin.locate(path, mode, mode === "value" ? { offset: part.start, length: part.length } : undefined);
      for (const message of problems) out.push(error("RULES_EXPRESSION", `rule "${rule.id}": \${${part.source}}: ${message}`, at));
      for (const p of refProblems) out.push(error("RULES_SECRET_REF", `rule "${rule.id}": \${${part.source}}: ${p.message}`, at, p.hint));
    }
  });
  return out;
}

/** A `deps.ALIAS.KEY` reference in a rule's templates, and where it is written. */
export interface DependencyReference {
  alias: string;
  key: string;
  at: Location;
}

/** Every `deps.ALIAS.KEY` a rule's templates read with a fixed key (computed keys cannot be checked statically). */
export function dependencyReferences(rule: Rule): DependencyReference[] {
  const out: DependencyReference[] = [];
  forEachTemplateString(rule, (text, path, mode) => {
    const parsed = parsedTemplate(text);
    if ("problem" in parsed) return;
    for (const part of parsed.parts) {
      if (part.kind !== "expr") continue;
      for (const p of pathsIn(part.expr)) {
        const keys = p.root === "deps" ? staticKeys(p.steps) : undefined;
        if (!keys || keys.length < 2) continue;
        out.push({ alias: keys[0]!, key: keys[1]!, at: rule.origin.locate(path, mode, mode === "value" ? { offset: part.start, length: part.length } : undefined) });
      }
    }
  });
  return out;
}

type Visitor = (text: string, path: (string | number)[], mode: "key" | "value", section: Section, star: boolean) => void;

function forEachTemplateString(rule: Rule, visitString: Visitor): void {
  const visit = (value: unknown, path: (string | number)[], section: Section, star: boolean): void => {
    if (typeof value === "string") {
      if (value.includes("${")) visitString(value, path, "value", section, star);
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i], section, star));
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (section === "artifacts" && k.includes("${")) visitString(k, [...path, k], "key", section, star);
        visit(v, [...path, k], section, star);
      }
    }
  };
  for (const [k, v] of Object.entries(rule.outputs)) visit(v, ["outputs", k], "outputs", k === "*");
  for (const [k, v] of Object.entries(rule.secrets)) visit(v, ["secrets", k], "secrets", k === "*");
  for (const [k, v] of Object.entries(rule.vars)) visit(v, ["vars", k], "vars", false);
  for (const [k, v] of Object.entries(rule.artifacts)) visit(v, ["artifacts", k], "artifacts", false);
}

/**
 * What `rules check` (and loading) can tell about `secretRef` calls without evaluating them: literal names and keys
 * must be a valid Secret name and key, the call belongs under `secrets:` (an output made from it is secret anyway,
 * so writing it under `outputs:` misleads), and a manifest or values artifact cannot hold one.
 */
function secretRefProblems(expr: Expr, section: Section, path: readonly (string | number)[]): { message: string; hint: string }[] {
  const out: { message: string; hint: string }[] = [];
  for (const call of callsIn(expr).filter((c) => c.name === "secretRef")) {
    const [name, key] = call.args;
    const literal = (e: Expr | undefined) => (e?.kind === "literal" && typeof e.value === "string" ? e.value : undefined);
    const problems = [literal(name) !== undefined ? secretNameProblem(literal(name)!) : undefined, literal(key) !== undefined ? secretKeyProblem(literal(key)!) : undefined];
    for (const problem of problems) if (problem) out.push({ message: `secretRef: ${problem}`, hint: "name an existing Kubernetes Secret and one of its keys" });
    if (section === "outputs") out.push({ message: "secretRef hands out a secret: declare this output under secrets:", hint: "move the key from outputs: to secrets:" });
    if (section === "artifacts" && path[1] !== "compose") {
      out.push({ message: "a secretRef cannot be written into a Kubernetes manifest or Helm values", hint: "in the manifest, name the Secret directly (valueFrom.secretKeyRef or a secret volume); secretRef is for the values workloads read" });
    }
  }
  return out;
}

function callsIn(expr: Expr): { name: string; args: Expr[] }[] {
  switch (expr.kind) {
    case "literal":
    case "path":
      return expr.kind === "path" ? expr.steps.flatMap((s) => (s.kind === "index" ? callsIn(s.expr) : [])) : [];
    case "list":
      return expr.items.flatMap(callsIn);
    case "call":
      return [{ name: expr.name, args: expr.args }, ...expr.args.flatMap(callsIn)];
    case "access":
      return [...callsIn(expr.base), ...expr.steps.flatMap((s) => (s.kind === "index" ? callsIn(s.expr) : []))];
  }
}

function pathsIn(expr: Expr): { root: string; steps: Step[] }[] {
  switch (expr.kind) {
    case "literal":
      return [];
    case "list":
      return expr.items.flatMap(pathsIn);
    case "call":
      return expr.args.flatMap(pathsIn);
    case "access":
      return [...pathsIn(expr.base), ...expr.steps.flatMap((s) => (s.kind === "index" ? pathsIn(s.expr) : []))];
    case "path":
      return [{ root: expr.root, steps: expr.steps }, ...expr.steps.flatMap((s) => (s.kind === "index" ? pathsIn(s.expr) : []))];
  }
}

function checkExpr(expr: Expr, rule: Rule, section: Section, star: boolean, problems: string[]): void {
  switch (expr.kind) {
    case "literal":
      return;
    case "list":
      for (const item of expr.items) checkExpr(item, rule, section, star, problems);
      return;
    case "access":
      checkExpr(expr.base, rule, section, star, problems);
      for (const s of expr.steps) if (s.kind === "index") checkExpr(s.expr, rule, section, star, problems);
      return;
    case "call": {
      const spec = FUNCTIONS[expr.name]!;
      if (expr.args.length < spec.min || expr.args.length > spec.max) problems.push(`${expr.name} takes ${spec.min === spec.max ? spec.min : `${spec.min} to ${spec.max}`} argument(s): ${spec.signature}`);
      const dialect = expr.args[1];
      if ((expr.name === "sql.literal" || expr.name === "sql.ident") && dialect?.kind === "literal" && !(SQL_DIALECTS as readonly unknown[]).includes(dialect.value)) {
        problems.push(`${expr.name} dialect must be one of ${SQL_DIALECTS.map((d) => JSON.stringify(d)).join(", ")}, got ${JSON.stringify(dialect.value)}`);
      }
      for (const a of expr.args) checkExpr(a, rule, section, star, problems);
      return;
    }
    case "path":
      for (const s of expr.steps) if (s.kind === "index") checkExpr(s.expr, rule, section, star, problems);
      checkPath(expr.root, staticKeys(expr.steps), rule, star, problems);
  }
}

function checkPath(root: string, keys: string[] | undefined, rule: Rule, star: boolean, problems: string[]): void {
  if (!Object.hasOwn(ROOTS, root)) {
    problems.push(`unknown name "${root}"; expressions can read ${Object.keys(ROOTS).sort().join(", ")}`);
    return;
  }
  if (root === "output" && !star) {
    problems.push('output.key is only available inside the "*" output');
    return;
  }
  const first = keys?.[0];
  if (first === undefined) return;
  const allowed = ROOTS[root];
  if (allowed && !allowed.includes(first)) {
    problems.push(allowed.length === 0 ? `${root} is a plain value without keys` : `${root} has no key "${first}"; it has ${allowed.join(", ")}`);
    return;
  }
  if (root === "deps" && !Object.hasOwn(rule.requires, first)) {
    const aliases = Object.keys(rule.requires);
    problems.push(`deps.${first} is not a requirement of this rule; ${aliases.length ? `declared: ${aliases.join(", ")}` : "declare it under requires:"}`);
  }
  if (root === "vars" && !Object.hasOwn(rule.vars, first)) {
    const declared = Object.keys(rule.vars).sort();
    const close = closestName(first, declared);
    problems.push(`vars.${first} is not declared by this rule; ${declared.length ? `vars has ${declared.join(", ")}${close ? ` (did you mean vars.${close}?)` : ""}` : "declare it under vars:"}`);
  }
  if (root === "outputs" || root === "secrets") {
    const own = root === "outputs" ? rule.outputs : rule.secrets;
    if (!Object.hasOwn(own, first) && !Object.hasOwn(own, "*")) {
      const keysDeclared = Object.keys(own).sort();
      problems.push(`${root}.${first} is not declared by this rule; ${keysDeclared.length ? `${root} has ${keysDeclared.join(", ")}` : `it declares no ${root}`}`);
    }
  }
}
