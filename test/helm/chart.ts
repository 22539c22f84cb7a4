import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { parseAllDocuments } from "yaml";
import { suite, type Test } from "uvu";
import { ROOT } from "../helpers/corpus.js";
import { ensureHelm, type HelmAvailability } from "./helm-binary.js";
import { runHelm, type HelmResult } from "./run-helm.js";

/** Absolute path of the chart that scorec ships. */
export const CHART = `${ROOT}charts/workload`;

/** The release name every test renders with. */
export const RELEASE = "scorec-test";

/**
 * The verified helm binary, or why helm tests are skipped on this machine (said once, on stderr). Test files
 * register their tests on a `helmSuite`, whose tests become skipped ones when helm cannot run.
 */
export const HELM: HelmAvailability = ensureHelm();
if (!HELM.ok) process.stderr.write(`helm tests skipped: ${HELM.reason}\n`);

/** A uvu suite whose tests are skipped (and counted as skipped) where the helm binary cannot run. */
export function helmSuite(name: string): Test {
  const real = suite(name);
  if (HELM.ok) return real;
  const skipping = ((testName: string, handler: () => void) => real.skip(testName, handler)) as unknown as Test;
  return Object.assign(skipping, real);
}

/** Runs `helm <args>` with the verified binary; only call it from tests registered through helmSuite. */
export function helm(args: readonly string[]): HelmResult {
  if (!HELM.ok) throw new Error(`helm is not available: ${HELM.reason}`);
  return runHelm(HELM.path, args);
}

/** Writes values text to a temporary file, runs `fn` with its path, and removes it again. */
export function withValuesFile<T>(valuesText: string, fn: (path: string) => T): T {
  const dir = mkdtempSync(`${tmpdir()}/scorec-helm-`);
  try {
    const path = `${dir}/values.yaml`;
    writeFileSync(path, valuesText);
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `helm template` of the chart with the given values text (extra helm arguments appended). */
export function helmTemplate(valuesText: string, extraArgs: readonly string[] = []): HelmResult {
  return withValuesFile(valuesText, (path) => helm(["template", RELEASE, CHART, "--values", path, ...extraArgs]));
}

/** `helm lint --strict` of the chart with the given values text. */
export function helmLint(valuesText?: string): HelmResult {
  if (valuesText === undefined) return helm(["lint", "--strict", CHART]);
  return withValuesFile(valuesText, (path) => helm(["lint", "--strict", CHART, "--values", path]));
}

/**
 * The objects of a multi-document YAML stream (empty documents dropped), read as YAML 1.1 like Helm and kubectl
 * read them, so that a string YAML 1.1 would take for a number or a boolean shows up as such.
 */
export function parseManifests(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text, { version: "1.1" })
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`helm output is not valid YAML: ${doc.errors[0]?.message}`);
      return doc.toJS() as unknown;
    })
    .filter((value): value is Record<string, unknown> => value !== null && typeof value === "object");
}
