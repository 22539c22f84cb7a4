import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceDocument } from "../load/yaml-document.js";
import type { DataPath } from "../shared/json-pointer.js";

/** The upgraded data plus a way to map paths in it back to the source document's paths. */
export interface UpgradeResult {
  value: unknown;
  diagnostics: Diagnostic[];
  /** Maps a path in the upgraded value to the path of the same node in the original source. */
  sourcePath(path: DataPath): DataPath;
}

/**
 * Rewrites the deprecated array form of `containers.*.files` / `containers.*.volumes` into the map form keyed by
 * target, joins array `content` with newlines, and renames `read_only` to `readOnly`, as score-go's
 * ApplyCommonUpgradeTransforms does. Later duplicates of a target replace earlier ones (upstream behaviour),
 * with a warning. The input is not mutated.
 */
export function upgradeWorkload(doc: SourceDocument, value: unknown): UpgradeResult {
  const diagnostics: Diagnostic[] = [];
  const aliases = new Map<string, DataPath>();
  if (!isRecord(value) || !isRecord(value.containers)) return { value, diagnostics, sourcePath: (p) => p };
  const containers: Record<string, unknown> = { ...value.containers };
  for (const [name, c] of Object.entries(value.containers)) {
    if (!isRecord(c)) continue;
    let next: Record<string, unknown> | undefined;
    for (const field of ["files", "volumes"] as const) {
      const list = c[field];
      if (!Array.isArray(list)) continue;
      next ??= { ...c };
      const map: Record<string, unknown> = {};
      const base = ["containers", name, field];
      diagnostics.push(
        warning(
          "UPGRADE_DEPRECATED_FORM",
          `containers.${name}.${field}: the array form is deprecated; use a map keyed by target`,
          doc.locate(base, "key"),
        ),
      );
      list.forEach((item, i) => {
        if (!isRecord(item) || typeof item.target !== "string" || item.target === "") {
          diagnostics.push(
            error(
              "UPGRADE_MISSING_TARGET",
              `containers.${name}.${field}[${i}].target is missing or is not a string`,
              doc.locate([...base, i]),
            ),
          );
          return;
        }
        const { target, ...rest } = item;
        if (field === "files" && Array.isArray(rest.content)) rest.content = rest.content.map(String).join("\n");
        if (field === "volumes" && "read_only" in rest) {
          rest.readOnly = rest.read_only;
          delete rest.read_only;
        }
        if (Object.prototype.hasOwnProperty.call(map, target)) {
          diagnostics.push(
            warning(
              "UPGRADE_DEPRECATED_FORM",
              `containers.${name}.${field}: target "${target}" is listed twice; the later entry wins`,
              doc.locate([...base, i]),
            ),
          );
        }
        Object.defineProperty(map, target, { value: rest, enumerable: true, writable: true, configurable: true });
        aliases.set(key([...base, target]), [...base, i]);
      });
      next[field] = map;
    }
    if (next) containers[name] = next;
  }
  return {
    value: { ...value, containers },
    diagnostics,
    sourcePath(path) {
      if (path.length < 4) return path;
      const mapped = aliases.get(key(path.slice(0, 4)));
      if (!mapped) return path;
      const rest = path.slice(4);
      // A renamed key (readOnly ← read_only) still points at the original key.
      if (rest[0] === "readOnly" && path[2] === "volumes") return [...mapped, "read_only", ...rest.slice(1)];
      return [...mapped, ...rest];
    },
  };
}

function key(path: DataPath): string {
  return JSON.stringify(path);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
