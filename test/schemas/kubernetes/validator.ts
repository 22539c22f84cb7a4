/**
 * A strict validator for Kubernetes manifests, as a strict API server would judge them: the Kubernetes v1.33
 * OpenAPI definitions and the Gateway API v1.6.1 CRD schemas, with every object schema closed (an unknown field
 * is an error, like `kubectl apply --validate=strict`), plus the name and reference rules of `semantic-checks.ts`.
 * Test-only: it reads the vendored files of this folder (see SOURCES.md).
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { semanticProblems } from "./semantic-checks.js";

type JsonObject = { [key: string]: unknown };

const HERE = new URL(".", import.meta.url);
const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

let cached: { ajv: Ajv2020; kinds: Map<string, string>; compiled: Map<string, ValidateFunction> } | undefined;

/**
 * Validates one manifest. Returns the problems (`/json/pointer: message`), empty when the object is valid. An
 * apiVersion/kind without a vendored schema is a problem too, so nothing passes unchecked.
 */
export function validateManifest(manifest: unknown): string[] {
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) return ["/: a manifest must be a mapping"];
  const { apiVersion, kind } = manifest as JsonObject;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return ["/: apiVersion and kind must be strings"];
  const state = load();
  const defName = state.kinds.get(`${apiVersion}/${kind}`);
  if (!defName) return [`/: no schema for ${apiVersion} ${kind}`];
  let validate = state.compiled.get(defName);
  if (!validate) {
    validate = state.ajv.compile({ $ref: `bundle#/$defs/${escapePointer(defName)}` });
    state.compiled.set(defName, validate);
  }
  const problems = validate(manifest) ? [] : (validate.errors ?? []).map(describe);
  return [...new Set(problems), ...semanticProblems(manifest as JsonObject)];
}

/** Validates a list of manifests; each problem is prefixed with the manifest's index, kind and name. */
export function validateManifests(manifests: readonly unknown[]): string[] {
  return manifests.flatMap((m, i) => {
    const o = (m ?? {}) as JsonObject;
    const name = ((o.metadata ?? {}) as JsonObject).name;
    return validateManifest(m).map((p) => `[${i}] ${String(o.kind)}/${String(name)} ${p}`);
  });
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || "/";
  if (e.keyword === "additionalProperties") return `${where}: unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  return `${where}: ${e.message ?? e.keyword}`;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, "~0").replace(/\//g, "~1");
}

function load(): NonNullable<typeof cached> {
  if (cached) return cached;
  const k8s = JSON.parse(readFileSync(new URL("kubernetes-v1.33.0.definitions.json", HERE), "utf8")).definitions as Record<string, JsonObject>;
  const gateway = JSON.parse(readFileSync(new URL("gateway-api-v1.6.1.schemas.json", HERE), "utf8")) as Record<string, JsonObject>;
  const defs: Record<string, unknown> = {};
  const kinds = new Map<string, string>();
  for (const [name, def] of Object.entries(k8s)) {
    for (const gvk of (def["x-kubernetes-group-version-kind"] ?? []) as { group: string; version: string; kind: string }[]) {
      kinds.set(`${gvk.group ? `${gvk.group}/` : ""}${gvk.version}/${gvk.kind}`, name);
    }
    defs[name] = strictify(def);
  }
  for (const [gvk, schema] of Object.entries(gateway)) {
    const root = strictify(schema) as JsonObject;
    // CRD schemas leave metadata open; the API server checks it as ObjectMeta.
    root.properties = { ...(root.properties as JsonObject), metadata: { $ref: `#/$defs/${OBJECT_META}` } };
    defs[gvk] = root;
    const slash = gvk.lastIndexOf("/");
    kinds.set(`${gvk.slice(0, slash)}/${gvk.slice(slash + 1)}`, gvk);
  }
  const ajv = new Ajv2020({ allErrors: true, strict: true, unicodeRegExp: false, validateFormats: true });
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("byte", /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i);
  ajv.addFormat("ipv4", /^(?:\d{1,3}\.){3}\d{1,3}$/);
  ajv.addFormat("ipv6", /^[0-9a-fA-F:.]+$/);
  ajv.addSchema({ $id: "bundle", $defs: defs });
  cached = { ajv, kinds, compiled: new Map() };
  return cached;
}

/**
 * Returns a copy of a schema where every object schema that lists properties rejects unknown ones, `$ref`s point
 * into the bundle, and the `x-kubernetes-*` annotations are turned into plain JSON schema.
 */
function strictify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictify);
  if (node === null || typeof node !== "object") return node;
  const src = node as JsonObject;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(src)) {
    if (k.startsWith("x-kubernetes-")) continue;
    if (k === "$ref" && typeof v === "string") out.$ref = v.replace("#/definitions/", "#/$defs/");
    else if (k === "properties" || k === "patternProperties") out[k] = Object.fromEntries(Object.entries(v as JsonObject).map(([p, s]) => [p, strictify(s)]));
    else out[k] = strictify(v);
  }
  if (src["x-kubernetes-int-or-string"] === true && out.type === undefined && out.anyOf === undefined) out.type = ["integer", "string"];
  const open = src["x-kubernetes-preserve-unknown-fields"] === true;
  if (out.properties !== undefined && out.additionalProperties === undefined && !open) out.additionalProperties = false;
  return out;
}
