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
      diagnostics.push(
        error(
          "TARGET_UNSUPPORTED",
          `containers.${container}.files: target '${target}' must be an absolute path in a Kubernetes container`,
          at(["containers", container, "files", target], "key"),
        ),
      );
      continue;
    }
    const size = spec.kind === "binary" ? base64Size(spec.base64) : UTF8.encode(textOf(spec.content)).length;
    if (size > MAX_OBJECT_DATA) {
      diagnostics.push(
        error(
          "TARGET_UNSUPPORTED",
          `containers.${container}.files: '${target}' holds ${size} bytes; a ConfigMap or Secret holds at most ${MAX_OBJECT_DATA}`,
          at(["containers", container, "files", target], "key"),
          "mount large files from a volume instead",
        ),
      );
      continue;
    }
    const name = fileObjectName(workload, container, target);
    const key = fileKey(target);
    const item: { key: string; path: string; mode?: number } = { key, path: key };
    if (spec.mode !== undefined) item.mode = parseInt(spec.mode, 8);
    const volumeName = fileVolumeName(container, target);
    if (spec.kind === "binary") {
      // Line breaks are allowed in Score's base64 (Go's decoder skips them); the API's byte format is one line.
      parts.objects.push(configMap(name, { binaryData: { [key]: spec.base64.replace(/\s+/g, "") } }));
      parts.volumes.push({ name: volumeName, configMap: { name, items: [item] } });
    } else if (spec.content.segments.some((s) => s.ref)) {
      const only = spec.content.segments.length === 1 ? spec.content.segments[0]!.ref : undefined;
      if (!only) {
        diagnostics.push(
          error(
            "RULES_SECRET_REF",
            `containers.${container}.files: '${target}' embeds a secret that lives in a Kubernetes Secret (secretRef) in other content; Kubernetes can only mount a Secret's key as a whole file`,
            at(["containers", container, "files", target, "content"], "value"),
            "make the file's content exactly the reference (content: ${resources.NAME.KEY}), or store the whole file in the Secret and reference that key",
          ),
        );
        continue;
      }
      // Projected: the referenced Secret is not scorec's, so only the one key is brought in, under the file's name.
      parts.volumes.push({
        name: volumeName,
        projected: {
          sources: [
            {
              secret: {
                name: only.name,
                items: [{ key: only.key, path: key, ...(item.mode !== undefined ? { mode: item.mode } : {}) }],
              },
            },
          ],
        },
      });
    } else if (isSecret(spec.content)) {
      parts.objects.push({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name },
        type: "Opaque",
        stringData: { [key]: textOf(spec.content) },
      });
      parts.volumes.push({ name: volumeName, secret: { secretName: name, items: [item] } });
    } else {
      parts.objects.push(configMap(name, { data: { [key]: textOf(spec.content) } }));
      parts.volumes.push({ name: volumeName, configMap: { name, items: [item] } });
    }
    parts.mounts(container).push({ name: volumeName, mountPath: target, subPath: key, readOnly: true });
  }
}

// The API server rejects ConfigMaps and Secrets whose data exceeds 1 MiB.
const MAX_OBJECT_DATA = 1024 * 1024;
const UTF8 = new TextEncoder();

function base64Size(base64: string): number {
  const clean = base64.replace(/\s+/g, "");
  const padding = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

function configMap(name: string, content: Record<string, unknown>): Manifest {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, ...content };
}
