/**
 * The kubernetes target: a resolved app → raw manifests. Resource manifests come first (resolved order), then each
 * workload's objects (by workload name); `--namespace` is set on namespaced objects, identical objects from shared
 * resources collapse, JSON patches apply to the list, and a final scan proves that no secret value is left
 * anywhere but in a Secret's data/stringData.
 */
import { error, hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../load/source.js";
import type { OutputFile, ResolvedApp, ResolvedResource } from "../../model/resolved.js";
import { applyJsonPatch } from "../../overrides/json-patch.js";
import { dedupe, withNamespace } from "./assemble.js";
import { isDnsLabel } from "./names.js";
import { joinYamlDocuments } from "../shared/serialize.js";
import { manifestFiles, manifestTexts } from "./output-files.js";
import type { Manifest } from "./pod-parts.js";
import { resourceManifests, shapeProblem, type Sourced } from "./resource-manifests.js";
import { leakWatch, scanForLeaks, secretNeedles } from "./secret-scan.js";
import { workloadManifests } from "./workload.js";
import { patchWorkloadManifests } from "./disruption-budget.js";
import type { PatchPlan, WorkloadPatch } from "../../rules/workload-rules.js";

/** Options of the kubernetes target. */
export interface KubernetesOptions {
  /** Namespace for every namespaced object that does not set one. */
  namespace?: string;
  /** RFC 6902 patches applied in order to the manifest list (paths start with the manifest index; `/-` appends). */
  patches?: readonly SourceFile[];
  /** One file per manifest (`NN-kind-name.yaml`) instead of one multi-document `manifests.yaml`. */
  split?: boolean;
  /** Every Secret object goes to this file (one multi-document file) instead of the main artifact. */
  secretsOutput?: string;
  /** Patches of the rules tables and selector-form patch files, per workload (docs/policies.md). */
  workloadPatches?: PatchPlan;
  /** Collects the workload patches that selected at least one object (for `rules check`). */
  usedPatches?: Set<WorkloadPatch>;
}

/** What the kubernetes target produces. `manifests` is exactly what the files hold. */
export interface KubernetesResult {
  files: OutputFile[];
  manifests: Record<string, unknown>[];
  diagnostics: Diagnostic[];
}

/** Compiles a resolved app to Kubernetes manifests. Files are empty when there is any error. */
export function emitKubernetes(app: ResolvedApp, options: KubernetesOptions): KubernetesResult {
  const diagnostics: Diagnostic[] = [];
  const namespace = options.namespace;
  if (namespace !== undefined && !isDnsLabel(namespace)) {
    diagnostics.push(
      error(
        "TARGET_INVALID_NAME",
        `namespace '${namespace}' is not a valid Kubernetes namespace name`,
        undefined,
        "use lowercase letters, digits and '-', at most 63 characters",
      ),
    );
    return { files: [], manifests: [], diagnostics };
  }
  const resources = new Map<string, ResolvedResource>(app.resources.map((r) => [r.uid, r]));
  const reportedLeaks = new Set<string>();
  const sourced: Sourced[] = resourceManifests(app.resources, diagnostics, reportedLeaks);
  for (const workload of app.workloads) {
    const built = workloadManifests(workload, app, resources, diagnostics);
    const patched = patchWorkloadManifests(
      workload.name,
      built,
      options.workloadPatches,
      diagnostics,
      options.usedPatches,
    );
    patched.forEach((manifest, i) => {
      const problem = manifest === built[i] ? undefined : shapeProblem(manifest);
      if (problem)
        diagnostics.push(
          error(
            "PATCH_FAILED",
            `after the patches of workload '${workload.name}', ${String((manifest as Manifest | undefined)?.kind ?? built[i]?.kind)} ${problem}`,
            { file: workload.file },
          ),
        );
      else sourced.push({ manifest: manifest as Manifest, origin: `workload '${workload.name}'` });
    });
  }
  const placed = sourced.map((s) => ({ ...s, manifest: withNamespace(s.manifest, namespace) }));
  let manifests: Manifest[] = dedupe(placed, diagnostics);

  for (const patch of options.patches ?? []) {
    const patched = applyJsonPatch(manifests, patch);
    diagnostics.push(...patched.diagnostics);
    if (hasErrors(patched.diagnostics)) continue;
    const value = patched.value;
    if (!Array.isArray(value)) {
      diagnostics.push(error("PATCH_FAILED", "the patch must keep the manifest list a list", { file: patch.path }));
      continue;
    }
    const problems = value.map((m, i) => [i, shapeProblem(m)] as const).filter(([, p]) => p !== undefined);
    for (const [i, p] of problems)
      diagnostics.push(error("PATCH_FAILED", `after the patch, manifest ${i} ${p}`, { file: patch.path }));
    if (problems.length === 0) manifests = (value as Manifest[]).map((m) => withNamespace(m, namespace));
  }

  const needles = secretNeedles(app);
  const leaks = leakWatch(needles);
  const texts = manifestTexts(manifests, leaks);
  diagnostics.push(...scanForLeaks(manifests, needles, leaks, reportedLeaks));
  if (hasErrors(diagnostics)) return { files: [], manifests, diagnostics };
  if (options.secretsOutput === undefined)
    return { files: manifestFiles(manifests, texts, options.split ?? false), manifests, diagnostics };
  // The workload reads its Secrets by name, so they can be applied from anywhere (a sealed or encrypted copy, say).
  const kept = manifests.map((m, i) => [m, texts[i]!] as const);
  const isSecret = ([m]: readonly [Manifest, string]) => m.apiVersion === "v1" && m.kind === "Secret";
  const main = kept.filter((k) => !isSecret(k));
  const secrets = kept.filter(isSecret);
  const files = manifestFiles(
    main.map(([m]) => m),
    main.map(([, t]) => t),
    options.split ?? false,
  );
  files.push({
    path: options.secretsOutput,
    text:
      secrets.length > 0
        ? joinYamlDocuments(secrets.map(([, t]) => t))
        : "# No Secret objects: this compile derived no secret value.\n",
  });
  return { files, manifests, diagnostics };
}
