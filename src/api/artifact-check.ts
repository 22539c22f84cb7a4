import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ResolvedResource } from "../model/resolved.js";
import type { ArtifactCheck } from "../rules/check-evaluate.js";
import { resourceContributions } from "../targets/helm/resource-values.js";
import { resourceManifests } from "../targets/kubernetes/resource-manifests.js";

/**
 * The checks the kubernetes and helm targets make of one resource's artifacts (objects well formed, secrets only in a
 * Secret's data), handed to `rules check` so it reports what compile would. Compose has no secret store to check.
 */
export const targetArtifactCheck: ArtifactCheck = (resource: ResolvedResource): Diagnostic[] => {
  const diagnostics: Diagnostic[] = [];
  if (resource.artifacts.kubernetes) resourceManifests([resource], diagnostics);
  if (resource.artifacts.helm) resourceContributions([resource], diagnostics);
  return diagnostics;
};
