import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedWorkload } from "../validate/load-workloads.js";
import { didYouMean } from "../shared/suggest.js";

/**
 * A container whose image is "." expects the image at compile time (--image); without one it cannot be deployed,
 * so compiling it is an error (validating it is not).
 */
export function checkImages(
  workloads: readonly LoadedWorkload[],
  images: Readonly<Record<string, string>> = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = workloads.map((w) => w.name);
  for (const workload of Object.keys(images).sort()) {
    if (names.includes(workload)) continue;
    const close = didYouMean(workload, names);
    out.push(
      error(
        "OVERRIDE_INVALID_VALUE",
        `--image ${workload}=${images[workload]}: no workload is named "${workload}"`,
        undefined,
        `${close ? `${close} ` : ""}workloads: ${[...names].sort().join(", ")}`,
      ),
    );
  }
  for (const w of workloads) {
    for (const [name, c] of Object.entries(w.spec.containers)) {
      if (c.image === ".") {
        out.push(
          error(
            "SCORE_IMAGE_MISSING",
            `container "${name}" of workload "${w.name}" has image "." and no --image was given`,
            w.locate(["containers", name, "image"]),
            `pass --image IMAGE or --image ${w.name}=IMAGE (or set the image in the Score file)`,
          ),
        );
      }
    }
  }
  return out;
}
