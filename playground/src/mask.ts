import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { CompileResult } from "scorec";

// The playground's own masking, from what a compile result exposes (the secret outputs of every resolved resource):
// the same `<secret 1a2b3c4d>` form as the library's masking, which is being added separately and can replace this.

/** Shorter values would match ordinary words and numbers; derived secrets are 32 characters unless a rule asks for fewer. */
const MIN_MASKED_LENGTH = 4;

/** Every secret string of a compile: the secret outputs of every resource (and the strings inside structured ones). */
export function secretValues(result: Pick<CompileResult, "app">): string[] {
  const values = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") values.add(value);
    else if (value !== null && typeof value === "object") for (const v of Object.values(value)) visit(v);
  };
  for (const resource of result.app?.resources ?? []) visit(resource.secrets);
  return [...values].sort();
}

/**
 * A function that replaces every secret value (and its base64 form, as a Kubernetes `data` field holds it) by
 * `<secret ` + the first 8 hex characters of its SHA-256 + `>`, so a change of value still shows; longer values first,
 * so a secret containing another is masked whole.
 */
export function secretMasker(secrets: readonly string[]): (text: string) => string {
  const masks = new Map<string, string>();
  for (const value of secrets) {
    if (value.length < MIN_MASKED_LENGTH) continue;
    const mask = `<secret ${bytesToHex(sha256(utf8ToBytes(value))).slice(0, 8)}>`;
    masks.set(value, mask);
    const encoded = base64(value);
    if (!masks.has(encoded)) masks.set(encoded, mask);
  }
  if (masks.size === 0) return (text) => text;
  const needles = [...masks.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const pattern = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return (text) => text.replace(pattern, (found) => masks.get(found)!);
}

function base64(text: string): string {
  let binary = "";
  for (const byte of utf8ToBytes(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
