/** The syntax tree of a rules expression (the text between `${` and `}`). */
export type Expr =
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "list"; items: Expr[] }
  /** `root.key[expr]...`: a lookup in the evaluation context. */
  | { kind: "path"; root: string; steps: Step[] }
  | { kind: "call"; name: string; args: Expr[] }
  /** Steps applied to the result of a call or a parenthesised expression. */
  | { kind: "access"; base: Expr; steps: Step[] };

/** One step of a lookup: `.name` or `[expr]`. */
export type Step = { kind: "key"; name: string } | { kind: "index"; expr: Expr };

/** A piece of a template string: literal text, or an expression with its position in the string. */
export type TemplatePart = { kind: "text"; text: string } | { kind: "expr"; expr: Expr; source: string; start: number; length: number };

/** A syntax error at a character offset of the template string. */
export interface SyntaxProblem {
  message: string;
  start: number;
  length: number;
}

/** Renders a path expression back as text, for messages (`resource.params.size`). */
export function pathText(root: string, steps: readonly Step[]): string {
  return root + steps.map((s) => (s.kind === "key" ? `.${s.name}` : "[…]")).join("");
}

/** The key names of a path whose steps are all static (`.name`), or undefined when an index is computed. */
export function staticKeys(steps: readonly Step[]): string[] | undefined {
  const out: string[] = [];
  for (const s of steps) {
    if (s.kind === "key") out.push(s.name);
    else if (s.expr.kind === "literal" && typeof s.expr.value === "string") out.push(s.expr.value);
    else return undefined;
  }
  return out;
}
