import type { Expr, Step, SyntaxProblem, TemplatePart } from "./ast.js";
import { FUNCTION_NAMES } from "./functions.js";

/**
 * Splits a template string into text and `${...}` expressions. `$${` stands for a literal `${`; any other `$` is
 * text. An expression ends at the first `}` outside a quoted string. Returns the parts or the first syntax problem.
 */
export function parseTemplate(input: string): { parts: TemplatePart[] } | { problem: SyntaxProblem } {
  const parts: TemplatePart[] = [];
  let text = "";
  let i = 0;
  while (i < input.length) {
    if (input.startsWith("$${", i)) {
      text += "${";
      i += 3;
      continue;
    }
    if (!input.startsWith("${", i)) {
      text += input[i];
      i++;
      continue;
    }
    const end = closingBrace(input, i + 2);
    if (end < 0) return { problem: { message: "unterminated ${...}: no closing }", start: i, length: input.length - i } };
    const source = input.slice(i + 2, end);
    const parsed = parseExpression(source);
    if ("problem" in parsed) return { problem: { ...parsed.problem, start: i + 2 + parsed.problem.start } };
    if (text) parts.push({ kind: "text", text });
    text = "";
    parts.push({ kind: "expr", expr: parsed.expr, source, start: i, length: end + 1 - i });
    i = end + 1;
  }
  if (text) parts.push({ kind: "text", text });
  return { parts };
}

/** True when the string holds at least one `${...}` (not counting `$${` escapes). */
export function hasExpressions(input: string): boolean {
  return /(^|[^$])\$\{/.test(input);
}

function closingBrace(input: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < input.length; i++) {
    const ch = input[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "}") return i;
  }
  return -1;
}

type Token =
  | { kind: "ident"; text: string; start: number }
  | { kind: "string"; value: string; start: number; end: number }
  | { kind: "number"; value: number; start: number; end: number }
  | { kind: "punct"; text: "." | "," | "(" | ")" | "[" | "]"; start: number }
  | { kind: "end"; start: number };

/** Parses the text between `${` and `}`. Offsets in problems are relative to that text. */
export function parseExpression(source: string): { expr: Expr } | { problem: SyntaxProblem } {
  const lexed = tokenize(source);
  if ("problem" in lexed) return lexed;
  const parser = new Parser(lexed.tokens, source);
  try {
    const expr = parser.expression();
    parser.expectEnd();
    return { expr };
  } catch (e) {
    if (e instanceof ParseFailure) return { problem: e.problem };
    throw e;
  }
}

class ParseFailure extends Error {
  constructor(readonly problem: SyntaxProblem) {
    super(problem.message);
  }
}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /-?[0-9]+(\.[0-9]+)?/y;

function tokenize(source: string): { tokens: Token[] } | { problem: SyntaxProblem } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let value = "";
      let j = i + 1;
      for (; j < source.length && source[j] !== ch; j++) {
        if (source[j] === "\\" && j + 1 < source.length) {
          const next = source[++j]!;
          value += next === "n" ? "\n" : next === "t" ? "\t" : next;
        } else value += source[j];
      }
      if (j >= source.length) return { problem: { message: "unterminated string literal", start: i, length: source.length - i } };
      tokens.push({ kind: "string", value, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(source);
    if (num && (ch === "-" || /[0-9]/.test(ch))) {
      tokens.push({ kind: "number", value: Number(num[0]), start: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(source);
    if (id) {
      tokens.push({ kind: "ident", text: id[0], start: i });
      i += id[0].length;
      continue;
    }
    if (".,()[]".includes(ch)) {
      tokens.push({ kind: "punct", text: ch as "." | "," | "(" | ")" | "[" | "]", start: i });
      i++;
      continue;
    }
    return { problem: { message: `unexpected character ${JSON.stringify(ch)}`, start: i, length: 1 } };
  }
  tokens.push({ kind: "end", start: source.length });
  return { tokens };
}

// Deeper nesting than any real expression; keeps hostile input from exhausting the stack.
const MAX_DEPTH = 64;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly source: string,
  ) {}

  expression(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail(`expression nests deeper than ${MAX_DEPTH} levels`, this.peek().start);
    try {
      return this.primary();
    } finally {
      this.depth--;
    }
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case "string":
        return { kind: "literal", value: t.value };
      case "number":
        return { kind: "literal", value: t.value };
      case "ident":
        return this.identifier(t.text, t.start);
      case "punct":
        if (t.text === "(") {
          const inner = this.expression();
          this.expect(")");
          const steps = this.steps();
          return steps.length ? { kind: "access", base: inner, steps } : inner;
        }
        if (t.text === "[") return { kind: "list", items: this.list("]") };
        break;
      case "end":
        this.fail(this.source.trim() === "" ? "empty expression" : "expression ends too early", t.start);
    }
    return this.fail(`unexpected ${JSON.stringify(this.source.slice(t.start, t.start + 1))}`, t.start);
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== "end") this.fail(`unexpected ${JSON.stringify(this.source.slice(t.start))} after the expression`, t.start);
  }

  private identifier(name: string, start: number): Expr {
    if (name === "true" || name === "false") return { kind: "literal", value: name === "true" };
    if (name === "null") return { kind: "literal", value: null };
    const steps = this.steps();
    const next = this.peek();
    if (next.kind === "punct" && next.text === "(") {
      const dotted = steps.every((s) => s.kind === "key") ? [name, ...steps.map((s) => (s as { name: string }).name)].join(".") : undefined;
      if (!dotted || !FUNCTION_NAMES.has(dotted)) {
        this.fail(`unknown function ${dotted ?? name}; known functions: ${[...FUNCTION_NAMES].sort().join(", ")}`, start);
      }
      this.next();
      const args = this.list(")");
      const after = this.steps();
      const call: Expr = { kind: "call", name: dotted, args };
      return after.length ? { kind: "access", base: call, steps: after } : call;
    }
    return { kind: "path", root: name, steps };
  }

  private steps(): Step[] {
    const steps: Step[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== "punct") return steps;
      if (t.text === ".") {
        this.next();
        const key = this.next();
        if (key.kind === "ident") steps.push({ kind: "key", name: key.text });
        else if (key.kind === "number" && Number.isInteger(key.value) && key.value >= 0) steps.push({ kind: "key", name: String(key.value) });
        else this.fail('expected a name after "."', key.start);
      } else if (t.text === "[") {
        this.next();
        const expr = this.expression();
        this.expect("]");
        steps.push({ kind: "index", expr });
      } else return steps;
    }
  }

  private list(close: ")" | "]"): Expr[] {
    const items: Expr[] = [];
    const first = this.peek();
    if (first.kind === "punct" && first.text === close) {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.expression());
      const t = this.next();
      if (t.kind === "punct" && t.text === close) return items;
      if (!(t.kind === "punct" && t.text === ",")) this.fail(`expected "," or "${close}"`, t.start);
    }
  }

  private expect(text: ")" | "]"): void {
    const t = this.next();
    if (!(t.kind === "punct" && t.text === text)) this.fail(`expected "${text}"`, t.start);
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== "end") this.pos++;
    return t;
  }

  private fail(message: string, start: number): never {
    throw new ParseFailure({ message, start, length: 1 });
  }
}
