import { emitKubernetes } from "../../targets/kubernetes/index.js";
import type { Emitter } from "../compile-input.js";

/** Kubernetes: namespace, patches and one-file-per-manifest passed through. */
export const emitter: Emitter = (app, input, extras = {}) => {
  const { files, diagnostics } = emitKubernetes(app, {
    ...(input.namespace !== undefined ? { namespace: input.namespace } : {}),
    ...(input.patches ? { patches: input.patches } : {}),
    ...extras,
    ...(input.split !== undefined ? { split: input.split } : {}),
    ...(input.secretsOutput !== undefined ? { secretsOutput: input.secretsOutput } : {}),
  });
  return { files, diagnostics };
};
