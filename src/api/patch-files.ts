import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseYamlFile } from "../load/parse-yaml.js";
import type { SourceFile } from "../load/source.js";
import { checkOperation } from "../overrides/json-patch.js";
import { toPatch, type RawPatch } from "../rules/patches.js";
import type { WorkloadPatch } from "../rules/workload-rules.js";

const EXAMPLE =
  "for example:\n- select: { kind: Deployment }\n  patch:\n    - { op: add, path: /spec/template/spec/priorityClassName, value: high }";

/**
 * Sorts `--patch` files into the two forms: a list of RFC 6902 operations addressed by manifest index (applied to
 * the whole artifact by the target, as before) and a list of `{ select, patch }` entries, which apply to each
 * selected object of every workload exactly as the patches of a rules table do (after them, in file order).
 */
export function splitPatchFiles(files: readonly SourceFile[]): {
  indexed: SourceFile[];
  selected: WorkloadPatch[];
  diagnostics: Diagnostic[];
} {
  const indexed: SourceFile[] = [];
  const selected: WorkloadPatch[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const parsed = parseYamlFile(file, { allowNonMapping: true });
    const value = parsed.document?.value;
    const doc = parsed.document;
    if (!doc || !Array.isArray(value) || !value.some((item) => isMap(item) && Object.hasOwn(item, "select"))) {
      indexed.push(file);
      continue;
    }
    diagnostics.push(...parsed.diagnostics);
    value.forEach((item, index) => {
      const problem = entryProblem(item);
      if (problem) {
        diagnostics.push(
          error(
            "PATCH_INVALID",
            `entry ${index + 1}: ${problem.message}`,
            doc.locate([index, ...problem.path], "value"),
            EXAMPLE,
          ),
        );
        return;
      }
      const raw = item as { id?: string; select: RawPatch["select"]; patch: unknown[] };
      const patch = toPatch(
        { id: raw.id ?? `${file.path}#${index + 1}`, select: raw.select, patch: raw.patch },
        index,
        file.path,
        [],
        (path, mode, span) => doc.locate(path, mode, span),
      );
      const invalid = raw.patch.flatMap((op, i) =>
        checkOperation(op, i, (path, mode) => patch.origin.locate(["patch", ...path], mode)),
      );
      diagnostics.push(...invalid);
      if (invalid.length === 0) selected.push(patch);
    });
  }
  return { indexed, selected, diagnostics };
}

function entryProblem(item: unknown): { message: string; path: (string | number)[] } | undefined {
  if (!isMap(item))
    return { message: "every entry of a selector patch file is a mapping with select and patch", path: [] };
  const unknown = Object.keys(item).find((k) => !["id", "select", "patch"].includes(k));
  if (unknown !== undefined)
    return { message: `unknown key '${unknown}' (an entry has select, patch and optionally id)`, path: [unknown] };
  if (item.id !== undefined && typeof item.id !== "string") return { message: "id must be a string", path: ["id"] };
  const select = item.select;
  if (
    !isMap(select) ||
    Object.keys(select).length === 0 ||
    Object.entries(select).some(([k, v]) => !["kind", "name"].includes(k) || typeof v !== "string" || v === "")
  ) {
    return {
      message: "select must be a mapping with kind and/or name (non-empty strings; * stands for any characters)",
      path: ["select"],
    };
  }
  if (!Array.isArray(item.patch) || item.patch.length === 0)
    return { message: "patch must be a non-empty list of RFC 6902 operations", path: ["patch"] };
  return undefined;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
