import type { ResolvedApp } from "../model/resolved.js";

/**
 * The one place where report text that can quote an artifact (the `--check` diff, in text and in JSON) passes before
 * it is printed; a library-wide masking function can replace the body of this function without touching callers.
 * Today it masks every secret value this compile resolved (and its base64 form, as in a Kubernetes Secret's `data`),
 * and, because the old side of a diff can hold values this compile no longer knows (a removed resource, another
 * seed), every token shaped like a derived password or its base64: 16 or more letters and digits mixing upper case,
 * lower case and digits. Names scorec derives are lower-case hex, so they stay readable.
 */
export function maskReportText(text: string, app: ResolvedApp | undefined): string {
  let masked = text;
  for (const v of secretValues(app)) masked = masked.split(v).join(SECRET);
  return masked.replace(/[A-Za-z0-9+/]{16,}={0,2}/g, (token) => (/[A-Z]/.test(token) && /[a-z]/.test(token) && /[0-9]/.test(token) ? SECRET : token));
}

const SECRET = "<secret>";

// Short values ("1", "on") would mask unrelated text and reveal little; longest first so a value that contains
// another is masked whole.
const MIN_SECRET_LENGTH = 4;

function secretValues(app: ResolvedApp | undefined): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === "string") {
      if (v.length >= MIN_SECRET_LENGTH) {
        found.add(v);
        found.add(Buffer.from(v, "utf8").toString("base64"));
      }
    } else if (typeof v === "number" && String(v).length >= MIN_SECRET_LENGTH) found.add(String(v));
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  for (const r of app?.resources ?? []) visit(r.secrets);
  return [...found].sort((a, b) => b.length - a.length);
}
