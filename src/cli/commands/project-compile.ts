import type { Emitter } from "../../api/compile-input.js";
import { compileProjectWith, type CompileProjectResult } from "../../api/project/compile-project.js";
import { maskDiagnostics } from "../../api/mask-secrets.js";
import { sortDiagnostics, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { TargetName } from "../../model/resolved.js";
import type { CliIO } from "../../node/io.js";
import { loadEmitter } from "../load-emitter.js";
import type { ProjectArgs } from "../options.js";
import { readProject, type ReadProject } from "../project-files.js";

/** A project read and compiled, with every diagnostic as the CLI may show it (masked, each build's named). */
export interface CompiledProject {
  read: ReadProject;
  result?: CompileProjectResult;
  diagnostics: Diagnostic[];
}

/**
 * Reads and compiles a project, loading only the targets its builds use. `emit: false` resolves without emitting
 * (for `outputs`, which shows no artifact). Nothing is compiled after a read error.
 */
export async function compileProjectFiles(
  io: CliIO,
  args: ProjectArgs,
  file: string,
  options: { emit?: boolean; rules?: readonly string[] } = {},
): Promise<CompiledProject> {
  const read = readProject(io, args, file, options.rules);
  if (!read.input || read.diagnostics.some((d) => d.severity === "error"))
    return { read, diagnostics: sortDiagnostics(read.diagnostics) };
  const emitters = new Map<TargetName, Emitter>();
  for (const b of read.input.project.builds)
    if (!emitters.has(b.target))
      emitters.set(b.target, options.emit === false ? noArtifacts : await loadEmitter(b.target));
  const result = compileProjectWith(read.input, (target) => emitters.get(target)!);
  const diagnostics = [...read.diagnostics, ...result.diagnostics];
  for (const b of result.builds) {
    // The same problem in several builds is shown once per build, named, so that a user knows where it applies.
    const tag = ` (build ${b.build.env} · ${b.build.target})`;
    diagnostics.push(...maskDiagnostics(b.diagnostics, b.secrets).map((d) => ({ ...d, message: d.message + tag })));
  }
  return { read, result, diagnostics: sortDiagnostics(dedupe(diagnostics)) };
}

const noArtifacts: Emitter = () => ({ files: [], diagnostics: [] });

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.file, d.range, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
