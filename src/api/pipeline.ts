import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { builtinRules } from "../rules/defaults/index.js";
import { loadRules } from "../rules/load.js";
import { resolveApp } from "../resolve/resolve-app.js";
import type { CompileInput, CompileResult, Emitter } from "./compile-input.js";
import { checkImages } from "./check-images.js";
import { inlineFileSources } from "./inline-file-sources.js";
import { loadWorkloads } from "./load-workloads.js";
import { applyOverridesToDocument } from "./overrides-step.js";

/**
 * The compiler in one straight line: load and validate the Score files (after overrides), inline file sources,
 * load the rules tables and the built-in defaults, resolve every resource, then emit the target. Each stage's
 * diagnostics are kept; a stage with errors stops the line, so no output is produced from broken input.
 */
export function compileWith(input: CompileInput, emit: Emitter): CompileResult {
  const diagnostics: Diagnostic[] = [];
  const done = (extra: Partial<CompileResult> = {}): CompileResult => {
    const sorted = sortDiagnostics(diagnostics);
    return { files: hasErrors(sorted) ? [] : (extra.files ?? []), diagnostics: sorted, ...(extra.app ? { app: extra.app } : {}) };
  };
  const target = input.target ?? "compose";
  const overrides = input.overrides;

  const loaded = loadWorkloads(input.sources, {
    ...(input.limits ? { limits: input.limits } : {}),
    ...(overrides ? { transform: (value: unknown) => applyOverridesToDocument(value, overrides) } : {}),
  });
  diagnostics.push(...loaded.diagnostics);
  if (input.sources.length === 0) diagnostics.push({ code: "CLI_USAGE", severity: "error", message: "no Score files to compile" });
  diagnostics.push(...checkImages(loaded.workloads));
  if (hasErrors(diagnostics)) return done();

  const inlined = inlineFileSources(loaded.workloads, input.readFile);
  diagnostics.push(...inlined.diagnostics);

  const rules = input.rules && input.rules.length > 0 ? loadRules(input.rules) : undefined;
  if (rules) diagnostics.push(...rules.diagnostics);
  const defaults = input.noDefaultRules ? undefined : builtinRules(target);
  if (defaults) diagnostics.push(...defaults.diagnostics);
  if (hasErrors(diagnostics)) return done();

  const resolved = resolveApp({
    workloads: inlined.workloads,
    ...(rules?.table ? { rules: rules.table } : {}),
    ...(defaults?.table ? { defaults: defaults.table } : {}),
    environment: input.environment ?? "local",
    app: input.app ?? "app",
    target,
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
  });
  diagnostics.push(...resolved.diagnostics);
  if (!resolved.app || hasErrors(diagnostics)) return done(resolved.app ? { app: resolved.app } : {});

  const emitted = emit(resolved.app, input);
  diagnostics.push(...emitted.diagnostics);
  return done({ files: emitted.files, app: resolved.app });
}
