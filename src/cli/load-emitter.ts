import type { Emitter } from "../api/compile-input.js";
import type { TargetName } from "../model/resolved.js";

/** Loads only the chosen target's code, so a compose run never pays for the Kubernetes or Helm modules. */
export async function loadEmitter(target: TargetName): Promise<Emitter> {
  switch (target) {
    case "kubernetes":
      return (await import("../api/emitters/kubernetes.js")).emitter;
    case "helm":
      return (await import("../api/emitters/helm.js")).emitter;
    default:
      return (await import("../api/emitters/compose.js")).emitter;
  }
}
