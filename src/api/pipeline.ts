import { hasErrors, sortDiagnostics, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { OutputFile } from "../model/resolved.js";
import type { CompileInput, CompileResult, Emitter } from "./compile-input.js";
import { checkImages } from "./check-images.js";
import { patchPlan, policyDiagnostics } from "./policies-step.js";
import { prepareResolution, resolvePrepared, type PreparedResolution } from "./resolve.js";
import { secretValues } from "./secret-values.js";

/**
 * The compiler in one straight line: load and validate the Score files (after overrides), inline file sources,
 * load the rules tables and the built-in defaults, resolve every resource (all in ./resolve.ts), then emit the
 * target. A stage with errors stops the line, so no output is ever produced from broken input.
 */
export function compileWith(input: CompileInput, emit: Emitter): CompileResult {
  const diagnostics: Diagnostic[] = [];
  if (input.sources.length === 0)
    diagnostics.push({
      code: "INPUT_NO_SOURCES",
      severity: "error",
      message: "no Score files to compile",
      hint: "pass at least one Score file in sources",
    });
  const { prepared, diagnostics: loading } = prepareResolution(input);
  diagnostics.push(...loading);
  if (!prepared || hasErrors(diagnostics)) return finish(diagnostics);
  return compilePrepared(prepared, input, emit, diagnostics);
}

/**
 * The line after loading: check images, resolve, emit. Loaded inputs can be shared by several compiles (the builds
 * of a project), so nothing here changes `prepared`. `diagnostics` holds what loading reported.
 */
export function compilePrepared(
  prepared: PreparedResolution,
  input: CompileInput,
  emit: Emitter,
  loading: readonly Diagnostic[] = [],
): CompileResult {
  const diagnostics = [...loading];
  diagnostics.push(...checkImages(prepared.workloads, input.overrides?.images));
  diagnostics.push(...policyDiagnostics(prepared));
  if (hasErrors(diagnostics)) return finish(diagnostics);

  const resolved = resolvePrepared(prepared, input.seed);
  diagnostics.push(...resolved.diagnostics);
  if (!resolved.app || hasErrors(diagnostics)) return finish(diagnostics, resolved.app ? { app: resolved.app } : {});
  const secrets = secretValues(resolved.app, resolved.derivedValues);

  const plan = patchPlan(prepared, input);
  diagnostics.push(...plan.diagnostics);
  if (hasErrors(diagnostics)) return finish(diagnostics, { app: resolved.app });
  const emitted = emit(resolved.app, plan.input, { workloadPatches: plan.plan });
  diagnostics.push(...emitted.diagnostics);
  if (
    resolved.developmentSeed &&
    !hasErrors(diagnostics) &&
    reachesOutput(resolved.derivedValues ?? [], emitted.files)
  ) {
    diagnostics.push(
      warning(
        "RULES_DEFAULT_SEED",
        "no seed was given (--seed or SCOREC_SEED): the derived secrets in this output use the public development seed",
        undefined,
        "fine on a developer's machine; pass a secret seed for any environment that matters",
      ),
    );
  }
  return finish(diagnostics, {
    files: emitted.files,
    ...(emitted.binaryFiles?.length ? { binaryFiles: emitted.binaryFiles } : {}),
    app: resolved.app,
    secrets,
  });
}

function finish(diagnostics: readonly Diagnostic[], extra: Partial<CompileResult> = {}): CompileResult {
  const sorted = sortDiagnostics(diagnostics);
  return {
    files: hasErrors(sorted) ? [] : (extra.files ?? []),
    ...(extra.binaryFiles && !hasErrors(sorted) ? { binaryFiles: extra.binaryFiles } : {}),
    diagnostics: sorted,
    ...(extra.app ? { app: extra.app } : {}),
    secrets: extra.secrets ?? [],
  };
}

// The development-seed warning is for secrets a developer will actually run with, not for every rule that derives one.
function reachesOutput(derived: readonly string[], files: readonly OutputFile[]): boolean {
  return derived.some((value) => files.some((f) => f.text.includes(value)));
}
