/**
 * scorec: a pure compiler for Score workload specs. Everything exported here takes data and returns data plus
 * diagnostics; nothing reads the disk, the environment or the clock, prints, or exits.
 */

// Compiling Score files to a target
export { compile } from "./api/compile.js";
export { maskSecrets, maskSecretsLike, maskDiagnostics, MIN_MASKED_LENGTH } from "./api/mask-secrets.js";
export type { CompileInput, CompileResult, FileReader } from "./api/compile-input.js";
export type {
  TargetName,
  OutputFile,
  BinaryOutputFile,
  Environment,
  ResolvedApp,
  ResolvedWorkload,
  ResolvedContainer,
  ResolvedFile,
  ResolvedVolume,
  ResolvedResource,
  ResourceArtifacts,
  ComposeArtifacts,
} from "./model/resolved.js";
export { filesFolderFor } from "./targets/compose/files-folder.js";
export { renderGraph } from "./graph/render-graph.js";
export type { GraphSyntax } from "./graph/render-graph.js";

// Validation of Score files
export { validate } from "./api/validate.js";
export type { ValidateInput, ValidateResult } from "./api/validate.js";
export type { LoadedWorkload } from "./validate/load-workloads.js";
export type { OverridesInput } from "./api/overrides-step.js";

// Inputs
export { decodeSource } from "./load/decode.js";
export type { DecodeResult } from "./load/decode.js";
export type { SourceFile, LoadLimits } from "./load/source.js";
export type { DataPath } from "./shared/json-pointer.js";

// Diagnostics
export { formatDiagnostics, diagnosticToJson } from "./diagnostics/format.js";
export type { DiagnosticFormat, FormatOptions } from "./diagnostics/format.js";
export { hasErrors, sortDiagnostics, CompileError } from "./diagnostics/diagnostic.js";
export type { Diagnostic, Severity, Position, Range, Location, RelatedLocation } from "./diagnostics/diagnostic.js";
export { DIAGNOSTIC_CODES } from "./diagnostics/codes.js";
export type { DiagnosticCode } from "./diagnostics/codes.js";

// Score model
export type {
  Workload,
  WorkloadMetadata,
  Container,
  ContainerFile,
  ContainerVolume,
  ContainerProbe,
  HttpProbe,
  ServicePort,
  ResourceLimits,
  ResourceRequest,
} from "./score/types.js";

// Rules tables, resource resolution, explain and the static rules check
export { loadRules } from "./rules/load.js";
export type { LoadRulesOptions } from "./rules/load.js";
export type {
  RulesTable,
  Rule,
  RuleMatch,
  RuleOrigin,
  Requirement,
  EnvironmentDecl,
  CriterionName,
  Precedence,
  PrecedenceCriterion,
} from "./rules/types.js";
export type {
  Policy,
  PolicyError,
  WorkloadPatch,
  PatchSelector,
  WorkloadMatch,
  EntryOrigin,
} from "./rules/workload-rules.js";
export type { MatchPoint } from "./rules/match.js";
export { resolve } from "./api/resolve.js";
export type { ResolveRequest } from "./api/resolve.js";
export { explain } from "./api/explain.js";
export type { ExplainRequest, ExplainResult } from "./api/explain.js";
export type { ExplainReport, ExplainedResource, ExplainedRule, ExplainedWorkload } from "./resolve/explain.js";
export type { ExplainedSecret } from "./rules/explain-secrets.js";
export { explainText, explainJson } from "./resolve/explain-text.js";
export { checkRules } from "./api/check-rules.js";
export type { CheckRulesOptions, CheckRulesResult, CheckRulesSummary, RuleConflictReport } from "./api/check-rules.js";

// Projects (scorec.yaml): every build at once, the impact of a change, every resource's outputs
export { loadProject } from "./api/project/load-project.js";
export type { Project, ProjectBuild } from "./api/project/load-project.js";
export { compileProject } from "./api/project/compile-project.js";
export type {
  CompileProjectInput,
  CompileProjectResult,
  BuildResult,
  BuildResource,
} from "./api/project/compile-project.js";
export { diffProjects } from "./api/project/diff-project.js";
export type {
  ProjectDiff,
  BuildDiff,
  RuleChange,
  OutputChange,
  DiffRule,
  FilePatcher,
} from "./api/project/diff-project.js";
export { diffText, diffMarkdown } from "./api/project/diff-report.js";
export { buildOutputs, SECRET_OUTPUT } from "./api/project/project-outputs.js";
export type { BuildOutputs, ResourceOutputs } from "./api/project/project-outputs.js";

// Placeholders
export { lexPlaceholders, splitRef } from "./placeholders/lexer.js";
export type { PlaceholderToken } from "./placeholders/lexer.js";
export type { Interpolated, Segment, SecretRef, PlaceholderResolver, LookupResult } from "./placeholders/types.js";
export { composeSecretVariable } from "./rules/secret-ref.js";

export { VERSION } from "./version.js";
