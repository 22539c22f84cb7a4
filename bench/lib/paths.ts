import { fileURLToPath } from "node:url";

/** The repository root (absolute, ends without a slash). */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/** The CLI launcher as `npx scorec` runs it. */
export const CLI = `${ROOT}/bin/scorec.js`;

/** The typical Score file: 3 containers, 4 resources. */
export const TYPICAL_FILE = `${ROOT}/bench/fixtures/typical/score.yaml`;

/** Every target, in the order the table lists them. */
export const TARGETS = ["compose", "kubernetes", "helm"] as const;

/** One of {@link TARGETS}. */
export type Target = (typeof TARGETS)[number];
