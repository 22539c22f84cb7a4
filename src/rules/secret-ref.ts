/**
 * `secretRef(name, key)`: a secret that lives in a Kubernetes Secret scorec does not write. The checks follow the
 * API server's (a Secret name is a DNS subdomain, a key is what `kubectl create secret` accepts), so a reference
 * that compiles is one the cluster can resolve. Compose reads the value from the environment under a derived name.
 */
import type { SecretRef } from "../placeholders/types.js";

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** Why a Secret name is not valid, or undefined when it is. */
export function secretNameProblem(name: string): string | undefined {
  if (name.length === 0) return "the Secret name is empty";
  if (name.length > 253) return `the Secret name is ${name.length} characters long; at most 253 are allowed`;
  if (!DNS_SUBDOMAIN.test(name)) return `${JSON.stringify(name)} is not a valid Secret name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit`;
  return undefined;
}

/** Why a Secret key is not valid, or undefined when it is. */
export function secretKeyProblem(key: string): string | undefined {
  if (key.length === 0) return "the Secret key is empty";
  if (key.length > 253) return `the Secret key is ${key.length} characters long; at most 253 are allowed`;
  if (!SECRET_KEY.test(key) || key === "." || key === "..") return `${JSON.stringify(key)} is not a valid Secret key: use letters, digits, '-', '_' and '.' (not '.' or '..' alone)`;
  return undefined;
}

/**
 * The environment variable that holds a referenced secret for Compose: `SCOREC_SECRET_<NAME>_<KEY>`, upper case,
 * every character outside [A-Z0-9] turned into `_` (orders-db / password → SCOREC_SECRET_ORDERS_DB_PASSWORD).
 *
 * @example
 * ```ts
 * import { composeSecretVariable } from "scorec";
 * composeSecretVariable({ name: "orders-db", key: "password" }); // "SCOREC_SECRET_ORDERS_DB_PASSWORD"
 * ```
 */
export function composeSecretVariable(ref: SecretRef): string {
  return `SCOREC_SECRET_${ref.name}_${ref.key}`.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/** The text that stands for a reference: a required Compose interpolation, so `docker compose up` fails when unset. */
export function secretRefText(ref: SecretRef): string {
  return "${" + composeSecretVariable(ref) + ":?set " + composeSecretVariable(ref) + " to key " + ref.key + " of Secret " + ref.name + "}";
}

/** A short description for messages, explain and reports: `Secret orders-db, key password`. */
export function describeSecretRef(ref: SecretRef): string {
  return `Secret ${ref.name}, key ${ref.key}`;
}
