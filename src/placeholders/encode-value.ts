/**
 * Turns a looked-up value into placeholder text the way score-go does: strings are inserted as they are, anything
 * else goes through Go's `encoding/json` (`json.Marshal`). The encoder below reproduces Go's output byte for byte for
 * YAML-shaped data: map keys sorted by code point, no spaces, and `<`, `>`, `&`, U+2028, U+2029 escaped as `\u00XX`.
 */
export function encodeValue(value: unknown): string {
  if (typeof value === "string") return value;
  return encodeJson(value);
}

/** Thrown by {@link encodeValue} for values Go's `json.Marshal` refuses (NaN and infinities from `.nan` / `.inf`). */
export class UnencodableValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnencodableValueError";
  }
}

function encodeJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return encodeString(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new UnencodableValueError(`json: unsupported value: ${goFloatName(value)}`);
      return JSON.stringify(value);
    case "bigint":
      return value.toString();
    case "object":
      if (Array.isArray(value)) return `[${value.map(encodeJson).join(",")}]`;
      return encodeMap(value as Record<string, unknown>);
    default:
      // Functions and symbols never come out of YAML; Go would encode a nil interface.
      return "null";
  }
}

function encodeMap(map: Record<string, unknown>): string {
  const keys = Object.keys(map).sort(compareCodePoints);
  return `{${keys.map((k) => `${encodeString(k)}:${encodeJson(map[k])}`).join(",")}}`;
}

// Go compares map keys as UTF-8 bytes, which is code point order; JS `<` compares UTF-16 units, which differs above
// U+FFFF (surrogates sort before U+E000..U+FFFF).
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const GO_EXTRA_ESCAPES = /[<>&\u2028\u2029]/g;

function encodeString(s: string): string {
  // Go replaces invalid UTF-8 with U+FFFD; a lone surrogate is the UTF-16 equivalent.
  const wellFormed = s.replace(LONE_SURROGATE, "\uFFFD");
  return JSON.stringify(wellFormed).replace(
    GO_EXTRA_ESCAPES,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function goFloatName(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  return n > 0 ? "+Inf" : "-Inf";
}
