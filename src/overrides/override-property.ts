import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseYamlFile } from "../load/parse-yaml.js";
import { parseDotPath } from "./dot-path.js";
import { overridePathInMap } from "./override-path.js";
import { FORBIDDEN_SEGMENTS, type PlainMap } from "./plain-data.js";
import { didYouMean } from "../shared/suggest.js";

/**
 * Applies one `--override-property PATH=VALUE` to a document, as score-compose does: PATH is a dot path (see
 * {@link parseDotPath}), VALUE is parsed as YAML (`5` is a number, `"5"` a string) and an empty VALUE or `null`
 * deletes the path. Errors come from the command line, so they carry no file location and name the property.
 */
export function applyOverrideProperty(
  document: PlainMap,
  entry: string,
): { value: PlainMap } | { diagnostic: Diagnostic } {
  const eq = entry.indexOf("=");
  if (eq < 0)
    return fail(
      "OVERRIDE_INVALID_PATH",
      entry,
      "expected a =-separated path and value",
      "write PATH=VALUE, or PATH= to delete",
    );
  const path = parseDotPath(entry.slice(0, eq));
  const forbidden = path.find((part) => FORBIDDEN_SEGMENTS.has(part));
  if (forbidden !== undefined)
    return fail("OVERRIDE_FORBIDDEN_PATH", entry, `the path segment '${forbidden}' is not allowed`);
  const rawValue = entry.slice(eq + 1);
  // Deleting something that is not there changes nothing (as in score-compose); setting it would invent an entry.
  const missing = rawValue === "" ? undefined : missingNamedEntry(document, path);
  if (missing) return fail("OVERRIDE_INVALID_PATH", entry, missing.message, missing.hint);
  let value: unknown = null;
  if (rawValue !== "") {
    const parsed = parseValue(rawValue);
    if ("problem" in parsed)
      return fail(
        "OVERRIDE_INVALID_VALUE",
        entry,
        `the value is not valid YAML: ${parsed.problem}`,
        'quote strings with special characters, e.g. key="a: b"',
      );
    value = parsed.value;
  }
  const result = overridePathInMap(document, path, rawValue === "", value);
  if (!result.ok) return fail("OVERRIDE_INVALID_PATH", entry, `could not be applied: ${result.message}`);
  return { value: result.value };
}

/**
 * `containers.nope.image=x` would silently create a container "nope" holding only an image: a typo for an existing
 * one far more often than a new container. Setting a key inside a container or resource that does not exist is an
 * error (a whole new entry, `containers.sidecar={image: x}`, is still allowed).
 */
function missingNamedEntry(document: PlainMap, path: readonly string[]): { message: string; hint: string } | undefined {
  const [section, name] = path;
  if ((section !== "containers" && section !== "resources") || name === undefined || path.length < 3) return undefined;
  const entries = document[section];
  const names = entries !== null && typeof entries === "object" && !Array.isArray(entries) ? Object.keys(entries) : [];
  if (names.includes(name)) return undefined;
  const close = didYouMean(name, names);
  const kind = section === "containers" ? "container" : "resource";
  return {
    message: `there is no ${kind} "${name}" to change`,
    hint: `${close ? `${close} ` : ""}${names.length > 0 ? `${section}: ${names.sort().join(", ")}` : `the file has no ${section}`}; to add one, set it whole: ${section}.${name}={...}`,
  };
}

function parseValue(text: string): { value: unknown } | { problem: string } {
  const parsed = parseYamlFile({ path: "--override-property", text }, { allowNonMapping: true });
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  // A value that is only `null`, `~` or a comment decodes to nil in score-compose, which deletes the path.
  if (errors.length === 1 && errors[0]!.code === "LOAD_EMPTY_FILE") return { value: null };
  if (errors.length > 0 || !parsed.document) return { problem: errors[0]?.message ?? "cannot parse" };
  return { value: parsed.document.value };
}

function fail(
  code: "OVERRIDE_INVALID_PATH" | "OVERRIDE_FORBIDDEN_PATH" | "OVERRIDE_INVALID_VALUE",
  entry: string,
  message: string,
  hint?: string,
): { diagnostic: Diagnostic } {
  return { diagnostic: error(code, `--override-property ${entry}: ${message}`, undefined, hint) };
}
