/**
 * Every object generated for one workload, in apply order: its env Secret, the ConfigMaps/Secrets of its files,
 * its Service(s), and the Deployment or StatefulSet. A StatefulSet is used when the workload asks for it with
 * `k8s.score.dev/kind` or when one of its volumes needs a claim template. Containers with `before` entries become
 * init containers (see init-containers.ts).
 */
import { error, warning, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedApp, ResolvedContainer, ResolvedResource, ResolvedWorkload } from "../../model/resolved.js";
import type { Container } from "../../score/types.js";
import { buildContainer } from "./container.js";
import { containerEnv, type EnvVar } from "./env.js";
import { addContainerFiles } from "./files.js";
import { podLayout } from "./init-containers.js";
import { workloadLocator } from "./locate.js";
import { envSecretName, headlessServiceName } from "./names.js";
import { newPodParts, type Manifest } from "./pod-parts.js";
import { headlessService, workloadService, type ObjectMeta } from "./service.js";
import { addContainerVolumes } from "./volumes.js";
import { annotationSizeProblem } from "./annotation-size.js";
import {
  objectAnnotations,
  podAnnotations,
  requestedKind,
  selectorLabels,
  workloadLabels,
} from "./workload-metadata.js";

/** Builds the manifests of one workload. */
export function workloadManifests(
  workload: ResolvedWorkload,
  app: ResolvedApp,
  resources: ReadonlyMap<string, ResolvedResource>,
  diagnostics: Diagnostic[],
): Manifest[] {
  const meta: ObjectMeta = {
    labels: workloadLabels(workload.name, app.appId),
    annotations: objectAnnotations(workload.name),
    selector: selectorLabels(workload.name),
  };
  const at = workloadLocator(workload);
  const tooLarge = annotationSizeProblem(podAnnotations(workload));
  if (tooLarge)
    diagnostics.push(
      error(
        "TARGET_ANNOTATIONS_TOO_LARGE",
        `workload "${workload.name}": ${tooLarge}`,
        at(["metadata", "annotations"], "key"),
        "move large data into a file (a ConfigMap) or a resource; annotations are for small metadata",
      ),
    );
  const parts = newPodParts();
  const envs = new Map<string, EnvVar[]>();
  const envSecret: Record<string, string> = {};
  const containerNames = Object.keys(workload.containers).sort();
  for (const name of containerNames) {
    const resolved = workload.containers[name] as ResolvedContainer;
    const env = containerEnv(workload.name, name, resolved.variables, at, diagnostics);
    envs.set(name, env.env);
    Object.assign(envSecret, env.secretData);
    addContainerFiles(workload.name, name, resolved.files, at, parts, diagnostics);
    addContainerVolumes(name, resolved.volumes, resources, at, parts, diagnostics);
    for (const target of Object.keys(resolved.files)) {
      if (target in resolved.volumes) {
        diagnostics.push(
          error(
            "TARGET_NAME_COLLISION",
            `containers.${name}: '${target}' is the target of a file and of a volume`,
            at(["containers", name, "volumes", target], "key"),
          ),
        );
      }
    }
  }

  const asked = requestedKind(workload, diagnostics);
  if (asked === "Deployment" && parts.claimTemplates.length > 0) {
    diagnostics.push(
      error(
        "TARGET_UNSUPPORTED",
        `workload '${workload.name}': a volume needs a claim template (output 'claimSpec'), which only a StatefulSet has`,
        at(["metadata", "name"]),
        "remove the k8s.score.dev/kind annotation or set it to StatefulSet",
      ),
    );
  }
  const kind = asked ?? (parts.claimTemplates.length > 0 ? "StatefulSet" : "Deployment");

  const layout = podLayout(workload.spec.containers);
  const build = (name: string) => {
    const spec = workload.spec.containers[name] as Container;
    const role = layout.roles.get(name) ?? { kind: "main" };
    if (role.kind === "init" && (spec.livenessProbe || spec.readinessProbe)) {
      diagnostics.push(
        warning(
          "TARGET_UNSUPPORTED",
          `containers.${name}: runs to completion before other containers (before: ready: complete), so its probes are dropped`,
          at(["containers", name, "before"], "key"),
        ),
      );
    }
    // Score does not say which container listens; only a lone container can safely declare the ports.
    const ports = containerNames.length === 1 ? (workload.spec.service?.ports ?? {}) : {};
    return buildContainer({
      name,
      spec,
      env: envs.get(name) ?? [],
      mounts: parts.mountsByContainer.get(name) ?? [],
      ports,
      role,
    });
  };
  const podSpec: Record<string, unknown> = { containers: layout.main.map(build) };
  if (layout.initOrder.length > 0) podSpec.initContainers = layout.initOrder.map(build);
  if (parts.volumes.length > 0)
    podSpec.volumes = [...parts.volumes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const spec: Record<string, unknown> = {
    selector: { matchLabels: meta.selector },
    template: { metadata: { labels: meta.labels, annotations: podAnnotations(workload) }, spec: podSpec },
  };
  const out: Manifest[] = [];
  const stamp = (name: string) => ({ name, labels: meta.labels, annotations: meta.annotations });
  if (Object.keys(envSecret).length > 0) {
    out.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: stamp(envSecretName(workload.name)),
      type: "Opaque",
      stringData: envSecret,
    });
  }
  for (const object of parts.objects)
    out.push({ ...object, metadata: stamp(String((object.metadata as { name: string }).name)) });
  const service = workloadService(workload, meta, diagnostics);
  if (service) out.push(service);
  if (kind === "StatefulSet") {
    spec.serviceName = headlessServiceName(workload.name);
    if (parts.claimTemplates.length > 0)
      spec.volumeClaimTemplates = [...parts.claimTemplates].sort((a, b) =>
        a.metadata.name < b.metadata.name ? -1 : 1,
      );
    out.push(headlessService(workload, meta));
  }
  out.push({ apiVersion: "apps/v1", kind, metadata: stamp(workload.name), spec });
  return out;
}
