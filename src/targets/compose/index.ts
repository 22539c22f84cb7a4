import { error, hasErrors, type Diagnostic, type Location } from "../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../load/source.js";
import type { BinaryOutputFile, OutputFile, ResolvedApp } from "../../model/resolved.js";
import { applyJsonPatch } from "../../overrides/json-patch.js";
import { toYaml } from "../shared/serialize.js";
import { checkComposeConsistency } from "./consistency.js";
import { orderComposeProject } from "./key-order.js";
import {
  deepEqual,
  emptySections,
  isObject,
  mergeResourceArtifacts,
  SECTIONS,
  type ComposeSections,
  type Section,
} from "./merge-artifacts.js";
import { setOwn } from "../../shared/own-property.js";
import { composeProjectName } from "./project-name.js";
import { parsePublish } from "./publish.js";
import { resourceDependencies } from "./resource-dependencies.js";
import { containerLocation, containerSite } from "./site.js";
import { workloadServices } from "./workload-services.js";
import { patchWorkloadObjects } from "../shared/workload-patches.js";
import type { PatchPlan, WorkloadPatch } from "../../rules/workload-rules.js";

/** Options of the compose target. */
export interface ComposeOptions {
  /** The application id; it becomes the Compose project name (sanitised to `^[a-z0-9][a-z0-9_-]*$`). */
  project: string;
  /** `--publish` entries: `HOST:WORKLOAD:PORT` or `HOST:TYPE[.CLASS]#ID.OUTPUT:PORT`. */
  publish?: readonly string[];
  /** RFC 6902 JSON Patch files applied, in order, to the compose document before it is written. */
  patches?: readonly SourceFile[];
  /** Patches of the rules tables and selector-form patch files, per workload, on its services (kind `service`). */
  workloadPatches?: PatchPlan;
  /** Collects the workload patches that selected at least one service (for `rules check`). */
  usedPatches?: Set<WorkloadPatch>;
  /**
   * The folder, relative to the compose file, that binary files are written to and bind-mounted from (default
   * `compose.files`); named by `filesFolderFor`.
   */
  filesFolder?: string;
}

/** The file the compose target writes. */
export const COMPOSE_FILE = "compose.yaml";
export { filesFolderFor } from "./files-folder.js";

/**
 * Emits one self-contained Docker Compose file (`compose.yaml`) for a resolved application: a service per container
 * (see {@link workloadServices}), the resource services, volumes, networks, configs and secrets from the rules'
 * artifacts, workload dependencies on the resource services they use, `--publish` ports and patches. The result is
 * checked against Compose's loader rules and serialised in a stable order; on any error no file is returned. Binary
 * files are returned apart, for the caller to write beside the compose file.
 */
export function emitCompose(
  app: ResolvedApp,
  options: ComposeOptions,
): { files: OutputFile[]; binaryFiles: BinaryOutputFile[]; diagnostics: Diagnostic[] } {
  const sections = emptySections();
  const binaryFiles: BinaryOutputFile[] = [];
  const diagnostics: Diagnostic[] = mergeResourceArtifacts(sections, app.resources);
  const resources = new Map(app.resources.map((r) => [r.uid, r]));
  const resourceServices = { ...sections.services };
  const workloadHosts = new Map<string, string>();

  for (const workload of app.workloads) {
    const converted = workloadServices(workload, resources, options.filesFolder);
    diagnostics.push(...converted.diagnostics);
    binaryFiles.push(...converted.binaryFiles);
    if (converted.hostService) workloadHosts.set(workload.name, converted.hostService);
    const waits = resourceDependencies(workload, resources, resourceServices);
    const named = Object.entries(converted.services);
    const patched = patchWorkloadObjects(
      workload.name,
      named.map(([name, value]) => ({ kind: "service", name, value })),
      options.workloadPatches,
      diagnostics,
      options.usedPatches,
    );
    for (const [index, [name]] of named.entries()) {
      const service = patched[index];
      if (!isObject(service)) {
        diagnostics.push(
          error(
            "PATCH_FAILED",
            `after the patches of workload '${workload.name}', service '${name}' is not a mapping`,
            { file: workload.file },
          ),
        );
        continue;
      }
      if (Object.keys(waits).length > 0)
        service.depends_on = { ...waits, ...(service.depends_on as object | undefined) };
      // Service names are WORKLOAD-CONTAINER: point a clash at the container that produced the name.
      const at = () => containerLocation(containerSite(workload, name.slice(workload.name.length + 1)));
      diagnostics.push(...addNamed(sections, "services", name, service, `workload '${workload.name}'`, at));
    }
    const at = (): Location => ({ ...workload.locate?.(["metadata", "name"]), file: workload.file });
    for (const [name, config] of Object.entries(converted.configs))
      diagnostics.push(...addNamed(sections, "configs", name, config, `workload '${workload.name}'`, at));
    for (const [name, volume] of Object.entries(converted.volumes)) {
      if (!Object.hasOwn(sections.volumes, name)) setOwn(sections.volumes, name, volume);
    }
  }

  const publish = parsePublish(options.publish ?? [], { workloadHosts, resources: app.resources });
  diagnostics.push(...publish.diagnostics);
  publish.requests.forEach((request) => {
    const service = Object.hasOwn(sections.services, request.service) ? sections.services[request.service] : undefined;
    if (!service)
      diagnostics.push(
        error("TARGET_INVALID_PUBLISH", `--publish: no service named '${request.service}' in the compose file`),
      );
    else service.ports = [...((service.ports as unknown[] | undefined) ?? []), request.port];
  });

  let project: unknown = { name: composeProjectName(options.project) };
  for (const section of SECTIONS) {
    if (Object.keys(sections[section]).length > 0) (project as Record<string, unknown>)[section] = sections[section];
  }
  if (hasErrors(diagnostics)) return { files: [], binaryFiles: [], diagnostics };
  for (const patch of options.patches ?? []) {
    const patched = applyJsonPatch(project, patch);
    diagnostics.push(...patched.diagnostics);
    if (hasErrors(patched.diagnostics)) return { files: [], binaryFiles: [], diagnostics };
    project = patched.value;
  }
  if (!isObject(project)) diagnostics.push(error("PATCH_FAILED", "the patched compose document is not a mapping"));
  else diagnostics.push(...checkComposeConsistency(project));
  if (hasErrors(diagnostics) || !isObject(project)) return { files: [], binaryFiles: [], diagnostics };
  return { files: [{ path: COMPOSE_FILE, text: toYaml(orderComposeProject(project)) }], binaryFiles, diagnostics };
}

/** Adds a workload-made object; a name already taken by another object is a TARGET_NAME_COLLISION. */
// `at` is called only for a collision: locating re-reads the Score file's positions.
function addNamed(
  sections: ComposeSections,
  section: Section,
  name: string,
  value: Record<string, unknown>,
  owner: string,
  at: () => Location,
): Diagnostic[] {
  const existing = Object.hasOwn(sections[section], name) ? sections[section][name] : undefined;
  if (existing !== undefined && !deepEqual(existing, value)) {
    return [
      error(
        "TARGET_NAME_COLLISION",
        `${section} '${name}' of ${owner} clashes with an object of the same name`,
        at(),
        "rename the workload or container, or the resource objects in the rules",
      ),
    ];
  }
  setOwn(sections[section], name, value);
  return [];
}
