import { toPointer, type DataPath } from "../../shared/json-pointer.js";
import { encodeValue } from "../../placeholders/encode-value.js";
import type { Segment } from "../../placeholders/types.js";
import { stringMemo } from "../../shared/string-memo.js";
import type { SyntaxProblem, TemplatePart } from "./ast.js";
import { evaluate, type EvalContext } from "./evaluate.js";
import type { FunctionEnv } from "./functions.js";
import { parseTemplate } from "./parse.js";
import { define, Unknown, type Outcome, type OutcomeCode, type Val } from "./value.js";

/** A problem while evaluating a template, located by its path inside the template and a span of the string. */
export interface TemplateProblem {
  code: "RULES_EXPRESSION" | "RULES_SECRET_LEAK" | OutcomeCode;
  message: string;
  hint?: string;
  /** Path of the string inside the evaluated template. */
  path: DataPath;
  /** Whether the path points at a mapping key rather than a value. */
  key?: boolean;
  span?: { offset: number; length: number };
  /** The `resource.params` key whose absence caused the problem. */
  param?: string;
  /** Set when the template read `workload.*` for a shared resource. */
  shared?: true;
}

/** Parses a template string, remembering the result (templates repeat across resources; long ones are scripts and files). */
export const parsedTemplate: (input: string) => { parts: TemplatePart[] } | { problem: SyntaxProblem } = stringMemo((input) => parseTemplate(input), 64 * 1024);

/**
 * Evaluates one template string. A string that is exactly one `${...}` keeps the value's type; otherwise the pieces
 * are joined as text (non-strings JSON-encoded). The result is secret when any piece is.
 */
export function evaluateString(
  input: string,
  ctx: EvalContext,
  env: FunctionEnv,
  escape?: ValueEscape,
): { ok: true; val: Val } | { ok: false; message: string; span: { offset: number; length: number }; code?: OutcomeCode; hint?: string; param?: string; shared?: true } {
  if (!input.includes("${")) return { ok: true, val: { value: input, secret: false } }; // literal text: most keys and values
  const parsed = parsedTemplate(input);
  if ("problem" in parsed) return { ok: false, message: parsed.problem.message, span: { offset: parsed.problem.start, length: parsed.problem.length } };
  const parts = parsed.parts;
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === "expr") {
    const r = evaluate(only.expr, ctx, env);
    if (!r.ok) return { ok: false, message: `\${${only.source}}: ${r.message}`, span: { offset: only.start, length: only.length }, ...failureCode(r) };
    return escape ? { ok: true, val: escapeVal(r.val, escape) } : r;
  }
  const segments: Segment[] = [];
  let unknown: Unknown | undefined;
  let unknownSecret = false;
  for (const part of parts) {
    if (part.kind === "text") {
      push(segments, { text: part.text, secret: false });
      continue;
    }
    const r: Outcome = evaluate(part.expr, ctx, env);
    if (!r.ok) return { ok: false, message: `\${${part.source}}: ${r.message}`, span: { offset: part.start, length: part.length }, ...failureCode(r) };
    if (r.val.value instanceof Unknown) {
      unknown = r.val.value;
      unknownSecret ||= r.val.secret;
      continue;
    }
    const inText = textProblem(r.val.value, part.source);
    if (inText) return { ok: false, ...inText, span: { offset: part.start, length: part.length } };
    if (r.val.segments) for (const s of r.val.segments) push(segments, escape && !s.verbatim ? { ...s, text: escape(s.text) } : s);
    else push(segments, { text: escape ? escape(encodeValue(r.val.value)) : encodeValue(r.val.value), secret: r.val.secret });
  }
  const secret = segments.some((s) => s.secret);
  if (unknown) return { ok: true, val: { value: unknown, secret: secret || unknownSecret } };
  const value = segments.map((s) => s.text).join("");
  const special = segments.some((s) => s.verbatim) || (secret && segments.some((s) => !s.secret));
  return { ok: true, val: { value, secret, ...(special ? { segments } : {}) } };
}

/** A map or list inside text would be JSON-encoded silently; that is never what a table means. */
export function textProblem(value: unknown, source: string): { message: string; hint: string } | undefined {
  if (value === null || typeof value !== "object" || value instanceof Unknown) return undefined;
  if (Array.isArray(value)) return { message: `\${${source}} is a list, which cannot be part of text`, hint: `join its items with join(${source}, SEPARATOR), or read one item (${source}[0]); string(${source}) writes it as JSON` };
  const keys = Object.keys(value).sort();
  return { message: `\${${source}} is a map${keys.length ? ` (keys ${keys.join(", ")})` : ""}, which cannot be part of text`, hint: `read one key (${source}.${keys[0] ?? "KEY"}); string(${source}) writes it as JSON` };
}

function failureCode(r: { code?: OutcomeCode; hint?: string; param?: string; shared?: true }): { code?: OutcomeCode; hint?: string; param?: string; shared?: true } {
  return { ...(r.code ? { code: r.code } : {}), ...(r.hint !== undefined ? { hint: r.hint } : {}), ...(r.param !== undefined ? { param: r.param } : {}), ...(r.shared ? { shared: r.shared } : {}) };
}

/**
 * Rewrites the text a value brings into a template for the file it lands in (the compose target doubles `$`, which
 * Compose would interpolate); the template's own text is written for that file already and is left alone.
 */
export type ValueEscape = (text: string) => string;

function escapeVal(val: Val, escape: ValueEscape): Val {
  if (val.segments) {
    const segments = val.segments.map((s) => (s.verbatim ? s : { ...s, text: escape(s.text) }));
    return { ...val, value: segments.map((s) => s.text).join(""), segments };
  }
  return { ...val, value: escapeDeep(val.value, escape) };
}

function escapeDeep(value: unknown, escape: ValueEscape): unknown {
  if (typeof value === "string") return escape(value);
  if (Array.isArray(value)) return value.map((v) => escapeDeep(v, escape));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) define(out, k, escapeDeep(v, escape));
    return out;
  }
  return value;
}

function push(segments: Segment[], s: Segment): void {
  if (s.text === "") return;
  const last = segments[segments.length - 1];
  if (last && !last.ref && !s.ref && last.secret === s.secret && Boolean(last.verbatim) === Boolean(s.verbatim)) last.text += s.text;
  else segments.push({ ...s });
}

/** The outcome of evaluating a nested template. */
export interface TemplateResult {
  value: unknown;
  /** True when any secret went in. */
  secret: boolean;
  /** JSON pointers (relative to the template root) of every scalar holding a secret-derived value. */
  secretPointers: string[];
  /** Paths (as written) of the strings that hold a `secretRef`, for targets that cannot express one there. */
  refPaths: DataPath[];
  /** Set when the template is a single string (its pieces, when some are verbatim or secret). */
  segments?: Segment[];
  problems: TemplateProblem[];
}

/**
 * Evaluates every string (and every mapping key) of a nested template. Keys must evaluate to plain text: a secret
 * in a key would leak into names.
 */
export function evaluateTemplate(template: unknown, ctx: EvalContext, env: FunctionEnv, escape?: ValueEscape): TemplateResult {
  const problems: TemplateProblem[] = [];
  const secretPointers: string[] = [];
  const refPaths: DataPath[] = [];
  let secret = false;
  let topSegments: Segment[] | undefined;
  // `path` follows the keys as written (to locate problems), `outPath` the evaluated keys (for secret pointers); both
  // are stacks, copied only when a problem or a secret is recorded.
  const path: (string | number)[] = [];
  const outPath: (string | number)[] = [];
  const keyProblem = (key: string, problem: Omit<TemplateProblem, "path" | "key">) => problems.push({ ...problem, path: [...path, key], key: true });
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (!v.includes("${")) return v; // literal text: most of a template
      const r = evaluateString(v, ctx, env, escape);
      if (!r.ok) {
        problems.push({ code: r.code ?? "RULES_EXPRESSION", message: r.message, path: [...path], span: r.span, ...(r.hint !== undefined ? { hint: r.hint } : {}), ...(r.param !== undefined ? { param: r.param } : {}), ...(r.shared ? { shared: r.shared } : {}) });
        return v;
      }
      if (path.length === 0 && r.val.segments) topSegments = r.val.segments;
      if (r.val.segments?.some((s) => s.ref)) refPaths.push([...path]);
      if (r.val.secret) {
        secret = true;
        markLeaves(r.val.value, [...outPath], secretPointers);
      }
      return r.val.value;
    }
    if (Array.isArray(v)) {
      return v.map((item, i) => {
        path.push(i);
        outPath.push(i);
        const value = walk(item);
        path.pop();
        outPath.pop();
        return value;
      });
    }
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        const k = key.includes("${") ? evaluateString(key, ctx, env) : undefined;
        let name = key;
        if (k === undefined) {
          // a literal key stays as written
        } else if (k.ok && k.val.value instanceof Unknown) {
          // rules check: a key made from workload data keeps its written form
        } else if (!k.ok) keyProblem(key, { code: k.code ?? "RULES_EXPRESSION", message: k.message, span: k.span, ...(k.hint !== undefined ? { hint: k.hint } : {}), ...(k.param !== undefined ? { param: k.param } : {}), ...(k.shared ? { shared: k.shared } : {}) });
        else if (k.val.secret) keyProblem(key, { code: "RULES_SECRET_LEAK", message: `the key ${JSON.stringify(key)} is computed from a secret; keys become names and must not hold secrets` });
        else if (typeof k.val.value !== "string") keyProblem(key, { code: "RULES_EXPRESSION", message: `the key ${JSON.stringify(key)} must evaluate to text, got ${encodeValue(k.val.value)}` });
        else name = k.val.value;
        if (Object.hasOwn(out, name)) keyProblem(key, { code: "RULES_EXPRESSION", message: `two keys evaluate to ${JSON.stringify(name)}` });
        path.push(key);
        outPath.push(name);
        define(out, name, walk((v as Record<string, unknown>)[key]));
        path.pop();
        outPath.pop();
      }
      return out;
    }
    return v;
  };
  const value = walk(template);
  return { value, secret, secretPointers, refPaths, problems, ...(topSegments ? { segments: topSegments } : {}) };
}

function markLeaves(value: unknown, path: (string | number)[], out: string[]): void {
  if (value instanceof Unknown) out.push(toPointer(path));
  else if (Array.isArray(value)) value.forEach((item, i) => markLeaves(item, [...path, i], out));
  else if (value !== null && typeof value === "object") for (const [k, item] of Object.entries(value)) markLeaves(item, [...path, k], out);
  else out.push(toPointer(path));
}
