import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hash8 } from "../rules/derive.js";

/**
 * Secret values shorter than this are not masked: they would match ordinary words and numbers all over a diff.
 * Derived secrets are 32 characters unless a rule asks for fewer.
 */
export const MIN_MASKED_LENGTH = 4;

/**
 * Replaces every occurrence of a secret value (and of its base64 form, as Kubernetes `data` holds it) in a text by
 * `<secret 1a2b3c4d>`: the first 8 hex characters of the value's SHA-256, so a rotation shows up in a diff without
 * the value. Longer values are replaced first, so a secret that contains another is masked whole.
 *
 * @example
 * ```ts
 * import { compile, maskSecrets } from "scorec";
 * const { files, secrets } = compile({ sources, environment: "local" });
 * console.log(maskSecrets(files[0]!.text, secrets));
 * ```
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  return secretMasker(secrets)(text);
}

/** {@link maskSecrets} for many texts: the search is built once. */
function secretMasker(secrets: readonly string[]): (text: string) => string {
  const masks = new Map<string, string>();
  for (const value of secrets) {
    if (value.length < MIN_MASKED_LENGTH) continue;
    const mask = `<secret ${hash8(value)}>`;
    masks.set(value, mask);
    const encoded = base64(value);
    if (!masks.has(encoded)) masks.set(encoded, mask);
  }
  if (masks.size === 0) return (text) => text;
  const needles = [...masks.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const pattern = new RegExp(needles.map(escapeRegExp).join("|"), "g");
  return (text) => text.replace(pattern, (found) => masks.get(found)!);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const MASK = /<secret [0-9a-f]{8}>/g;
const MASK_ONLY = /^<secret [0-9a-f]{8}>$/;

/**
 * Masks, in an earlier version of an artifact, the secrets that scorec no longer knows (an old seed's passwords): a
 * line of `before` that equals a line of the masked `after` except where `after` shows `<secret …>` gets those
 * places masked too, with the hash of what it held. `--check` diffs `maskSecretsLike(before, after)` against
 * `after`, so neither the old nor the new value is printed, and a rotation still shows as a changed hash.
 *
 * @example
 * ```ts
 * import { maskSecrets, maskSecretsLike } from "scorec";
 * const after = maskSecrets(generated, secrets);
 * const before = maskSecretsLike(onDisk, after);
 * ```
 */
export function maskSecretsLike(before: string, after: string): string {
  // Shapes of the masked lines, indexed by the text before their first mask and after their last (an indented key
  // and the rest of a URL, mostly), so that each line of `before` is tried only against the shapes it can match: a
  // large app has thousands of secret lines that share a key.
  const byPrefix = new Map<string, { suffixLengths: number[]; bySuffix: Map<string, RegExp[]> }>();
  const afterLines = after.split("\n");
  const seen = new Set<string>();
  for (const line of afterLines) {
    if (!line.includes("<secret ") || seen.has(line)) continue;
    seen.add(line);
    const pieces = line.split(MASK);
    if (pieces.length < 2) continue;
    const prefix = pieces[0]!;
    const suffix = pieces[pieces.length - 1]!;
    const shape = new RegExp(`^${pieces.map(escapeRegExp).join("(.+?)")}$`, "d");
    let entry = byPrefix.get(prefix);
    if (!entry) byPrefix.set(prefix, (entry = { suffixLengths: [], bySuffix: new Map() }));
    const list = entry.bySuffix.get(suffix);
    if (list) list.push(shape);
    else {
      entry.bySuffix.set(suffix, [shape]);
      if (!entry.suffixLengths.includes(suffix.length)) entry.suffixLengths.push(suffix.length);
    }
  }
  if (byPrefix.size === 0) return before;
  const prefixLengths = [...new Set([...byPrefix.keys()].map((p) => p.length))].sort((a, b) => a - b);
  const unchanged = new Set(afterLines);
  return before
    .split("\n")
    .map((line) => {
      if (unchanged.has(line)) return line;
      for (const length of prefixLengths) {
        if (length > line.length) break;
        const entry = byPrefix.get(line.slice(0, length));
        if (!entry) continue;
        for (const suffixLength of entry.suffixLengths) {
          if (length + suffixLength > line.length) continue;
          for (const shape of entry.bySuffix.get(line.slice(line.length - suffixLength)) ?? []) {
            const m = shape.exec(line);
            if (m) return masked(line, m);
          }
        }
      }
      return line;
    })
    .join("\n");
}

// The line with each captured place (its indices, from the "d" flag) replaced by the mask of what it held.
function masked(line: string, m: RegExpExecArray): string {
  let out = "";
  let at = 0;
  for (let i = 1; i < m.length; i++) {
    const [from, to] = m.indices![i]!;
    const value = line.slice(from, to);
    out += line.slice(at, from) + (MASK_ONLY.test(value) ? value : `<secret ${hash8(value)}>`);
    at = to;
  }
  return out + line.slice(at);
}

/**
 * Diagnostics with every secret value masked in their message and hint (a diagnostic never shows a secret).
 *
 * @example
 * ```ts
 * import { compile, maskDiagnostics } from "scorec";
 * const result = compile({ sources });
 * const shown = maskDiagnostics(result.diagnostics, result.secrets);
 * ```
 */
export function maskDiagnostics(diagnostics: readonly Diagnostic[], secrets: readonly string[]): Diagnostic[] {
  if (secrets.length === 0) return [...diagnostics];
  const mask = secretMasker(secrets);
  return diagnostics.map((d) => ({
    ...d,
    message: mask(d.message),
    ...(d.hint !== undefined ? { hint: mask(d.hint) } : {}),
  }));
}
