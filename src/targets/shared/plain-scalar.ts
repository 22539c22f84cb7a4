/**
 * What YAML readers make of a plain (unquoted) scalar: the yaml package's scalar tests for the YAML 1.2 core schema
 * and for YAML 1.1 (with merge keys off), in the package's order, so the serializer can tell without parsing whether a
 * string written plain would come back as that string.
 */

/** YAML 1.2 core schema: null, bool, octal, decimal and hex int, .inf/.nan, exponent and plain floats. */
export const CORE_NON_STRING: readonly RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

// YAML 1.1: null, y/yes/on and n/no/off booleans, binary/octal/decimal/hex ints with "_", floats, base-60 numbers and
// timestamps (what Go's YAML, kubectl and Compose read).
const YAML11_NON_STRING: readonly RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  /^[-+]?0b[0-1_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/,
];

/**
 * Whether a YAML 1.2 or a YAML 1.1 reader takes the one-line string `s`, written plain as a whole document, for
 * something other than that string (a number, boolean, null, date). `undefined` when `s` is not plain scalar syntax
 * that reads back as exactly its own text (leading indicator, ": ", " #", edge spaces, document markers, tabs,
 * controls, non-BMP characters): the caller then asks a real parser.
 */
export function plainReadsAsNonString(s: string): boolean | undefined {
  if (s === "") return true;
  if (!isPlainSyntax(s)) return undefined;
  // Every non-string form starts with one of these characters; most strings (names, paths, images) do not.
  if (!NON_STRING_START.has(s.charCodeAt(0))) return false;
  return CORE_NON_STRING.some((re) => re.test(s)) || YAML11_NON_STRING.some((re) => re.test(s));
}

const NON_STRING_START = new Set([..."~nNtTfFyYoOeE-+.0123456789"].map((c) => c.charCodeAt(0)));

const OUTSIDE_PRINTABLE_BMP = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]/;
const INDICATOR_START = /^[,[\]{}#&*!|>'"%@` ]|^[-?:](?: |$)|^---|^\.\.\./;
const INNER_BREAK = /: | #|[ :]$/;

function isPlainSyntax(s: string): boolean {
  return !OUTSIDE_PRINTABLE_BMP.test(s) && !INDICATOR_START.test(s) && !INNER_BREAK.test(s);
}
