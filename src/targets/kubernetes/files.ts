/**
 * Container files → one ConfigMap (text in `data`, binary in `binaryData`) or, when the content holds a secret
 * piece, one Secret per file, mounted with `subPath` at the exact target so that the rest of the folder stays
 * visible. Names come from (workload, container, target), never from the content.
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedFile } from "../../model/resolved.js";
import { isSecret, textOf } from "../../placeholders/types.js";
import type { Locator } from "./locate.js";
import { fileKey, fileObjectName, fileVolumeName } from "./names.js";
import type { Manifest, PodParts } from "./pod-parts.js";

/** Adds the objects, pod volumes and mounts for one container's files to `parts`. */
export function addContainerFiles(
  workload: string,
  container: string,
  files: Record<string, ResolvedFile>,
  at: Locator,
  parts: PodParts,
  diagnostics: Diagnostic[],
): void {
  for (const target of Object.keys(files).sort()) {
    const spec = files[target] as ResolvedFile;
    if (!target.startsWith("/")) {
      diagnostics.push(error("TARGET_UNSUPPORTED", `containers.${container}.files: target '${target}' must be an absolute path in a Kubernetes container`, at(["containers", container, "files", target], "key")));
      continue;
    }
    const name = fileObjectName(workload, container, target);
    const key = fileKey(target);
    const item: { key: string; path: string; mode?: number } = { key, path: key };
    if (spec.mode !== undefined) item.mode = parseInt(spec.mode, 8);
    const volumeName = fileVolumeName(container, target);
    if (spec.kind === "binary") {
      parts.objects.push(configMap(name, { binaryData: { [key]: spec.base64 } }));
      parts.volumes.push({ name: volumeName, configMap: { name, items: [item] } });
    } else if (isSecret(spec.content)) {
      parts.objects.push({ apiVersion: "v1", kind: "Secret", metadata: { name }, type: "Opaque", stringData: { [key]: textOf(spec.content) } });
      parts.volumes.push({ name: volumeName, secret: { secretName: name, items: [item] } });
    } else {
      parts.objects.push(configMap(name, { data: { [key]: textOf(spec.content) } }));
      parts.volumes.push({ name: volumeName, configMap: { name, items: [item] } });
    }
    parts.mounts(container).push({ name: volumeName, mountPath: target, subPath: key, readOnly: true });
  }
}

function configMap(name: string, content: Record<string, unknown>): Manifest {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, ...content };
}
