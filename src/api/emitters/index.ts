import type { TargetName } from "../../model/resolved.js";
import type { Emitter } from "../compile-input.js";
import { emitter as compose } from "./compose.js";
import { emitter as helm } from "./helm.js";
import { emitter as kubernetes } from "./kubernetes.js";

/** Every target's emitter, loaded eagerly (the library); the CLI loads only the one it needs. */
export const EMITTERS: Record<TargetName, Emitter> = { compose, kubernetes, helm };
