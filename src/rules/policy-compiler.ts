/**
 * The ajv instance that compiles policy schemas, kept in a module of its own: it is the only place the core loads
 * ajv's compiler (the Score and rules schemas use precompiled standalone validators), so a bundler can defer it.
 */
import { Ajv2020 } from "ajv/dist/2020.js";

let shared: Ajv2020 | undefined;

/**
 * One ajv instance for every load: a new one compiles the 2020-12 meta-schema again (about 55 ms, most of a load's
 * cost in bench/cases/policies.ts); the schemas themselves are removed again after compiling, so no load sees
 * another's. strictSchema catches typos such as `propertise`; type strictness would reject the common `properties`
 * without `type`.
 */
export function policyCompiler(): Ajv2020 {
  shared ??= new Ajv2020({ allErrors: true, strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, strictRequired: false, logger: false });
  return shared;
}

