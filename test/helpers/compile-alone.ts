// Compiles one input (JSON on stdin) in a process of its own and prints the result as JSON: what a compile gives
// with no other compile before it. Used by test/interleaved-compiles.test.ts.
import { readFileSync } from "node:fs";
import { compile } from "../../src/index.js";
import { compileInput, type InputSpec } from "./interleaved-inputs.js";

const spec = JSON.parse(readFileSync(0, "utf8")) as InputSpec;
process.stdout.write(JSON.stringify(compile(compileInput(spec))));
