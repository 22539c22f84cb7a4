/**
 * The last line of defence for secrets in the helm target: every secret value of the app is searched for in the
 * final values (after rule values and patches), and found anywhere but in what the chart renders as a Secret's
 * data/stringData (`workloads.<w>.secrets.<name>.{stringData,data}` or a Secret in `manifests`) it is a
 * RULES_SECRET_LEAK. Helm never copies values anywhere else, so this is the same guarantee as the kubernetes target's.
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { toPointer } from "../../shared/json-pointer.js";
import { needleFinder } from "../kubernetes/seam.js";
import { asRecord } from "./pod-values.js";
import { valuesLeakKey } from "./resource-values.js";

/** Reports every place in `values` outside a Secret's data where one of the needles occurs (in a key or a string). */
export function scanValuesForLeaks(
  values: Record<string, unknown>,
  needles: readonly string[],
  reported?: ReadonlySet<string>,
): Diagnostic[] {
  if (needles.length === 0) return [];
  const out: Diagnostic[] = [];
  // One lookup per character instead of one search per secret: the scan stays linear in the size of the values.
  const holdsNeedle = needleFinder(needles);
  const manifests = Array.isArray(values.manifests) ? values.manifests : [];
  // A leak already reported at the rule that wrote it is not reported again here, without a location.
  const report = (path: (string | number)[]): void => {
    if (!reported?.has(valuesLeakKey(path, manifests))) out.push(leak(path));
  };
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (isSecretData(path, manifests)) return;
    if (typeof value === "string") {
      if (holdsNeedle(value)) report(path);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i]));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (holdsNeedle(k)) report([...path, k]);
        visit(v, [...path, k]);
      }
    }
  };
  visit(values, []);
  return out;
}

function isSecretData(path: readonly (string | number)[], manifests: readonly unknown[]): boolean {
  if (path.length === 5 && path[0] === "workloads" && path[2] === "secrets")
    return path[4] === "stringData" || path[4] === "data";
  if (path.length === 3 && path[0] === "manifests") {
    const manifest = asRecord(manifests[Number(path[1])]);
    return (
      manifest.apiVersion === "v1" && manifest.kind === "Secret" && (path[2] === "data" || path[2] === "stringData")
    );
  }
  return false;
}

function leak(path: (string | number)[]): Diagnostic {
  return error(
    "RULES_SECRET_LEAK",
    `a secret value appears in plain text in the Helm values at ${toPointer(path)}`,
    undefined,
    "secrets may only appear in workloads.<workload>.secrets.<name>.stringData/data or in a Secret manifest; check the rules and patches that write this value",
  );
}
