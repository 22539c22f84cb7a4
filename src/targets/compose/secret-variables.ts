/**
 * The environment variables a Compose file needs for its referenced secrets (`secretRef`): each reference is written
 * as a required interpolation `${SCOREC_SECRET_…:?…}`, so `docker compose up` stops with that message when one is
 * unset. An info diagnostic names them, so a developer knows what to put in `.env` before the first `up`.
 */
import { info, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { OutputFile } from "../../model/resolved.js";

const REFERENCE = /\$\{(SCOREC_SECRET_[A-Z0-9_]+):\?set \1 to key ([-._a-zA-Z0-9]+) of Secret ([-.a-z0-9]+)\}/g;

/** The variables the files read, sorted, each with the Secret and key it stands for. */
export function secretVariables(files: readonly OutputFile[]): { variable: string; name: string; key: string }[] {
  const found = new Map<string, { variable: string; name: string; key: string }>();
  for (const file of files)
    for (const m of file.text.matchAll(REFERENCE)) found.set(m[1]!, { variable: m[1]!, key: m[2]!, name: m[3]! });
  return [...found.values()].sort((a, b) => (a.variable < b.variable ? -1 : a.variable > b.variable ? 1 : 0));
}

/** One info diagnostic listing the variables to set, or none. */
export function secretVariablesNotice(files: readonly OutputFile[]): Diagnostic[] {
  const variables = secretVariables(files);
  if (variables.length === 0) return [];
  const list = variables.map((v) => `${v.variable} (Secret ${v.name}, key ${v.key})`).join(", ");
  return [
    info(
      "TARGET_SECRET_VARIABLES",
      `the Compose file reads ${variables.length === 1 ? "a referenced secret" : "referenced secrets"} from the environment or .env at docker compose up: set ${list}`,
      undefined,
      "docs/secrets.md explains the names: SCOREC_SECRET_<NAME>_<KEY>, upper case, other characters as _",
    ),
  ];
}
