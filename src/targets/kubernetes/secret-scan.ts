/**
 * The last line of defence for secrets: every secret value of the app (secret outputs of resources, secret pieces
 * of workload variables and files) is searched for in the final manifests, and found anywhere but in a Secret's
 * `data`/`stringData` it is a RULES_SECRET_LEAK. This also catches patches that copy a secret elsewhere. Values
 * shorter than MIN_SECRET_LENGTH are not searched: they would match ordinary words.
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { toPointer } from "../../load/yaml-document.js";
import type { ResolvedApp } from "../../model/resolved.js";
import type { Interpolated } from "../../placeholders/types.js";
import type { Manifest } from "./pod-parts.js";

/** Secret values shorter than this are not searched for. */
export const MIN_SECRET_LENGTH = 8;

/** The secret values of an app that are long enough to search for, plus their base64 forms. */
export function secretNeedles(app: ResolvedApp): string[] {
  const values = new Set<string>();
  const addDeep = (v: unknown): void => {
    if (typeof v === "string") values.add(v);
    else if (typeof v === "number") values.add(String(v));
    else if (Array.isArray(v)) v.forEach(addDeep);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(addDeep);
  };
  for (const resource of app.resources) addDeep(resource.secrets);
  const addSegments = (value: Interpolated) => value.segments.forEach((s) => s.secret && values.add(s.text));
  for (const workload of app.workloads) {
    for (const container of Object.values(workload.containers)) {
      Object.values(container.variables).forEach(addSegments);
      for (const file of Object.values(container.files)) if (file.kind === "text") addSegments(file.content);
    }
  }
  const needles = [...values].filter((v) => v.length >= MIN_SECRET_LENGTH);
  return [...new Set([...needles, ...needles.map(base64)])].sort();
}

/** Reports every place outside a Secret's data/stringData where a needle occurs (in a key or a string value). */
export function scanForLeaks(manifests: readonly Manifest[], needles: readonly string[]): Diagnostic[] {
  if (needles.length === 0) return [];
  const holdsNeedle = needleFinder(needles);
  const out: Diagnostic[] = [];
  manifests.forEach((manifest, index) => {
    const isSecret = manifest.kind === "Secret" && manifest.apiVersion === "v1";
    const visit = (value: unknown, path: (string | number)[]): void => {
      if (isSecret && path.length === 2 && (path[1] === "data" || path[1] === "stringData")) return;
      if (typeof value === "string") {
        if (holdsNeedle(value)) out.push(leak(manifest, path));
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => visit(v, [...path, i]));
      } else if (value !== null && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
          if (holdsNeedle(k)) out.push(leak(manifest, [...path, k]));
          visit(v, [...path, k]);
        }
      }
    };
    visit(manifest, [index]);
  });
  return out;
}

/**
 * A test for "does the text contain one of the needles" that costs one lookup per position of the text instead of one
 * search per needle (an app of thousands of workloads has thousands of secrets, and its manifests millions of
 * strings). Needles are indexed by their first MIN_SECRET_LENGTH characters; every needle is at least that long.
 */
export function needleFinder(needles: readonly string[]): (text: string) => boolean {
  const byPrefix = new Map<string, string[]>();
  for (const n of needles) {
    if (n.length < MIN_SECRET_LENGTH) throw new Error(`secret needle shorter than ${MIN_SECRET_LENGTH} characters`);
    const prefix = n.slice(0, MIN_SECRET_LENGTH);
    const list = byPrefix.get(prefix);
    if (list) list.push(n);
    else byPrefix.set(prefix, [n]);
  }
  return (text) => {
    for (let i = 0; i + MIN_SECRET_LENGTH <= text.length; i++) {
      const candidates = byPrefix.get(text.slice(i, i + MIN_SECRET_LENGTH));
      if (candidates?.some((n) => text.startsWith(n, i))) return true;
    }
    return false;
  };
}

function leak(manifest: Manifest, path: (string | number)[]): Diagnostic {
  const name = String((manifest.metadata as Manifest | undefined)?.name);
  return error(
    "RULES_SECRET_LEAK",
    `a secret value appears in plain text in ${String(manifest.kind)} '${name}' at ${toPointer(path)}`,
    undefined,
    "secrets may only appear in a Secret's data or stringData; check the rules and patches that write this field",
  );
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
