import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { parse } from "yaml";
import { lexPlaceholders } from "../../src/placeholders/lexer.js";
import { compileText, errorsAt, fcOptions, score } from "./helpers.js";

// Interpolation: a literal `$` must reach a Compose container as written, a literal `$(VAR)` must reach a Kubernetes
// container as written, and a value that resolves to text holding `${...}` is never expanded a second time.
// The readers below model what Compose (compose-go's template package) and the kubelet do to the text we emit.

/** Compose interpolation: `$$` → `$`, `${NAME}`/`$NAME` → the variable; any other `$` is an error in compose-go. */
function composeRead(text: string, env: Record<string, string> = {}): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "$") {
      out += text[i];
      continue;
    }
    const rest = text.slice(i + 1);
    if (rest.startsWith("$")) {
      out += "$";
      i++;
      continue;
    }
    const braced = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest) ?? /^([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (!braced) throw new Error(`compose would reject "$${rest.slice(0, 5)}" in ${JSON.stringify(text)}`);
    out += env[braced[1]!] ?? "";
    i += braced[0].length;
  }
  return out;
}

/** Kubernetes expansion of env values (and command/args): `$$` → `$`, `$(NAME)` → the variable when defined. */
function kubeletExpand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([^)]*)\)/g, (m, name: string | undefined) =>
    m === "$$" ? "$" : name !== undefined && Object.hasOwn(env, name) ? env[name]! : m,
  );
}

/**
 * Writes a literal string as a (JSON-quoted) Score value, inverting score-go's lexer: `$${...}` stands for `${...}`
 * with everything up to the first `}` taken as it is, and `$$` for any other `$`.
 */
function scoreLiteral(literal: string): string {
  let out = "";
  for (let i = 0; i < literal.length; i++) {
    const close = literal.indexOf("}", i);
    if (literal.startsWith("${", i) && close > 0) {
      out += "$" + literal.slice(i, close + 1);
      i = close;
    } else out += literal[i] === "$" ? "$$" : literal[i];
  }
  return JSON.stringify(out);
}

function envOf(target: "compose" | "kubernetes", text: string): Record<string, string> {
  const r = compileText(text, { target });
  assert.equal(errorsAt(r.diagnostics), []);
  if (target === "compose") {
    const doc = parse(r.files[0]!.text) as { services: Record<string, { environment?: Record<string, string> }> };
    return doc.services["web-main"]!.environment ?? {};
  }
  const docs = r.files[0]!.text.split(/^---\n/m)
    .filter(Boolean)
    .map(
      (d) =>
        parse(d) as {
          kind: string;
          spec?: { template: { spec: { containers: { env?: { name: string; value?: string }[] }[] } } };
        },
    );
  const env = docs.find((d) => d.kind === "Deployment")!.spec!.template.spec.containers[0]!.env ?? [];
  return Object.fromEntries(env.map((e) => [e.name, e.value ?? ""]));
}

const withVars = (vars: Record<string, string>) =>
  score(
    "web",
    `  main:\n    image: nginx\n    variables:\n${Object.entries(vars)
      .map(([k, v]) => `      ${k}: ${v}\n`)
      .join("")}`,
  );

test("Compose: literal $, $$, $VAR, ${VAR} and $(cmd) in values reach the container unchanged", () => {
  const literals = ["price: $5", "$$", "$HOME", "${HOME}", "$(id)", "a$", "${", "$}", "$${x}", "$$$"];
  const vars = Object.fromEntries(literals.map((l, i) => [`V${i}`, scoreLiteral(l)]));
  const env = envOf("compose", withVars(vars));
  literals.forEach((l, i) => assert.is(composeRead(env[`V${i}`]!, { HOME: "/root" }), l, l));
  assert.is(env.V0, "price: $$5");
});

test("Kubernetes: literal $(VAR) and $$ in values survive the kubelet's expansion", () => {
  const literals = ["$(HOME)", "$$(HOME)", "$$", "a$(B)c", "$(", "$)", "$HOME", "${HOME}"];
  const vars = { HOME: '"/root"', ...Object.fromEntries(literals.map((l, i) => [`V${i}`, scoreLiteral(l)])) };
  const env = envOf("kubernetes", withVars(vars));
  literals.forEach((l, i) => assert.is(kubeletExpand(env[`V${i}`]!, env), l, l));
  assert.is(env.V0, "$$(HOME)");
});

test("property: any literal value round-trips through Compose interpolation and Kubernetes expansion", () => {
  const piece = fc.constantFrom("$", "$$", "{", "}", "(", ")", "A", "b_1", " ", ".", "${A}", "$(A)", "é", ":-");
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 12 }).map((p) => p.join("")),
      (literal) => {
        const text = withVars({ A: '"/a"', V: scoreLiteral(literal) });
        assert.is(composeRead(envOf("compose", text).V!, { A: "/a" }), literal);
        const k8s = envOf("kubernetes", text);
        assert.is(kubeletExpand(k8s.V!, k8s), literal);
      },
    ),
    fcOptions(150),
  );
});

test("a placeholder that resolves to text holding ${...} is not expanded again", () => {
  // metadata is never placeholder-expanded, so its value is the literal text "${resources.db.host}".
  const text = `apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n  note: "\${resources.db.host} $(HOME)"\ncontainers:\n  main:\n    image: nginx\n    variables:\n      HOME: /root\n      NOTE: "\${metadata.note}"\n`;
  assert.is(composeRead(envOf("compose", text).NOTE!), "${resources.db.host} $(HOME)");
  const k8s = envOf("kubernetes", text);
  assert.is(kubeletExpand(k8s.NOTE!, k8s), "${resources.db.host} $(HOME)");
});

const RULES = `apiVersion: scorec.dev/v1alpha1
kind: Rules
rules:
  - id: lit
    match: { type: lit }
    outputs:
      text: "$\${HOME} $\${resources.db.host} $(HOME) $$ $X \${resource.params.raw}"
    secrets:
      token: "s$\${x}$(HOME)"
`;

test("rule outputs and params holding ${...} and $(...) are literal text in every target", () => {
  const text = `apiVersion: score.dev/v1b1
metadata:
  name: web
  raw: "\${resources.other.secret}"
containers:
  main:
    image: nginx
    variables:
      HOME: /root
      OUT: "\${resources.db.text}"
      TOKEN: "\${resources.db.token}"
    files:
      /etc/conf:
        content: "x=\${resources.db.text}"
resources:
  db:
    type: lit
    params:
      raw: "\${metadata.raw}"
`;
  const rules = [{ path: "rules.yaml", text: RULES }];
  const expected = "${HOME} ${resources.db.host} $(HOME) $$ $X ${resources.other.secret}";
  const compose = compileText(text, { rules });
  assert.equal(errorsAt(compose.diagnostics), []);
  const project = parse(compose.files[0]!.text) as {
    services: Record<string, { environment: Record<string, string> }>;
    configs: Record<string, { content: string }>;
  };
  const env = project.services["web-main"]!.environment;
  assert.is(composeRead(env.OUT!), expected);
  assert.is(composeRead(env.TOKEN!), "s${x}$(HOME)");
  assert.is(composeRead(Object.values(project.configs)[0]!.content), "x=" + expected);

  const k8s = compileText(text, { rules, target: "kubernetes" });
  assert.equal(errorsAt(k8s.diagnostics), []);
  const docs = k8s.files[0]!.text.split(/^---\n/m)
    .filter(Boolean)
    .map((d) => parse(d) as Record<string, any>);
  const container = docs.find((d) => d.kind === "Deployment")!.spec.template.spec.containers[0];
  const kenv = Object.fromEntries(
    (container.env as { name: string; value?: string }[]).map((e) => [e.name, e.value ?? ""]),
  );
  assert.is(kubeletExpand(kenv.OUT!, kenv), expected);
  // File content is not expanded by Kubernetes: written as is.
  assert.ok(
    docs.some(
      (d) => d.kind === "ConfigMap" && Object.values(d.data as Record<string, string>).includes("x=" + expected),
    ),
  );
  // The secret is not expanded either: it reaches the container through secretKeyRef, verbatim in the Secret.
  assert.ok(
    docs.some(
      (d) =>
        d.kind === "Secret" && Object.values((d.stringData ?? {}) as Record<string, string>).includes("s${x}$(HOME)"),
    ),
  );
});

test("command and args: Compose keeps them literal; Kubernetes keeps them verbatim by design (docs/kubernetes.md)", () => {
  const text = score(
    "web",
    `  main:\n    image: nginx\n    command: ["sh", "-c", "echo $HOME $(id) \${X}"]\n    variables:\n      HOME: /root\n`,
  );
  // Score's command overrides the image's entrypoint, as in score-compose.
  const compose = parse(compileText(text).files[0]!.text) as { services: Record<string, { entrypoint: string[] }> };
  assert.is(composeRead(compose.services["web-main"]!.entrypoint[2]!, { HOME: "/root" }), "echo $HOME $(id) ${X}");
  // score-k8s writes command/args verbatim so that `$(VAR)` references work there; scorec does the same (documented).
  assert.match(compileText(text, { target: "kubernetes" }).files[0]!.text, /- echo \$HOME \$\(id\) \$\{X\}\n/);
});

test("the environment resource is the one deliberate Compose reference, and only for its own key", () => {
  const text = score(
    "web",
    `  main:\n    image: nginx\n    variables:\n      REGION: "\${resources.env.REGION} costs $$5"\n`,
    "resources:\n  env:\n    type: environment\n",
  );
  const env = envOf("compose", text);
  assert.is(env.REGION, "${REGION} costs $$5");
  assert.is(composeRead(env.REGION!, { REGION: "eu" }), "eu costs $5");
});

test("placeholder lexing is linear: megabytes of ${${${... give a located diagnostic, not an hours-long scan", () => {
  // 500 000 times "${": the regex-based lexer took about 20 minutes on this.
  const open = "${".repeat(500_000);
  const unclosed = compileText(withVars({ A: JSON.stringify(open) }));
  assert.equal(errorsAt(unclosed.diagnostics), []);
  const closed = compileText(withVars({ A: JSON.stringify(open + "}") }));
  assert.equal(errorsAt(closed.diagnostics), [["SCORE_PLACEHOLDER_MALFORMED", 8, 11]]);
});

test("property: the linear lexer splits exactly as score-go's regex does", () => {
  const PLACEHOLDER = /\$((?:\$?\{([^}]*)\})|\$)/g;
  const byRegex = (input: string) => {
    const out: string[] = [];
    let last = 0;
    for (const m of input.matchAll(PLACEHOLDER)) {
      if (m.index > last) out.push(`text:${input.slice(last, m.index)}`);
      out.push(m[0] === "$$" || m[0].startsWith("$${") ? `escape:${m[0]}` : `ref:${m[2]}`);
      last = m.index + m[0].length;
    }
    if (last < input.length) out.push(`text:${input.slice(last)}`);
    return out;
  };
  const byLexer = (input: string) =>
    lexPlaceholders(input).map((t) =>
      t.kind === "text" ? `text:${t.text}` : t.kind === "escape" ? `escape:${t.raw}` : `ref:${t.ref}`,
    );
  const input = fc
    .array(fc.constantFrom("$", "{", "}", "a", ".", "\n", "${", "$${", "}}"), { maxLength: 20 })
    .map((a) => a.join(""));
  fc.assert(
    fc.property(input, (s) => assert.equal(byLexer(s), byRegex(s), JSON.stringify(s))),
    fcOptions(500),
  );
});

test.run();
