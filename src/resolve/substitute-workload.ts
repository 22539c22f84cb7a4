import type { LoadedWorkload } from "../validate/load-workloads.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { DataPath } from "../shared/json-pointer.js";
import type { ResolvedContainer, ResolvedFile, ResolvedVolume, ResolvedWorkload } from "../model/resolved.js";
import { placeholderTokens, refParts } from "../placeholders/lexer.js";
import { substitute, type SubstituteProblem } from "../placeholders/substitute.js";
import { metadataResolver } from "../placeholders/map-lookup.js";
import { plain, textOf, type Interpolated, type PlaceholderResolver } from "../placeholders/types.js";

/**
 * Substitutes a workload's placeholders where Score expands them: variables, file contents (unless noExpand;
 * binary content never) and volume sources, where exactly `${resources.NAME}` names the resource itself. Every
 * problem is located at the Score value, narrowed to the placeholder.
 */
export function substituteWorkload(
  workload: LoadedWorkload,
  resourceUids: Record<string, string>,
  resolver: PlaceholderResolver,
): { workload: ResolvedWorkload; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // The path is built only for a problem: most strings substitute cleanly and there are many of them.
  const expand = (input: string, path: () => DataPath): Interpolated => {
    const r = substitute(input, resolver);
    for (const p of r.problems) diagnostics.push(problemDiagnostic(workload, input, path(), p));
    return r.value;
  };
  const containers: Record<string, ResolvedContainer> = {};
  const images: Record<string, string> = {};
  const metadataOnly = metadataResolver(workload.spec.metadata);
  for (const cname of Object.keys(workload.spec.containers).sort()) {
    const c = workload.spec.containers[cname]!;
    const at = (...rest: (string | number)[]): DataPath => ["containers", cname, ...rest];
    // `image` may name the workload (score-compose#538, score-k8s#350): only ${metadata.*}, resolved now.
    if (c.image.includes("$")) {
      const r = substitute(c.image, metadataOnly);
      for (const p of r.problems) diagnostics.push(problemDiagnostic(workload, c.image, at("image"), p));
      images[cname] = textOf(r.value);
    }
    const variables: Record<string, Interpolated> = {};
    for (const key of Object.keys(c.variables ?? {}).sort())
      variables[key] = expand(c.variables![key]!, () => at("variables", key));
    const files: Record<string, ResolvedFile> = {};
    for (const target of Object.keys(c.files ?? {}).sort()) {
      const f = c.files![target]!;
      const mode = f.mode !== undefined ? { mode: f.mode } : {};
      if (f.binaryContent !== undefined) files[target] = { kind: "binary", base64: f.binaryContent, ...mode };
      else if (f.content !== undefined)
        files[target] = {
          kind: "text",
          content: f.noExpand ? plain(f.content) : expand(f.content, () => at("files", target, "content")),
          ...mode,
        };
      else
        diagnostics.push(
          error(
            "TARGET_FILE_SOURCE",
            `containers.${cname}.files["${target}"].source was not read; file sources must be inlined before resources are resolved`,
            workload.locate(at("files", target, "source")),
          ),
        );
    }
    const volumes: Record<string, ResolvedVolume> = {};
    for (const target of Object.keys(c.volumes ?? {}).sort()) {
      const v = c.volumes![target]!;
      const source = volumeSource(
        v.source,
        resourceUids,
        workload,
        at("volumes", target, "source"),
        expand,
        diagnostics,
      );
      if (!source) continue;
      volumes[target] = { source, ...(v.path !== undefined ? { path: v.path } : {}), readOnly: v.readOnly ?? false };
    }
    containers[cname] = { variables, files, volumes };
  }
  const spec =
    Object.keys(images).length === 0
      ? workload.spec
      : {
          ...workload.spec,
          containers: Object.fromEntries(
            Object.entries(workload.spec.containers).map(([n, c]) => [
              n,
              Object.hasOwn(images, n) ? { ...c, image: images[n]! } : c,
            ]),
          ),
        };
  const resolved: ResolvedWorkload = { name: workload.name, file: workload.file, spec, containers, resourceUids };
  // Not enumerable: the model stays plain data for JSON, deep equality and structured clones.
  Object.defineProperty(resolved, "locate", {
    value: (path: DataPath, mode?: "key" | "value") => workload.locate(path, mode),
    enumerable: false,
  });
  return { workload: resolved, diagnostics };
}

function volumeSource(
  source: string,
  resourceUids: Record<string, string>,
  workload: LoadedWorkload,
  path: DataPath,
  expand: (input: string, path: () => DataPath) => Interpolated,
  diagnostics: Diagnostic[],
): ResolvedVolume["source"] | undefined {
  const tokens = placeholderTokens(source);
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (only?.kind === "ref") {
    const parts = refParts(only.ref);
    if (parts.length === 2 && parts[0] === "resources") {
      const uid = resourceUids[parts[1]!];
      if (uid) return { kind: "resource", uid };
      diagnostics.push(
        error(
          "PLACEHOLDER_INVALID_REF",
          `invalid ref '${only.ref}': resource '${parts[1]}' does not exist`,
          workload.locate(path, "value", { offset: 0, length: only.raw.length }),
        ),
      );
      return undefined;
    }
  }
  const value = expand(source, () => path);
  if (value.segments.some((s) => s.secret)) {
    diagnostics.push(
      error(
        "RULES_SECRET_LEAK",
        `the volume source of ${path.join(".")} is computed from a secret; volume names are not secret`,
        workload.locate(path),
      ),
    );
    return undefined;
  }
  return { kind: "literal", name: textOf(value) };
}

function problemDiagnostic(workload: LoadedWorkload, input: string, path: DataPath, p: SubstituteProblem): Diagnostic {
  return error(p.code, p.message, workload.locate(path, "value", placeholderSpan(input, p.offset)), p.hint);
}

/** The characters of the placeholder that starts at `offset` in a string. */
export function placeholderSpan(input: string, offset: number): { offset: number; length: number } {
  const token = placeholderTokens(input).find((t) => t.start === offset);
  return { offset, length: token && token.kind !== "text" ? token.raw.length : 1 };
}
