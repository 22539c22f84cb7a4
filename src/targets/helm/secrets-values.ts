/**
 * `--secrets-output` for the helm target: the values split in two files that Helm merges back
 * (`helm install -f values.yaml -f secrets.yaml`). The leak scan has already proved that secrets live only in
 * `workloads.<w>.secrets` and in Secret objects of `manifests`; those go to the second file (the Secret objects under
 * `secretManifests`, since Helm replaces lists instead of merging them), everything else stays.
 */
import { asRecord } from "./pod-values.js";

/** The main values and the secret values. */
export function splitSecretValues(values: Record<string, unknown>): {
  main: Record<string, unknown>;
  secrets: Record<string, unknown>;
} {
  const main: Record<string, unknown> = { ...values };
  const secrets: Record<string, unknown> = {};
  const workloads = asRecord(values.workloads);
  const secretWorkloads: Record<string, unknown> = {};
  const mainWorkloads: Record<string, unknown> = {};
  for (const [name, workload] of Object.entries(workloads)) {
    const { secrets: workloadSecrets, ...rest } = asRecord(workload);
    mainWorkloads[name] = rest;
    if (workloadSecrets !== undefined) secretWorkloads[name] = { secrets: workloadSecrets };
  }
  if (values.workloads !== undefined) main.workloads = mainWorkloads;
  if (Object.keys(secretWorkloads).length > 0) secrets.workloads = secretWorkloads;
  if (Array.isArray(values.manifests)) {
    const isSecret = (m: unknown) => asRecord(m).apiVersion === "v1" && asRecord(m).kind === "Secret";
    const kept = values.manifests.filter((m) => !isSecret(m));
    const moved = values.manifests.filter(isSecret);
    if (kept.length > 0) main.manifests = kept;
    else delete main.manifests;
    if (moved.length > 0) secrets.secretManifests = moved;
  }
  return { main, secrets };
}
