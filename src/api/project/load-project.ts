import type { ErrorObject } from "ajv";
import { error, sortDiagnostics, type Diagnostic, type Location } from "../../diagnostics/diagnostic.js";
import { parseYamlFile } from "../../load/parse-yaml.js";
import type { LoadLimits, SourceFile } from "../../load/source.js";
import type { SourceDocument } from "../../load/yaml-document.js";
import type { TargetName } from "../../model/resolved.js";
import { closest } from "../../shared/closest.js";
import { validate as validateProjectSchema } from "../../validate/generated/project-schema.js";
import { schemaDiagnostics } from "../../validate/schema-errors.js";

/** One build of a project: an environment and target compiled into one output. Paths are as the project file writes them. */
export interface ProjectBuild {
  env: string;
  target: TargetName;
  /** File, or folder when it ends with "/", relative to the project file's folder. */
  output: string;
  secretsOutput?: string;
  namespace?: string;
  patches: string[];
  /** Where the build is written in the project file: the entry, and its `env` value. */
  location: Location;
  envLocation: Location;
}

/** A parsed and checked project file (`scorec.yaml`). Paths and globs are relative to its folder. */
export interface Project {
  /** The project file's path, as the caller gave it. */
  file: string;
  /** The app id it sets; absent means the caller's default (the CLI: the project folder's name). */
  app?: string;
  workloads: { pattern: string; location: Location }[];
  rules: { path: string; location: Location }[];
  images: Record<string, { image: string; location: Location }>;
  builds: ProjectBuild[];
}

/** A precompiled validator as ajv's standalone code exports it. */
interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

interface RawProject {
  app?: string;
  workloads: string[];
  rules?: string[];
  images?: Record<string, string>;
  builds: {
    env: string;
    target: TargetName;
    output: string;
    secretsOutput?: string;
    namespace?: string;
    patches?: string[];
  }[];
}

const TOP_KEYS = ["apiVersion", "kind", "app", "workloads", "rules", "images", "builds"];
const BUILD_KEYS = ["env", "target", "output", "secretsOutput", "namespace", "patches"];

/**
 * Parses a project file (`scorec.yaml`, spec/project-v1alpha1.schema.json) with positions, checks it against its
 * schema and checks that no two builds write the same file or folder. Everything that needs other files (globs
 * that match nothing, environments the rules do not declare) is checked by {@link compileProject}.
 *
 * @example
 * ```ts
 * import { loadProject } from "scorec";
 * const { project, diagnostics } = loadProject({ path: "scorec.yaml", text });
 * for (const b of project?.builds ?? []) console.log(b.env, b.target, b.output);
 * ```
 */
export function loadProject(
  source: SourceFile,
  options: { limits?: Partial<LoadLimits> } = {},
): { project?: Project; diagnostics: Diagnostic[] } {
  const parsed = parseYamlFile(source, options.limits ? { limits: options.limits } : {});
  if (!parsed.document) return { diagnostics: parsed.diagnostics };
  const doc = parsed.document;
  const diagnostics = [...parsed.diagnostics, ...checkSchema(doc)];
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics: sortDiagnostics(diagnostics) };
  const raw = doc.value as RawProject;
  const project: Project = {
    file: source.path,
    ...(raw.app !== undefined ? { app: raw.app } : {}),
    workloads: raw.workloads.map((pattern, i) => ({ pattern, location: doc.locate(["workloads", i]) })),
    rules: (raw.rules ?? []).map((path, i) => ({ path, location: doc.locate(["rules", i]) })),
    images: Object.fromEntries(
      Object.entries(raw.images ?? {}).map(([name, image]) => [
        name,
        { image, location: doc.locate(["images", name], "key") },
      ]),
    ),
    builds: raw.builds.map((b, i) => ({
      env: b.env,
      target: b.target,
      output: b.output,
      ...(b.secretsOutput !== undefined ? { secretsOutput: b.secretsOutput } : {}),
      ...(b.namespace !== undefined ? { namespace: b.namespace } : {}),
      patches: b.patches ?? [],
      location: doc.locate(["builds", i]),
      envLocation: doc.locate(["builds", i, "env"]),
    })),
  };
  diagnostics.push(...checkOutputs(raw, doc));
  const sorted = sortDiagnostics(diagnostics);
  return sorted.some((d) => d.severity === "error") ? { diagnostics: sorted } : { project, diagnostics: sorted };
}

function checkSchema(doc: SourceDocument): Diagnostic[] {
  const v = validateProjectSchema as StandaloneValidator;
  if (v(doc.value)) return [];
  return schemaDiagnostics([...(v.errors ?? [])], (path, mode) => doc.locate(path, mode), "project file").map((d) => {
    const at = {
      ...(d.file ? { file: d.file } : {}),
      ...(d.range ? { range: d.range } : {}),
      ...(d.pointer !== undefined ? { pointer: d.pointer } : {}),
    };
    return error("PROJECT_SCHEMA", d.message, at, unknownKeyHint(d) ?? d.hint);
  });
}

// "did you mean" for a misspelt key, at the top level or in a build.
function unknownKeyHint(d: Diagnostic): string | undefined {
  if (d.code !== "SCHEMA_ADDITIONAL_PROPERTY" || d.pointer === undefined) return undefined;
  const parts = d.pointer.split("/").slice(1);
  const key = parts[parts.length - 1]!;
  const allowed = parts.length === 1 ? TOP_KEYS : parts[0] === "builds" && parts.length === 3 ? BUILD_KEYS : undefined;
  if (!allowed) return undefined;
  const near = closest(key, allowed);
  return `${near ? `did you mean "${near}"? ` : ""}allowed keys: ${allowed.join(", ")}`;
}

// Two builds that write one file (or one writing into the other's folder) would overwrite or remove each other's files.
function checkOutputs(raw: RawProject, doc: SourceDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const claimed: { path: string; folder: boolean; build: number; key: string }[] = [];
  raw.builds.forEach((b, i) => {
    for (const key of ["output", "secretsOutput"] as const) {
      const written = b[key];
      if (written === undefined) continue;
      const path = normalise(written);
      const folder = key === "output" && written.endsWith("/");
      const other = claimed.find(
        (c) =>
          c.path === path || (c.folder && path.startsWith(c.path + "/")) || (folder && c.path.startsWith(path + "/")),
      );
      if (other) {
        const first = doc.locate(["builds", other.build, other.key]);
        const at = first.range
          ? `${first.file}:${first.range.start.line}:${first.range.start.col}`
          : String(first.file);
        out.push(
          error(
            "PROJECT_OUTPUT_CLASH",
            `builds[${i}].${key} "${written}" is also written by builds[${other.build}] (${raw.builds[other.build]!.env}, ${raw.builds[other.build]!.target}) at ${at}`,
            doc.locate(["builds", i, key]),
            "give every build its own output file or folder: one would overwrite or remove the other's files",
          ),
        );
      }
      claimed.push({ path, folder, build: i, key });
    }
  });
  return out;
}

// A path as written, without "./" segments, repeated or trailing slashes, so that equal places compare equal.
function normalise(path: string): string {
  const parts: string[] = [];
  for (const p of path.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else parts.push(p);
  }
  return parts.join("/");
}
