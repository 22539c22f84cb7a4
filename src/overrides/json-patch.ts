import jsonpatch, { type Operation } from "fast-json-patch";
import { error, hasErrors, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import { parseYamlFile } from "../load/parse-yaml.js";
import type { SourceFile } from "../load/source.js";
import { fromPointer, toPointer, type DataPath } from "../shared/json-pointer.js";
import { canAddAt, hasValidEscapes, walkOwn } from "./json-pointer.js";
import { cloneData, FORBIDDEN_SEGMENTS } from "./plain-data.js";

/**
 * Applies an RFC 6902 JSON patch (a YAML or JSON file holding a list of operations) to a copy of `target`.
 * Every operation is checked before anything is applied; the patch then applies all or nothing: on any failure
 * (a `test` that does not hold, a missing path) the original value comes back, untouched, with a diagnostic
 * pointing at the operation. Paths only ever walk own properties, and `__proto__`, `constructor` and `prototype`
 * segments are refused outright.
 */
export function applyJsonPatch(target: unknown, patch: SourceFile): { value: unknown; diagnostics: Diagnostic[] } {
  const parsed = parseYamlFile(patch, { allowNonMapping: true });
  if (!parsed.document) return { value: target, diagnostics: parsed.diagnostics };
  const source = parsed.document;
  const diagnostics = [...parsed.diagnostics];
  const operations = source.value;
  if (!Array.isArray(operations)) {
    diagnostics.push(
      error(
        "PATCH_INVALID",
        "a JSON patch must be a list of operations",
        source.locate([]),
        "for example:\n- op: replace\n  path: /spec/replicas\n  value: 3",
      ),
    );
    return { value: target, diagnostics };
  }
  const applied = applyOperations(target, operations, (path, mode) => source.locate(path, mode));
  return { value: applied.value, diagnostics: [...diagnostics, ...applied.diagnostics] };
}

/**
 * Applies already-parsed RFC 6902 operations (all or nothing, as {@link applyJsonPatch}); `at` locates a path
 * relative to the list of operations (`[index, "path"]`), for patches written inside another document. With
 * `inPlace`, `target` must be the caller's own copy: it is changed directly (and left half-patched on a failure),
 * which saves a deep copy per patch when many patches apply to one object; `checked` says that every operation
 * already passed {@link checkOperation} (patches of a rules table are checked once, when the table loads).
 */
export function applyOperations(
  target: unknown,
  operations: readonly unknown[],
  at: (path: DataPath, mode?: "key" | "value") => Location,
  options: { inPlace?: boolean; checked?: boolean } = {},
): { value: unknown; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (!options.checked) operations.forEach((op, index) => diagnostics.push(...checkOperation(op, index, at)));
  if (hasErrors(diagnostics)) return { value: target, diagnostics };

  let document = options.inPlace ? target : cloneData(target);
  for (let index = 0; index < operations.length; index++) {
    const op = cloneData(operations[index]) as Operation;
    const fail = (message: string) => ({
      value: target,
      diagnostics: [...diagnostics, error("PATCH_FAILED", `${describe(op)}: ${message}`, at([index]))],
    });
    const problem = missingPath(document, op);
    if (problem) return fail(problem);
    try {
      document = jsonpatch.applyOperation(document, op, true, true, true, index).newDocument;
    } catch (e) {
      return fail(reason(e));
    }
  }
  return { value: document, diagnostics };
}

/** Structural problems of one operation: fast-json-patch's validator, pointer escapes, forbidden segments. */
export function checkOperation(
  op: unknown,
  index: number,
  at: (path: DataPath, mode?: "key" | "value") => Location,
): Diagnostic[] {
  // fast-json-patch also accepts its internal "_get" operation; only RFC 6902's six are allowed.
  const kind = (op as { op?: unknown } | null)?.op;
  if (typeof kind === "string" && !RFC_OPERATIONS.has(kind)) {
    return [
      error(
        "PATCH_INVALID",
        `operation ${index + 1}: ${invalidMessage("OPERATION_OP_INVALID", op)}`,
        at([index, "op"], "value"),
      ),
    ];
  }
  const invalid = jsonpatch.validate([op as Operation]);
  if (invalid) {
    const field =
      invalid.name === "OPERATION_OP_INVALID" ? "op" : invalid.name === "OPERATION_PATH_INVALID" ? "path" : undefined;
    return [
      error(
        "PATCH_INVALID",
        `operation ${index + 1}: ${invalidMessage(invalid.name, op)}`,
        at(field ? [index, field] : [index], "value"),
      ),
    ];
  }
  const out: Diagnostic[] = [];
  const typed = op as Operation & { from?: unknown };
  for (const field of ["path", "from"] as const) {
    const pointer = typed[field];
    if (typeof pointer !== "string") continue;
    if (!hasValidEscapes(pointer)) {
      out.push(
        error(
          "PATCH_INVALID",
          `operation ${index + 1}: ${field} ${pointer} uses an escape other than ~0 or ~1`,
          at([index, field]),
        ),
      );
      continue;
    }
    const forbidden = fromPointer(pointer).find((s) => FORBIDDEN_SEGMENTS.has(s));
    if (forbidden !== undefined) {
      out.push(
        error(
          "OVERRIDE_FORBIDDEN_PATH",
          `operation ${index + 1}: ${field} ${pointer} contains the segment '${forbidden}', which is not allowed`,
          at([index, field]),
        ),
      );
    }
  }
  return out;
}

/** Why an operation cannot apply to `document` as it stands (checked on own properties only), if it cannot. */
function missingPath(document: unknown, op: Operation): string | undefined {
  const path = fromPointer(op.path);
  if ("from" in op) {
    const from = fromPointer(op.from);
    const found = walkOwn(document, from);
    if (!found.found) return `${toPointer(from.slice(0, found.depth + 1))} does not exist`;
    if (op.op === "move" && path.length > from.length && from.every((s, i) => path[i] === s))
      return `cannot move ${op.from} into itself`;
  }
  if (path.length === 0) return undefined;
  if (op.op === "remove" || op.op === "replace" || op.op === "test") {
    const found = walkOwn(document, path);
    return found.found ? undefined : `${toPointer(path.slice(0, found.depth + 1))} does not exist`;
  }
  const parent = walkOwn(document, path.slice(0, -1));
  if (!parent.found) return `${toPointer(path.slice(0, parent.depth + 1))} does not exist`;
  if (!canAddAt(parent.value, path[path.length - 1]!)) {
    return Array.isArray(parent.value)
      ? `index ${path[path.length - 1]} is not within the list (length ${parent.value.length})`
      : `${toPointer(path.slice(0, -1))} is not a map or a list`;
  }
  return undefined;
}

const OPERATIONS = "add, remove, replace, move, copy, test";
const RFC_OPERATIONS: ReadonlySet<string> = new Set(OPERATIONS.split(", "));

function invalidMessage(name: string, op: unknown): string {
  const kind = String((op as { op?: unknown } | null)?.op);
  switch (name) {
    case "OPERATION_NOT_AN_OBJECT":
      return "an operation must be a mapping with op and path";
    case "OPERATION_OP_INVALID":
      return `op must be one of ${OPERATIONS}`;
    case "OPERATION_PATH_INVALID":
      return "path must be a JSON pointer: empty or starting with /";
    case "OPERATION_FROM_REQUIRED":
      return `${kind} needs a from pointer`;
    case "OPERATION_VALUE_REQUIRED":
      return `${kind} needs a value`;
    default:
      return name;
  }
}

function describe(op: Operation): string {
  return "from" in op ? `${op.op} ${op.from} → ${op.path}` : `${op.op} ${op.path === "" ? "(root)" : op.path}`;
}

function reason(e: unknown): string {
  if (e instanceof jsonpatch.JsonPatchError && e.name === "TEST_OPERATION_FAILED")
    return "the value differs from the expected one";
  // fast-json-patch appends a dump of the operation and the whole document to its messages; keep the first line.
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
}
