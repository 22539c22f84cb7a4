import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceDocument } from "../load/yaml-document.js";
import type { DataPath } from "../shared/json-pointer.js";
import { isWellFormedRef, placeholderTokens, refParts } from "../placeholders/lexer.js";
import type { Workload } from "../score/types.js";
import { findCycle } from "../shared/find-cycle.js";
import { checkCharacters } from "./characters.js";
import { metadataResolver } from "../placeholders/map-lookup.js";
import { didYouMean } from "../shared/suggest.js";

/** Locates a data path of the (upgraded) workload in its source file. */
type Locate = SourceDocument["locate"];

/**
 * The checks score-go's loader.Validate makes beyond the schema (placeholder grammar, references to undeclared
 * resources, the `before` graph), plus empty probes and `ready: healthy` without a probe, which score-compose
 * only finds at conversion time, and hidden characters in names (see {@link checkCharacters}).
 */
export function checkWorkloadSemantics(workload: Workload, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const resources = new Set(Object.keys(workload.resources ?? {}));
  const metadata = workload.metadata as Record<string, unknown>;
  const checkString = (value: string, path: DataPath, resources: Set<string>, locate: Locate, out: Diagnostic[]) =>
    checkPlaceholders(value, path, resources, metadata, locate, out);
  for (const [c, container] of Object.entries(workload.containers)) {
    // Paths are built only for strings with placeholders: most are plain text.
    if (hasOpening(container.image))
      checkImage(
        container.image,
        ["containers", c, "image"],
        (v, p) => checkString(v, p, resources, locate, out),
        locate,
        out,
      );
    const variables = container.variables ?? {};
    for (const k in variables)
      if (hasOpening(variables[k]!))
        checkString(variables[k]!, ["containers", c, "variables", k], resources, locate, out);
    for (const [t, f] of Object.entries(container.files ?? {})) {
      if (!f.noExpand && typeof f.content === "string" && hasOpening(f.content))
        checkString(f.content, ["containers", c, "files", t, "content"], resources, locate, out);
    }
    for (const [t, v] of Object.entries(container.volumes ?? {}))
      if (hasOpening(v.source))
        checkString(v.source, ["containers", c, "volumes", t, "source"], resources, locate, out);
    for (const probe of ["livenessProbe", "readinessProbe"] as const) {
      const p = container[probe];
      if (p && !p.exec && !p.httpGet) {
        out.push(
          error(
            "SCORE_PROBE_EMPTY",
            `containers.${c}.${probe} must set exec or httpGet`,
            locate(["containers", c, probe], "key"),
          ),
        );
      }
    }
  }
  for (const [r, res] of Object.entries(workload.resources ?? {})) {
    if (res.params !== undefined)
      walkStrings(res.params, ["resources", r, "params"], (s, path) => checkString(s, path, resources, locate, out));
  }
  out.push(...checkBefore(workload, locate));
  out.push(...checkCharacters(workload, locate));
  return out;
}

const hasOpening = (value: string): boolean => value.includes("${");

function checkPlaceholders(
  value: string,
  path: DataPath,
  resources: Set<string>,
  metadata: Record<string, unknown>,
  locate: Locate,
  out: Diagnostic[],
): void {
  if (!hasOpening(value)) return;
  for (const token of placeholderTokens(value)) {
    if (token.kind !== "ref") continue;
    // Located only for a diagnostic: finding the node costs more than the checks, and most placeholders are fine.
    const at = () => locate(path, "value", { offset: token.start, length: token.raw.length });
    const ref = token.ref;
    const shown = shorten(ref);
    if (!isWellFormedRef(ref)) {
      out.push(
        error(
          "SCORE_PLACEHOLDER_MALFORMED",
          `placeholder \${${shown}} is malformed: it must have at least two parts separated by "."`,
          at(),
          "write $${...} for a literal ${...}",
        ),
      );
      continue;
    }
    const [root, name] = refParts(ref);
    if (root !== "resources" && root !== "metadata") {
      out.push(
        error(
          "SCORE_PLACEHOLDER_UNKNOWN_ROOT",
          `placeholder \${${shown}} starts with "${root}"; it must start with "metadata" or "resources"`,
          at(),
        ),
      );
    } else if (root === "resources" && name !== undefined && !resources.has(name)) {
      const known = [...resources].sort();
      const close = didYouMean(name, known);
      out.push(
        error(
          "SCORE_PLACEHOLDER_UNKNOWN_RESOURCE",
          `placeholder \${${shown}} refers to resource "${name}", which this workload does not declare`,
          at(),
          known.length
            ? `${close ? `${close} ` : ""}declared resources: ${known.join(", ")}`
            : "declare it under resources:",
        ),
      );
    } else if (root === "metadata") {
      // The same lookup (and message) as the compile's substitution, so validate rejects what compile would.
      const parts = refParts(ref);
      const found = metadataResolver(metadata).lookup(parts, ref);
      if (!found.ok) out.push(error("PLACEHOLDER_INVALID_REF", found.message, at(), metadataHint(metadata, parts)));
    }
  }
}

/** `image` is expanded at compile time with the workload's metadata only: a resource output is not known then. */
function checkImage(
  image: string,
  path: DataPath,
  check: (value: string, path: DataPath) => void,
  locate: Locate,
  out: Diagnostic[],
): void {
  for (const token of placeholderTokens(image)) {
    if (token.kind === "ref" && isWellFormedRef(token.ref) && refParts(token.ref)[0] === "resources") {
      out.push(
        error(
          "SCORE_PLACEHOLDER_UNKNOWN_ROOT",
          `placeholder \${${shorten(token.ref)}} in an image: only \${metadata.*} placeholders are expanded there`,
          locate(path, "value", { offset: token.start, length: token.raw.length }),
          "name the image with metadata (e.g. ${metadata.name}) or pass --image WORKLOAD=IMAGE",
        ),
      );
      return;
    }
  }
  check(image, path);
}

/** "did you mean" for the first metadata key that is missing, from the keys at that level. */
function metadataHint(metadata: Record<string, unknown>, parts: readonly string[]): string | undefined {
  let current: unknown = metadata;
  for (const key of parts.slice(1)) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) {
      const keys = Object.keys(current);
      return didYouMean(key, keys) ?? (keys.length > 0 ? `metadata keys here: ${keys.sort().join(", ")}` : undefined);
    }
    current = (current as Record<string, unknown>)[key];
  }
  return undefined;
}

// A hostile file can hold a placeholder megabytes long; messages show its start.
function shorten(ref: string): string {
  return ref.length <= 120 ? ref : `${ref.slice(0, 117)}...`;
}

function walkStrings(value: unknown, path: DataPath, visit: (s: string, path: DataPath) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) walkStrings(v, [...path, k], visit);
}

function checkBefore(workload: Workload, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = Object.keys(workload.containers).sort();
  const edges = new Map<string, string[]>();
  for (const c of names) {
    const before = workload.containers[c]!.before ?? {};
    const targets: string[] = [];
    for (const [other, entry] of Object.entries(before).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const at = locate(["containers", c, "before", other], "key");
      if (other === c) out.push(error("SCORE_BEFORE_SELF", `container "${c}" lists itself in before`, at));
      else if (!workload.containers[other])
        out.push(
          error("SCORE_BEFORE_UNKNOWN_CONTAINER", `container "${c}" before refers to unknown container "${other}"`, at),
        );
      else {
        targets.push(other);
        const probed = workload.containers[c]!.readinessProbe ?? workload.containers[c]!.livenessProbe;
        if (entry.ready === "healthy" && !probed) {
          out.push(
            error(
              "SCORE_BEFORE_HEALTHY_WITHOUT_PROBE",
              `containers.${c}.before.${other}: ready "healthy" needs a readiness or liveness probe on "${c}"`,
              locate(["containers", c, "before", other, "ready"], "value"),
            ),
          );
        }
      }
    }
    edges.set(c, targets);
  }
  const cycle = findCycle(names, edges);
  if (cycle) {
    const first = cycle[0]!;
    out.push(
      error(
        "SCORE_BEFORE_CYCLE",
        `containers' before relationships form a cycle: ${cycle.join(" → ")}`,
        locate(["containers", first, "before"], "key"),
      ),
    );
  }
  return out;
}
