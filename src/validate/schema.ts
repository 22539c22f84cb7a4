import type { ErrorObject } from "ajv";
import { validate as validateScoreSchema } from "./generated/score-schema.js";

/** A precompiled validator as ajv's standalone code exports it. */
interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Validates data against the pinned Score v1b1 schema (score-go's for-validation variant); returns ajv errors. */
export function checkScoreSchema(value: unknown): ErrorObject[] {
  const v = validateScoreSchema as StandaloneValidator;
  return v(value) ? [] : [...(v.errors ?? [])];
}
