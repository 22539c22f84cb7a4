/**
 * Container volumes. A resource volume is described by its outputs: `source` (a Kubernetes volume source such as
 * `{emptyDir: {}}` or `{persistentVolumeClaim: {claimName}}`) or `claimSpec` (a PersistentVolumeClaim spec that
 * becomes a StatefulSet claim template, as in score-k8s). A literal source names an existing claim. One pod
 * volume per resource, so containers that mount the same resource share it (an emptyDir shared by two containers).
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedResource, ResolvedVolume } from "../../model/resolved.js";
import type { Locator } from "./locate.js";
import { isDnsSubdomain, literalVolumeName, resourceVolumeName } from "./names.js";
import type { NamedSpec, PodParts } from "./pod-parts.js";

// The members of core/v1 VolumeSource: a `source` output must be exactly one of them.
const VOLUME_SOURCES = new Set([
  "awsElasticBlockStore",
  "azureDisk",
  "azureFile",
  "cephfs",
  "cinder",
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "fc",
  "flexVolume",
  "flocker",
  "gcePersistentDisk",
  "gitRepo",
  "glusterfs",
  "hostPath",
  "image",
  "iscsi",
  "nfs",
  "persistentVolumeClaim",
  "photonPersistentDisk",
  "portworxVolume",
  "projected",
  "quobyte",
  "rbd",
  "scaleIO",
  "secret",
  "storageos",
  "vsphereVolume",
]);

/** Adds pod volumes, claim templates and mounts for one container's volumes to `parts`. */
export function addContainerVolumes(
  container: string,
  volumes: Record<string, ResolvedVolume>,
  resources: ReadonlyMap<string, ResolvedResource>,
  locate: Locator,
  parts: PodParts,
  diagnostics: Diagnostic[],
): void {
  for (const target of Object.keys(volumes).sort()) {
    const volume = volumes[target] as ResolvedVolume;
    const fail = (
      code: "TARGET_INVALID_OUTPUT" | "TARGET_INVALID_NAME" | "TARGET_UNSUPPORTED",
      message: string,
      hint?: string,
      field?: string,
    ) =>
      diagnostics.push(
        error(
          code,
          `containers.${container}.volumes.${target}: ${message}`,
          locate(["containers", container, "volumes", target, ...(field ? [field] : [])], field ? "value" : "key"),
          hint,
        ),
      );
    if (!target.startsWith("/")) {
      fail("TARGET_UNSUPPORTED", "the target must be an absolute path in a Kubernetes container");
      continue;
    }
    if (volume.path !== undefined && !validSubPath(volume.path)) {
      fail("TARGET_UNSUPPORTED", `path '${volume.path}' must be relative and must not contain '..'`, undefined, "path");
      continue;
    }
    let name: string;
    if (volume.source.kind === "literal") {
      const claimName = volume.source.name;
      if (!isDnsSubdomain(claimName)) {
        fail(
          "TARGET_INVALID_NAME",
          `source '${claimName}' is not a valid PersistentVolumeClaim name`,
          "use ${resources.NAME} to mount a volume resource, or the name of an existing claim",
          "source",
        );
        continue;
      }
      name = literalVolumeName(claimName);
      addOnce(parts.volumes, { name, persistentVolumeClaim: { claimName } });
    } else {
      const uid = volume.source.uid;
      const resource = resources.get(uid);
      const described = resource ? describeVolume(resource) : { problem: `resource '${uid}' does not exist` };
      if ("problem" in described) {
        fail(
          "TARGET_INVALID_OUTPUT",
          described.problem,
          "a volume resource must output 'source' (a Kubernetes volume source) or 'claimSpec' (a PersistentVolumeClaim spec)",
          "source",
        );
        continue;
      }
      name = resourceVolumeName(uid);
      if ("source" in described) addOnce(parts.volumes, { name, ...described.source });
      else if (!parts.claimTemplates.some((t) => t.metadata.name === name))
        parts.claimTemplates.push({ metadata: { name }, spec: described.claimSpec });
    }
    const mount: NamedSpec = { name, mountPath: target };
    if (volume.path !== undefined && volume.path !== "") mount.subPath = volume.path;
    if (volume.readOnly) mount.readOnly = true;
    parts.mounts(container).push(mount);
  }
}

type Described = { source: Record<string, unknown> } | { claimSpec: Record<string, unknown> } | { problem: string };

function describeVolume(resource: ResolvedResource): Described {
  const { source, claimSpec } = resource.outputs;
  const prefix = `resource '${resource.uid}' (rule ${resource.rule.id})`;
  if (source !== undefined && claimSpec !== undefined)
    return { problem: `${prefix} outputs both 'source' and 'claimSpec'` };
  if (claimSpec !== undefined)
    return isPlainObject(claimSpec) ? { claimSpec } : { problem: `${prefix}: output 'claimSpec' must be a mapping` };
  if (source === undefined) return { problem: `${prefix} outputs neither 'source' nor 'claimSpec'` };
  if (!isPlainObject(source)) return { problem: `${prefix}: output 'source' must be a mapping` };
  const keys = Object.keys(source);
  if (keys.length !== 1)
    return {
      problem: `${prefix}: output 'source' must hold exactly one volume source, found ${keys.length === 0 ? "none" : keys.join(", ")}`,
    };
  const kind = keys[0] as string;
  if (!VOLUME_SOURCES.has(kind)) return { problem: `${prefix}: '${kind}' is not a Kubernetes volume source` };
  if (!isPlainObject(source[kind])) return { problem: `${prefix}: output 'source.${kind}' must be a mapping` };
  return { source };
}

function addOnce(volumes: NamedSpec[], volume: NamedSpec): void {
  if (!volumes.some((v) => v.name === volume.name)) volumes.push(volume);
}

function validSubPath(path: string): boolean {
  return !path.startsWith("/") && !path.split("/").includes("..");
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
