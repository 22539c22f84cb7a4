import { parseArgs } from "node:util";
import type { Argv } from "yargs";
import { COMPILE_COMMAND, compileBuilder } from "./commands/compile.js";
import { globalOptions } from "./options.js";

// A cold `scorec compile` spent about 7 ms in yargs (creating the parser, declaring eleven commands, parsing,
// validating) and 1 ms more initializing its modules: the biggest part of the start left (docs/performance.md).
// This parses the plain command lines a hook or CI step runs with Node's util.parseArgs instead, from the very option
// declarations yargs gets (compileBuilder, run against a recorder), and declines everything else: help, version,
// `--`, a lone `-`, `--no-…`, a short option with its value attached, an option given twice, a value outside its
// choices, an option-like value, anything the recorder does not know. yargs parses what it declines, so every usage
// error and help text stays yargs'. test/unit/cli/fast-compile-args.test.ts holds the result equal to yargs' on every
// command line it accepts.

/** One option as the builders declare it to yargs; a key outside these disables the fast path. */
export interface OptionSpec {
  alias?: string;
  type?: "string" | "boolean";
  choices?: readonly string[];
  array?: boolean;
  default?: unknown;
  coerce?: (value: unknown) => unknown;
  requiresArg?: boolean;
  global?: boolean;
  describe?: string;
  hidden?: boolean;
}
const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "alias",
  "type",
  "choices",
  "array",
  "default",
  "coerce",
  "requiresArg",
  "global",
  "describe",
  "hidden",
]);

/** A command's options and its one variadic positional, as its builders declare them to yargs. */
export interface Declaration {
  options: Map<string, OptionSpec>;
  /** The command's one variadic positional (`compile [files..]`). */
  positional?: string;
}

/** What util.parseArgs returns with tokens (its declared type depends on the literal options). */
interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  tokens: (
    | { kind: "option"; name: string; rawName: string; value: string | undefined; inlineValue: boolean | undefined }
    | { kind: "positional"; value: string }
    | { kind: "option-terminator" }
  )[];
}

let declaration: Declaration | null | undefined;

/**
 * The arguments yargs would give the `compile [files..]` handler for `argv` (the whole command line after the
 * script), or undefined when this parser does not take the line: then yargs must parse it.
 */
export function fastCompileArgs(argv: readonly string[]): Record<string, unknown> | undefined {
  if (argv[0] !== "compile") return undefined;
  declaration ??= declarationOf(compileBuilder);
  if (declaration === null) return undefined;
  const { options, positional } = declaration;
  // The positional must be the command's one optional variadic: `compile <files..>` would make zero files an error.
  if (positional !== undefined && COMPILE_COMMAND !== `compile [${positional}..]`) return undefined;
  let parsed: Parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      options: Object.fromEntries(
        [...options].map(([name, spec]) => [
          name,
          {
            type: spec.type === "boolean" ? ("boolean" as const) : ("string" as const),
            multiple: spec.array === true,
            ...(spec.alias ? { short: spec.alias } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
      tokens: true,
    }) as Parsed;
  } catch {
    return undefined; // an unknown option, a missing value, a value that looks like an option: yargs says which
  }
  const seen = new Set<string>();
  const tokens = parsed.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === "option-terminator") return undefined;
    if (token.kind === "positional" && token.value === "-") return undefined; // yargs drops a lone "-"
    if (token.kind !== "option") continue;
    const spec = options.get(token.name)!;
    // yargs reads `-tkubernetes` and `-t=kubernetes` its own way; `--check false` is false to yargs.
    if (!token.rawName.startsWith("--") && token.inlineValue) return undefined;
    if (seen.has(token.name) && spec.array !== true) return undefined;
    // yargs' array options take neither a lone "-" nor `--rules=`
    if (spec.array === true && (token.value === "-" || token.value === "")) return undefined;
    seen.add(token.name);
    const next = tokens[i + 1];
    if (spec.type === "boolean" && next?.kind === "positional" && /^(true|false)$/i.test(next.value)) return undefined;
  }
  if (parsed.positionals.length > 0 && positional === undefined) return undefined;

  const args: Record<string, unknown> = { _: ["compile"], $0: "scorec" };
  if (positional !== undefined) args[positional] = [...parsed.positionals];
  for (const [name, spec] of options) {
    let value: unknown = parsed.values[name] ?? spec.default;
    if (value === undefined) continue;
    if (spec.choices && !spec.choices.includes(value as string)) return undefined;
    if (spec.coerce) {
      try {
        value = spec.coerce(value);
      } catch {
        return undefined;
      }
    }
    for (const key of keysOf(name, spec)) args[key] = value;
  }
  return args;
}

/** The keys yargs sets for an option: its name, its camelCase form and its alias. */
function keysOf(name: string, spec: OptionSpec): string[] {
  const camel = name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  return [...new Set([name, camel, ...(spec.alias ? [spec.alias] : [])])];
}

/**
 * Runs a command's builder, after the global options, against a recorder; null when it uses anything this module
 * cannot mirror.
 */
export function declarationOf(builder: (y: Argv) => unknown): Declaration | null {
  const options = new Map<string, OptionSpec>();
  let positional: string | undefined;
  let supported = true;
  const recorder: Record<string, unknown> = new Proxy(
    {},
    {
      get(_target, method) {
        if (method === "option")
          return (name: string, spec: OptionSpec) => {
            if (options.has(name) || Object.keys(spec).some((k) => !KNOWN_KEYS.has(k))) supported = false;
            if (spec.alias !== undefined && (typeof spec.alias !== "string" || spec.alias.length !== 1))
              supported = false;
            options.set(name, spec);
            return recorder;
          };
        if (method === "positional")
          return (name: string, spec: OptionSpec) => {
            if (positional !== undefined || spec.type !== "string" || spec.array !== true) supported = false;
            if (Object.keys(spec).some((k) => !["type", "array", "describe"].includes(k))) supported = false;
            positional = name;
            return recorder;
          };
        supported = false;
        return () => recorder;
      },
    },
  );
  builder(globalOptions(recorder as unknown as Argv));
  return supported ? { options, ...(positional !== undefined ? { positional } : {}) } : null;
}
