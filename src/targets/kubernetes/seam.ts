/**
 * What the kubernetes target offers the helm target on purpose: helm renders the same objects (workloads, resource
 * manifests, namespaces, the secret scan) and turns their values into chart values. Helm imports nothing else
 * from this folder (the boundary check enforces it), so the kubernetes internals can change behind this list.
 */
export { dedupe, withNamespace } from "./assemble.js";
export { patchWorkloadManifests } from "./disruption-budget.js";
export { headlessServiceName, isDnsLabel } from "./names.js";
export { leakKey, shapeProblem, type Sourced } from "./resource-manifests.js";
export { needleFinder, secretNeedles } from "./secret-scan.js";
export { serviceName } from "./service.js";
export { workloadManifests } from "./workload.js";
