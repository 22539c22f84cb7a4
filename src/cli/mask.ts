import type { ResolvedApp } from "../model/resolved.js";

/**
 * The one place where report text that can quote an artifact (the `--check` diff, in text and in JSON) passes before
 * it is printed. Today it masks every secret value the compile resolved (and its base64 form, as in a Kubernetes
 * Secret's `data`); a library-wide masking function can replace the body of this function without touching callers.
 */
export function maskReportText(text: string, app: ResolvedApp | undefined): string {
  const values = secretValues(app);
  if (values.length === 0) return text;
  let masked = text;
  for (const v of values) masked = masked.split(v).join("<secret>");
  return masked;
}

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
