import type { ErrorObject } from "ajv";
import { error, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { fromPointer, type DataPath } from "../shared/json-pointer.js";
import { didYouMean } from "../shared/suggest.js";

/** Finds the source location of a data path; supplied by the caller so this module stays format-agnostic. */
export type Locator = (path: DataPath, mode: "key" | "value") => Location;

/**
 * Turns ajv errors into diagnostics that point at the offending YAML node: the key for unknown properties,
 * the parent mapping for missing required ones. Errors inside a failed oneOf/anyOf branch are folded into
 * one diagnostic for the whole value, so a user sees one message per mistake.
 */
export function schemaDiagnostics(errors: readonly ErrorObject[], locate: Locator, what: string): Diagnostic[] {
  const folded = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
  const inFoldedBranch = (e: ErrorObject): boolean =>
    folded.some(
      (f) => f !== e && e.schemaPath.startsWith(f.schemaPath + "/") && e.instancePath.startsWith(f.instancePath),
    );
  // "if" errors only say that a "then" failed, which is reported on its own. A value (or key) that fails a pattern
  // and a length limit is one mistake: the pattern's message (which says the length) speaks for both, and a key's
  // own errors speak through its propertyNames error.
  const patterned = new Set(errors.filter((e) => e.keyword === "pattern").map(valueId));
  const keyErrors = new Map(
    errors.filter((e) => e.propertyName !== undefined && e.keyword === "pattern").map((e) => [valueId(e), e]),
  );
  const kept = errors.filter(
    (e) =>
      !inFoldedBranch(e) &&
      e.keyword !== "if" &&
      e.propertyName === undefined &&
      !(LENGTH_KEYWORDS.has(e.keyword) && patterned.has(valueId(e))),
  );
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    const d = toDiagnostic(e, locate, what, keyErrors);
    const id = `${d.code}|${d.pointer}|${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(d);
  }
  return out;
}

const LENGTH_KEYWORDS = new Set(["minLength", "maxLength"]);

/** One value (or one key, for errors about property names). */
function valueId(e: ErrorObject): string {
  const key = e.keyword === "propertyNames" ? (e.params as { propertyName?: string }).propertyName : e.propertyName;
  return key === undefined ? e.instancePath : `${e.instancePath}\u0000${key}`;
}

// The Score schema's patterns in words: a developer should not have to read a regular expression.
const WORDED_PATTERNS: Readonly<Record<string, string>> = {
  "^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$":
    'be 2 to 63 lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. "my-app")',
  "^[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$":
    'be 2 to 63 letters, digits and "-", starting and ending with a letter or digit (e.g. "postgres")',
  "^(0\\.\\d+|[1-9]\\d*(\\.\\d+)?)(K|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$":
    'be a quantity of bytes: a number with an optional unit K, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi or Ei (e.g. "512Mi")',
  "^\\d+(?:m|\\.\\d+)?$": 'be a number of CPUs: whole, decimal or in thousandths with "m" (e.g. "1", "0.5", "500m")',
  "^0?[0-7]{3}$": 'be an octal file mode of three digits, optionally after a 0 (e.g. "0644")',
};

/** A value as JSON, cut to a length that fits a message line. */
function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 56)}…${text.slice(-3)}` : text;
}

/** "must ..." for a pattern: in words where the schema's pattern is known, else the pattern itself. */
function mustMatch(pattern: string): string {
  return `must ${WORDED_PATTERNS[pattern] ?? `match ${pattern}`}`;
}

function toDiagnostic(
  e: ErrorObject,
  locate: Locator,
  what: string,
  keyErrors: ReadonlyMap<string, ErrorObject>,
): Diagnostic {
  const path = fromPointer(e.instancePath).map(asIndex);
  const where = describePath(path, what);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return make(
        "SCHEMA_REQUIRED",
        `${where} is missing required property "${String(p.missingProperty)}"`,
        locate(path, "key"),
      );
    case "additionalProperties": {
      const prop = String(p.additionalProperty);
      const allowed = Object.keys(
        (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {},
      );
      const hint =
        didYouMean(prop, allowed) ?? (allowed.length > 0 ? `allowed here: ${allowed.sort().join(", ")}` : undefined);
      return make(
        "SCHEMA_ADDITIONAL_PROPERTY",
        `${describePath([...path, prop], what)} is not allowed here`,
        locate([...path, prop], "key"),
        hint,
      );
    }
    case "propertyNames": {
      const pattern = (keyErrors.get(valueId(e))?.params as { pattern?: string } | undefined)?.pattern;
      return make(
        "SCHEMA_PATTERN",
        `${where} has an invalid key ${JSON.stringify(String(p.propertyName))}${pattern === undefined ? "" : `: a key must ${mustMatch(pattern).slice("must ".length)}`}`,
        locate([...path, String(p.propertyName)], "key"),
      );
    }
    case "type":
      return make("SCHEMA_TYPE", `${where} must be ${article(String(p.type))}`, locate(path, "value"));
    case "pattern": {
      // A pattern that is one literal value (apiVersion's ^score\.dev/v1b1$) names the value instead of the regex.
      const literal = /^\^((?:[^\\^$.*+?()[\]{}|]|\\\.)+)\$$/.exec(String(p.pattern))?.[1]?.replace(/\\\./g, ".");
      if (literal !== undefined)
        return make(
          "SCHEMA_PATTERN",
          `${where} must be "${literal}", the version scorec supports; got ${JSON.stringify(e.data)}`,
          locate(path, "value"),
        );
      return make(
        "SCHEMA_PATTERN",
        `${where} ${shortJson(e.data)} ${mustMatch(String(p.pattern))}`,
        locate(path, "value"),
      );
    }
    case "enum":
      return make(
        "SCHEMA_ENUM",
        `${where} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
        locate(path, "value"),
      );
    case "const":
      return make("SCHEMA_ENUM", `${where} must be ${JSON.stringify(p.allowedValue)}`, locate(path, "value"));
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
    case "minLength":
    case "maxLength":
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties":
      return make("SCHEMA_RANGE", `${where} ${e.message ?? "is out of range"}`, locate(path, "value"));
    case "oneOf":
    case "anyOf":
      return make("SCHEMA_ONE_OF", `${where} ${branchHint(e)}`, locate(path, "key"));
    default:
      return make("SCHEMA_INVALID", `${where} ${e.message ?? "is invalid"}`, locate(path, "value"));
  }
}

function branchHint(e: ErrorObject): string {
  const branches = (e.parentSchema as { oneOf?: unknown[]; anyOf?: unknown[] } | undefined)?.[
    e.keyword as "oneOf" | "anyOf"
  ];
  const required = (branches ?? []).map((b) => (b as { required?: string[] }).required);
  if (required.length > 0 && required.every((r) => Array.isArray(r) && r.length === 1)) {
    const names = required.map((r) => `"${r![0]}"`).join(", ");
    return e.keyword === "oneOf" ? `must set exactly one of ${names}` : `must set at least one of ${names}`;
  }
  return e.keyword === "oneOf"
    ? "must match exactly one of the allowed shapes"
    : "must match at least one of the allowed shapes";
}

function make(code: DiagnosticCode, message: string, at: Location, hint?: string): Diagnostic {
  return error(code, message, at, hint);
}

function asIndex(segment: string): string | number {
  return /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment;
}

/** Renders a data path the way Score users write it: containers.web.variables.PORT, ports[0]. */
export function describePath(path: DataPath, what: string): string {
  if (path.length === 0) return what;
  return path
    .map((s, i) =>
      typeof s === "number"
        ? `[${s}]`
        : !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s)
          ? `[${JSON.stringify(s)}]`
          : i === 0
            ? s
            : `.${s}`,
    )
    .join("");
}

function article(type: string): string {
  const t = type.replace(/,/g, " or ");
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}
