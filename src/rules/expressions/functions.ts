import { encodeValue } from "../../placeholders/encode-value.js";
import { hmacKey, type HmacKey } from "../../shared/digest.js";
import { derivePassword, hash8, slug } from "../derive.js";
import { composeSecretVariable, describeSecretRef, secretKeyProblem, secretNameProblem, secretRefText } from "../secret-ref.js";
import { escapeLikePattern, quoteShellWord, quoteSqlIdentifier, quoteSqlLiteral, SQL_DIALECTS, type SqlDialect } from "./quoting.js";
import { kindOf, type Outcome, type Val } from "./value.js";

/** What functions may use besides their arguments. */
export interface FunctionEnv {
  /** The derivation seed (the development seed when none was given). */
  seed: string;
  /** Called with every derived secret (so the caller can tell whether the development seed reached the output). */
  onDerive?(value: string): void;
  /**
   * Set when no seed was given and the environment is not a development one: deriving is then an error, since the
   * development seed is public. The text names the environment for the message.
   */
  seedRequired?: string | undefined;
  /** The seed prepared as an HMAC key, made on the first derivation and shared by the compile's others. */
  seedKey?: HmacKey | undefined;
  /** The references made so far by their Compose variable, so two references never share one variable. */
  refVariables?: Map<string, { name: string; key: string }>;
}

interface FunctionSpec {
  min: number;
  max: number;
  /** One line for docs and errors. */
  signature: string;
  run(args: readonly Val[], env: FunctionEnv): Outcome;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The functions an expression may call. `default` is evaluated lazily by the evaluator (its first argument may be a
 * missing key); it is listed here for arity checks and docs. Any secret argument makes the result secret.
 */
export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  slug: { min: 1, max: 1, signature: "slug(text)", run: ([a]) => text(a!, "slug", (s) => slug(s)) },
  hash8: { min: 1, max: 1, signature: "hash8(text)", run: ([a]) => text(a!, "hash8", (s) => hash8(s)) },
  lower: { min: 1, max: 1, signature: "lower(text)", run: ([a]) => text(a!, "lower", (s) => s.toLowerCase()) },
  upper: { min: 1, max: 1, signature: "upper(text)", run: ([a]) => text(a!, "upper", (s) => s.toUpperCase()) },
  join: {
    min: 1,
    max: 2,
    signature: "join(list, separator = \",\")",
    run([list, sep]) {
      if (!Array.isArray(list!.value)) return { ok: false, message: `join expects a list, got ${kindOf(list!.value)}` };
      const separator = sep === undefined ? "," : encodeValue(sep.value);
      return ok(list!.value.map((v) => encodeValue(v)).join(separator), list!.secret || Boolean(sep?.secret));
    },
  },
  default: { min: 2, max: 2, signature: "default(value, fallback)", run: ([a, b]) => ({ ok: true, val: a!.value === null ? b! : a! }) },
  concat: {
    min: 1,
    max: 64,
    signature: "concat(text, ...)",
    run(args) {
      const pieces: string[] = [];
      for (const a of args) {
        if (a.value !== null && typeof a.value === "object") return { ok: false, message: `concat joins text, numbers and booleans, got ${kindOf(a.value)}`, hint: "read one key or item of it, or join a list with join(list, separator)" };
        if (a.segments?.some((s) => s.verbatim)) return { ok: false, message: "concat cannot take a secretRef or interpolate reference: a function argument is a value, not a reference" };
        pieces.push(encodeValue(a.value));
      }
      return ok(pieces.join(""), args.some((a) => a.secret)); // the same text as "${a}${b}", usable as one argument
    },
  },
  string: { min: 1, max: 1, signature: "string(value)", run: ([a]) => ok(encodeValue(a!.value), a!.secret) },
  interpolate: {
    min: 1,
    max: 1,
    signature: "interpolate(NAME)",
    run([a]) {
      const name = a!.value;
      if (typeof name !== "string" || !ENV_NAME.test(name)) return { ok: false, message: `interpolate expects a variable name like MY_VAR, got ${JSON.stringify(name)}` };
      const t = "${" + name + "}";
      return { ok: true, val: { value: t, secret: a!.secret, segments: [{ text: t, secret: a!.secret, verbatim: true }] } };
    },
  },
  secretRef: {
    min: 2,
    max: 2,
    signature: "secretRef(name, key)",
    run([n, k], env) {
      if (typeof n!.value !== "string" || typeof k!.value !== "string") return { ok: false, message: `secretRef expects a Secret name and a key as text, got ${kindOf(n!.value)} and ${kindOf(k!.value)}` };
      if (n!.secret || k!.secret) return { ok: false, code: "RULES_SECRET_REF", message: "secretRef's name and key are names, not secrets: they must not be computed from a secret" };
      const ref = { name: n!.value, key: k!.value };
      const problem = secretNameProblem(ref.name) ?? secretKeyProblem(ref.key);
      if (problem) return { ok: false, code: "RULES_SECRET_REF", message: `secretRef(${JSON.stringify(ref.name)}, ${JSON.stringify(ref.key)}): ${problem}`, hint: "name an existing Kubernetes Secret and one of its keys" };
      const variable = composeSecretVariable(ref);
      const other = (env.refVariables ??= new Map<string, { name: string; key: string }>()).get(variable);
      if (other && (other.name !== ref.name || other.key !== ref.key)) {
        return {
          ok: false,
          code: "RULES_SECRET_REF",
          message: `secretRef(${JSON.stringify(ref.name)}, ${JSON.stringify(ref.key)}) and the reference to ${describeSecretRef(other)} would both be read from ${variable} under Compose`,
          hint: "rename one Secret or key so that the names differ in more than punctuation and case",
        };
      }
      env.refVariables.set(variable, ref);
      const t = secretRefText(ref);
      return { ok: true, val: { value: t, secret: true, segments: [{ text: t, secret: true, verbatim: true, ref }] } };
    },
  },
  "sql.literal": {
    min: 1,
    max: 2,
    signature: "sql.literal(text, dialect = \"postgres\")",
    run: ([a, d]) => sqlQuote(a!, d, "sql.literal", quoteSqlLiteral),
  },
  "sql.ident": {
    min: 1,
    max: 2,
    signature: "sql.ident(text, dialect = \"postgres\")",
    run: ([a, d]) => sqlQuote(a!, d, "sql.ident", quoteSqlIdentifier),
  },
  "sql.like": {
    min: 1,
    max: 1,
    signature: "sql.like(text)",
    run: ([a]) => quoted(a!, "sql.like", escapeLikePattern),
  },
  "shell.quote": {
    min: 1,
    max: 1,
    signature: "shell.quote(text)",
    run: ([a]) => quoted(a!, "shell.quote", quoteShellWord),
  },
  "derive.password": {
    min: 1,
    max: 16,
    signature: "derive.password(part, ..., length = 32)",
    run(args, env) {
      const parts = [...args];
      let length = 32;
      const last = parts[parts.length - 1]!;
      if (parts.length > 1 && typeof last.value === "number") {
        parts.pop();
        if (!Number.isInteger(last.value) || last.value < 1 || last.value > 256) return { ok: false, message: `derive.password length must be an integer from 1 to 256, got ${last.value}` };
        length = last.value;
      }
      if (env.seedRequired !== undefined) {
        return {
          ok: false,
          code: "RULES_SEED_REQUIRED",
          message: `derive.password needs a seed in ${env.seedRequired}: the development seed is public, so anyone could recompute this secret`,
          hint: "pass a secret seed with --seed VALUE or the SCOREC_SEED environment variable (in CI: a masked secret variable), or reference a secret that lives elsewhere with secretRef(name, key)",
        };
      }
      const value = derivePassword((env.seedKey ??= hmacKey(env.seed)), parts.map((p) => encodeValue(p.value)), length);
      env.onDerive?.(value);
      return ok(value, true);
    },
  },
};

/** Every function name (dotted names included). */
export const FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.keys(FUNCTIONS));

function text(arg: Val, name: string, f: (s: string) => string): Outcome {
  const v = arg.value;
  if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") return { ok: false, message: `${name} expects text, got ${kindOf(v)}` };
  return ok(f(String(v)), arg.secret);
}

/** Like {@link text}, for the quoting functions, whose quoters refuse what their context cannot hold (a NUL byte). */
function quoted(arg: Val, name: string, quote: (s: string) => string | { error: string }): Outcome {
  const v = arg.value;
  if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") return { ok: false, message: `${name} expects text, got ${kindOf(v)}` };
  const q = quote(String(v));
  if (typeof q !== "string") return { ok: false, message: `${name}: ${q.error}` };
  return ok(q, arg.secret);
}

function sqlQuote(arg: Val, dialect: Val | undefined, name: string, quote: (s: string, d: SqlDialect) => string | { error: string }): Outcome {
  const d = dialect === undefined ? "postgres" : dialect.value;
  if (typeof d !== "string" || !(SQL_DIALECTS as readonly string[]).includes(d)) return { ok: false, message: `${name} dialect must be one of ${SQL_DIALECTS.map((x) => JSON.stringify(x)).join(", ")}, got ${JSON.stringify(d)}` };
  return quoted(arg, name, (s) => quote(s, d as SqlDialect));
}

function ok(value: string, secret: boolean): Outcome {
  return { ok: true, val: { value, secret } };
}
