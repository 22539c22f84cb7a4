import { emitCompose } from "../../targets/compose/index.js";
import type { Emitter } from "../compile-input.js";

/** Compose: project name = app id; --publish and patches passed through. */
export const emitter: Emitter = (app, input) =>
  emitCompose(app, {
    project: input.app ?? "app",
    ...(input.publish ? { publish: input.publish } : {}),
    ...(input.patches ? { patches: input.patches } : {}),
  });
