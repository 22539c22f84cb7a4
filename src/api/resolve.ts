import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadLimits, SourceFile } from "../load/source.js";
import type { ResolvedApp, TargetName } from "../model/resolved.js";
import { builtinRules } from "../rules/defaults/index.js";
import { loadRules } from "../rules/load.js";
import type { RulesTable } from "../rules/types.js";
import { resolveApp, type ResolveOutcome } from "../resolve/resolve-app.js";
import type { FileReader } from "./compile-input.js";
import { inlineFileSources } from "./inline-file-sources.js";
import { loadWorkloads, type LoadedWorkload } from "../validate/load-workloads.js";
import { applyOverridesToDocument, type OverridesInput } from "./overrides-step.js";

/** Input of {@link resolve} (and of explain): Score files, rules files and where to resolve them. */
export interface ResolveRequest {
  /** Score files, already read and decoded. */
  sources: readonly SourceFile[];
  /** Rules files (YAML text); several files combine. */
  rules?: readonly SourceFile[];
  /** Leave out the built-in default rules (the lower tier). */
  noDefaultRules?: boolean;
  /** Environment id; default "local". */
  environment?: string;
  /** Application id; default "app". */
  app?: string;
  /** Default "compose". */
  target?: TargetName;
  /**
   * Seed for derived secrets; without one a development environment uses the public development seed and any other
   * environment fails with RULES_SEED_REQUIRED where a secret is derived.
   */
  seed?: string;
  overrides?: OverridesInput;
  /** Reads `files.*.source`; without it, file sources are an error. */
  readFile?: FileReader;
  limits?: Partial<LoadLimits>;
}

/** The inputs of a resolution after loading, or undefined (with diagnostics) when loading failed. */
export interface PreparedResolution {
  workloads: LoadedWorkload[];
  rules?: RulesTable;
  defaults?: RulesTable;
  environment: string;
  app: string;
  target: TargetName;
}

/** Loads and validates the Score files (after overrides, with file sources inlined), the rules and the defaults. */
export function prepareResolution(req: ResolveRequest): { prepared?: PreparedResolution; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const overrides = req.overrides;
  const loaded = loadWorkloads(req.sources, {
    ...(req.limits ? { limits: req.limits } : {}),
    ...(overrides ? { transform: (value: unknown) => applyOverridesToDocument(value, overrides) } : {}),
    ...(overrides?.file ? { overridesFile: overrides.file } : {}),
  });
  diagnostics.push(...loaded.diagnostics);
  const inlined = inlineFileSources(loaded.workloads, req.readFile);
  diagnostics.push(...inlined.diagnostics);
  const target = req.target ?? "compose";
  const rules =
    req.rules && req.rules.length > 0 ? loadRules(req.rules, req.limits ? { limits: req.limits } : {}) : undefined;
  if (rules) diagnostics.push(...rules.diagnostics);
  const defaults = req.noDefaultRules ? undefined : builtinRules(target);
  if (defaults) diagnostics.push(...defaults.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };
  return {
    prepared: {
      workloads: inlined.workloads,
      ...(rules?.table ? { rules: rules.table } : {}),
      ...(defaults?.table ? { defaults: defaults.table } : {}),
      environment: req.environment ?? "local",
      app: req.app ?? "app",
      target,
    },
    diagnostics,
  };
}

/**
 * Resolves every resource of an app against the rules (user rules first, built-in defaults as the lower tier) and
 * substitutes the workloads' placeholders, without emitting any target output.
 *
 * @example
 * ```ts
 * import { resolve } from "scorec";
 * const { app, diagnostics } = resolve({ sources: [{ path: "score.yaml", text }], rules: [{ path: "rules.yaml", text: rulesText }], environment: "prod", target: "kubernetes", seed });
 * for (const r of app?.resources ?? []) console.log(r.uid, "→", r.rule.id);
 * ```
 */
export function resolve(req: ResolveRequest): { app?: ResolvedApp; diagnostics: Diagnostic[] } {
  const { prepared, diagnostics } = prepareResolution(req);
  if (!prepared) return { diagnostics: sortDiagnostics(diagnostics) };
  const r = resolvePrepared(prepared, req.seed);
  const all = sortDiagnostics([...diagnostics, ...r.diagnostics]);
  return r.app ? { app: r.app, diagnostics: all } : { diagnostics: all };
}

/** Resolves loaded inputs (see {@link prepareResolution}) with the given seed. */
export function resolvePrepared(prepared: PreparedResolution, seed: string | undefined): ResolveOutcome {
  return resolveApp({ ...prepared, ...(seed !== undefined ? { seed } : {}) });
}
