/**
 * An independent check (not the emitter's own scan) that secret values stay secret: every secret output of every
 * resource and every secret piece of a workload value is searched for, as text and as base64, in every key and
 * string of the manifests except a v1 Secret's `data` and `stringData`.
 */
import type { ResolvedApp } from "../../../src/model/resolved.js";

/** Secret values of a resolved app that are at least `minLength` characters long. */
export function secretValues(app: ResolvedApp, minLength = 4): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string" || typeof v === "number") out.add(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  for (const r of app.resources) walk(r.secrets);
  for (const w of app.workloads) {
    for (const c of Object.values(w.containers)) {
      for (const value of Object.values(c.variables)) for (const s of value.segments) if (s.secret) out.add(s.text);
      for (const f of Object.values(c.files))
        if (f.kind === "text") for (const s of f.content.segments) if (s.secret) out.add(s.text);
    }
  }
  return [...out].filter((s) => s.length >= minLength).sort();
}

/** Places (`[index] Kind/name /path`) where a secret value appears outside a Secret's data/stringData. */
export function plainTextOutsideSecrets(
  manifests: readonly Record<string, unknown>[],
  secrets: readonly string[],
): string[] {
  const needles = secrets.flatMap((s) => [s, Buffer.from(s, "utf8").toString("base64")]);
  const out: string[] = [];
  manifests.forEach((m, i) => {
    const label = `[${i}] ${String(m.kind)}/${String((m.metadata as { name?: string } | undefined)?.name)}`;
    const secretObject = m.kind === "Secret" && m.apiVersion === "v1";
    const visit = (v: unknown, path: string): void => {
      if (typeof v === "string") {
        if (needles.some((n) => v.includes(n))) out.push(`${label} ${path}`);
      } else if (Array.isArray(v)) v.forEach((x, j) => visit(x, `${path}/${j}`));
      else if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
          if (secretObject && path === "" && (k === "data" || k === "stringData")) continue;
          if (needles.some((n) => k.includes(n))) out.push(`${label} key ${path}/${k}`);
          visit(x, `${path}/${k}`);
        }
      }
    };
    visit(m, "");
  });
  return out;
}
