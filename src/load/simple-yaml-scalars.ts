/**
 * The one-line pieces of the fast YAML reader (simple-yaml.ts): indentation, keys, plain and quoted scalars, flow
 * scalars, and the YAML 1.2 core schema's reading of plain scalars. Everything outside what they accept calls bail().
 */

/** Thrown to leave the subset; never escapes readSimpleYaml. */
export const BAIL = Symbol("outside the simple YAML subset");
export function bail(): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel that readSimpleYaml alone catches
  throw BAIL;
}

export const SPACE = 32;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;

export function indentOf(text: string): number {
  let i = 0;
  while (text.charCodeAt(i) === SPACE) i++;
  return i;
}

export function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === SPACE) i++;
  return i;
}

export function isDash(text: string, at: number): boolean {
  return text.charCodeAt(at) === DASH && (at + 1 === text.length || text.charCodeAt(at + 1) === SPACE);
}

// After a value: only spaces, then the end of the line or a comment.
export function expectLineEnd(text: string, from: number): void {
  const i = skipSpaces(text, from);
  if (i === text.length) return;
  if (text.charCodeAt(i) === HASH && i > from) return;
  bail();
}

// Whether the item after "- " is a "key: value" pair (the first entry of a mapping).
export function startsMapping(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 0x22 || c === 0x27) {
    const end = c === 0x22 ? readDoubleQuoted(text, at)[1] : readSingleQuoted(text, at)[1];
    return text.charCodeAt(end) === COLON;
  }
  if (!canStartPlain(text, at, false)) return false;
  return plainScalarEnd(text, at).stop === COLON;
}

// A mapping key at `column`, the index just after its ":", and where the key ends.
export function readKey(text: string, column: number): [string, number, number] {
  const c = text.charCodeAt(column);
  if (c === 0x22 || c === 0x27) {
    const [key, end] = c === 0x22 ? readDoubleQuoted(text, column) : readSingleQuoted(text, column);
    if (text.charCodeAt(end) !== COLON) bail();
    const after = text.charCodeAt(end + 1);
    if (end + 1 < text.length && after !== SPACE) bail();
    return [key, end + 1, end];
  }
  if (!canStartPlain(text, column, false)) bail();
  const { end, stop } = plainScalarEnd(text, column);
  if (stop !== COLON) bail();
  const keyText = text.slice(column, end);
  const resolved = resolvePlain(keyText);
  return [typeof resolved === "string" ? resolved : String(resolved), end + 1, end];
}

// Characters that cannot start a plain scalar ("-", "?" and ":" can when a non-space follows).
const INDICATORS = new Set([..."-?:,[]{}#&*!|>'\"%@`"].map((c) => c.charCodeAt(0)));

function canStartPlain(text: string, at: number, inFlow: boolean): boolean {
  const c = text.charCodeAt(at);
  if (Number.isNaN(c)) return false;
  if (!INDICATORS.has(c)) return true;
  if (c !== DASH && c !== 0x3f /* ? */ && c !== COLON) return false;
  const next = text.charCodeAt(at + 1);
  return !Number.isNaN(next) && next !== SPACE && !(inFlow && FLOW_INDICATORS.has(next));
}

const FLOW_INDICATORS = new Set([..."[]{},"].map((c) => c.charCodeAt(0)));

/**
 * Where a one-line plain scalar in block context ends: at ": " or a final ":" (stop = ":"), at " #" (a comment), or
 * at the end of the line; trailing spaces excluded.
 */
export function plainScalarEnd(text: string, at: number): { end: number; stop: number } {
  if (!canStartPlain(text, at, false)) bail();
  let i = at;
  let stop = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON && (i + 1 === text.length || text.charCodeAt(i + 1) === SPACE)) {
      stop = COLON;
      break;
    }
    if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
      stop = HASH;
      break;
    }
  }
  let end = i;
  while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
  return { end, stop };
}

// A key in a flow mapping, followed by ": ": the key, the index after the colon, and where the key ends.
export function flowKey(text: string, at: number): [string, number, number] {
  const c = text.charCodeAt(at);
  let key: string;
  let end: number;
  if (c === 0x22 || c === 0x27) [key, end] = c === 0x22 ? readDoubleQuoted(text, at) : readSingleQuoted(text, at);
  else {
    const plain = flowPlainEnd(text, at);
    if (plain.stop !== COLON) bail();
    const resolved = resolvePlain(text.slice(at, plain.end));
    key = typeof resolved === "string" ? resolved : String(resolved);
    end = plain.end;
  }
  if (text.charCodeAt(end) !== COLON || text.charCodeAt(end + 1) !== SPACE) bail();
  return [key, end + 1, end];
}

/**
 * Where a plain scalar inside a flow collection ends: before ",", "]" or "}", or at a ":" that a space, a flow
 * indicator or the line end follows (stop = ":"); trailing spaces excluded. Nested brackets, " #" and the line end
 * inside it are left to the full parser.
 */
export function flowPlainEnd(text: string, at: number): { end: number; stop: number } {
  if (!canStartPlain(text, at, true)) bail();
  let i = at;
  let stop = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2c || c === 0x5d || c === 0x7d) break;
    if (c === 0x5b || c === 0x7b) bail();
    if (c === COLON) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 === text.length || next === SPACE || next === 0x2c || next === 0x5d || next === 0x7d) {
        stop = COLON;
        break;
      }
    }
    if (c === HASH && text.charCodeAt(i - 1) === SPACE) bail();
  }
  if (i === text.length) bail(); // no closing bracket on this line
  let end = i;
  while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
  return { end, stop };
}

// A one-line single-quoted scalar at `at`: its value and the index after the closing quote.
export function readSingleQuoted(text: string, at: number): [string, number] {
  let out = "";
  let from = at + 1;
  for (;;) {
    const q = text.indexOf("'", from);
    if (q === -1) bail();
    out += text.slice(from, q);
    if (text.charCodeAt(q + 1) === 0x27) {
      out += "'";
      from = q + 2;
      continue;
    }
    return [out, q + 1];
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

// A one-line double-quoted scalar at `at`: its value and the index after the closing quote.
export function readDoubleQuoted(text: string, at: number): [string, number] {
  let out = "";
  let from = at + 1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return [out + text.slice(from, i), i + 1];
    if (c !== 0x5c /* \ */) continue;
    out += text.slice(from, i);
    const escape = text[i + 1];
    if (escape === undefined) bail(); // a line break escaped: a multi-line scalar
    const simple = SIMPLE_ESCAPES[escape];
    if (simple !== undefined) {
      out += simple;
      i += 1;
    } else {
      const length = HEX_LENGTH[escape];
      if (length === undefined) bail();
      const hex = text.slice(i + 2, i + 2 + length);
      if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) bail();
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) bail();
      out += String.fromCodePoint(code);
      i += 1 + length;
    }
    from = i + 1;
  }
  return bail();
}

/** A plain scalar's value under the YAML 1.2 core schema, with the yaml package's resolvers in its order. */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Letters other than the first letters of null/true/false, "/", "$", "_": always strings.
  if (((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) && !STARTS_WORD.has(c)) return s;
  if (c === 0x2f || c === 0x24 || c === 0x5f) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === "t" || s[0] === "T";
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s))
    return s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

const STARTS_WORD = new Set([..."nNtTfF"].map((ch) => ch.charCodeAt(0)));
