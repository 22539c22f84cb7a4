import { emitHelm } from "../../targets/helm/index.js";
import type { Emitter } from "../compile-input.js";

/** Helm: namespace and patches passed through. */
export const emitter: Emitter = (app, input, extras = {}) =>
  emitHelm(app, {
    ...(input.namespace !== undefined ? { namespace: input.namespace } : {}),
    ...(input.patches ? { patches: input.patches } : {}),
    ...extras,
    ...(input.secretsOutput !== undefined ? { secretsOutput: input.secretsOutput } : {}),
  });
