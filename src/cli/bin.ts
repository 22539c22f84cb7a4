#!/usr/bin/env node
import { run } from "./main.js";
import { nodeIO } from "./node-io.js";

// The only place that sets the process exit code.
process.exitCode = await run(process.argv.slice(2), nodeIO());
