/**
 * The ajv instance that compiles policy schemas, kept in a module of its own: it is the only place the core loads
 * ajv's compiler (the Score and rules schemas use precompiled standalone validators), so a bundler can defer it.
 */
import { Ajv2020 } from "ajv/dist/2020.js";

let shared: Ajv2020 | undefined;

/**
 * One ajv instance for every load, so that ajv's own set-up happens once per process; the schemas themselves are
 * removed again after compiling, so no load sees another's. strictSchema catches typos such as `propertise`; type strictness would reject the common `properties`
 * without `type`.
 */
export function policyCompiler(): Ajv2020 {
  // validateSchema: false because policies.ts has already checked the schema with the precompiled meta-schema.
  shared ??= new Ajv2020({ allErrors: true, validateSchema: false, strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, strictRequired: false, logger: false });
  return shared;
}

