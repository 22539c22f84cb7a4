import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedWorkload } from "../validate/load-workloads.js";

/**
 * A container whose image is "." expects the image at compile time (--image); without one it cannot be deployed,
 * so compiling it is an error (validating it is not).
 */
export function checkImages(workloads: readonly LoadedWorkload[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const w of workloads) {
    for (const [name, c] of Object.entries(w.spec.containers)) {
      if (c.image === ".") {
        out.push(error("SCORE_IMAGE_MISSING", `container "${name}" of workload "${w.name}" has image "." and no --image was given`, w.locate(["containers", name, "image"]), "pass --image IMAGE (or set the image in the Score file)"));
      }
    }
  }
  return out;
}
