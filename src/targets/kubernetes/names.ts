/**
 * Deterministic object, volume and key names for the kubernetes target. Every name is a pure function of stable
 * identities (workload, container, target path, resource uid), never of content, and carries a hash of the whole
 * identity so that two different identities cannot end up with the same name by joining parts with `-`.
 */
import { sha256Hex } from "../../shared/digest.js";

/** First `length` hex characters of the SHA-256 of the parts joined with NUL (which no part can contain). */
export function hashHex(parts: readonly string[], length = 10): string {
  return sha256Hex(parts.join("\0")).slice(0, length);
}

/** Name of the ConfigMap or Secret holding one file of a container. */
export function fileObjectName(workload: string, container: string, target: string): string {
  return `${workload}-${container}-file-${hashHex([workload, container, target])}`;
}

/** Name of the pod volume that mounts one file. */
export function fileVolumeName(container: string, target: string): string {
  return `file-${hashHex([container, target])}`;
}

/** Name of the pod volume (or claim template) for a resource volume, shared by every container that mounts it. */
export function resourceVolumeName(uid: string): string {
  return `vol-${hashHex(["resource", uid])}`;
}

/** Name of the pod volume for a literal volume source (an existing claim). */
export function literalVolumeName(claimName: string): string {
  return `vol-${hashHex(["claim", claimName])}`;
}

/** Name of the Secret that holds a workload's secret environment variables. */
export function envSecretName(workload: string): string {
  return `${workload}-env`;
}

/** Name of the headless Service a StatefulSet workload needs. */
export function headlessServiceName(workload: string): string {
  return `${workload}-headless-svc`;
}

const KEY_SAFE = /^[-_a-zA-Z0-9]$/;
const UTF8 = new TextEncoder();

/**
 * The key of a container's secret variable inside the workload's env Secret: `<container>.<VAR>`, with every
 * character that a Secret key cannot hold (and the `.` escape itself) written as `.xx` hex bytes. Container names
 * hold no dots, so the encoding is injective and readable for the usual `DB_PASSWORD` names.
 */
export function envSecretKey(container: string, variable: string): string {
  let encoded = "";
  for (const ch of variable) {
    if (KEY_SAFE.test(ch)) encoded += ch;
    else for (const byte of UTF8.encode(ch)) encoded += "." + byte.toString(16).padStart(2, "0");
  }
  return `${container}.${encoded}`;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** The key of a file inside its ConfigMap/Secret: the file's base name when Kubernetes accepts it, else `file`. */
export function fileKey(target: string): string {
  const base = target.slice(target.lastIndexOf("/") + 1);
  return CONFIG_KEY.test(base) && base !== "." && base !== ".." && base.length <= 253 ? base : "file";
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** RFC 1123 label (container, volume, namespace names): at most 63 characters. */
export function isDnsLabel(s: string): boolean {
  return s.length <= 63 && DNS_LABEL.test(s);
}

/** RFC 1035 label (Service names): like a DNS label but starting with a letter. */
export function isDns1035Label(s: string): boolean {
  return s.length <= 63 && DNS_1035_LABEL.test(s);
}

/** RFC 1123 subdomain (most object names): at most 253 characters. */
export function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && DNS_SUBDOMAIN.test(s);
}

/** A valid label value: at most 63 characters, alphanumeric at both ends. */
export function isLabelValue(s: string): boolean {
  return s.length <= 63 && LABEL_VALUE.test(s);
}

/** IANA service name (container port names): at most 15 characters, at least one letter, no `--`. */
export function isPortName(s: string): boolean {
  return s.length <= 15 && /^[a-z0-9]([a-z0-9]|-(?!-))*$/.test(s) && /[a-z]/.test(s) && !s.endsWith("-");
}
