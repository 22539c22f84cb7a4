import type { Argv } from "yargs";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { OverridesInput } from "../api/overrides-step.js";
import type { CliIO } from "./io.js";
import type { ParsedArgs } from "./main.js";
import { readSource } from "./read-inputs.js";

/** Adds the score-compose compatible override options. */
export function overrideOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option("overrides-file", { type: "string", requiresArg: true, describe: "YAML file deep-merged onto every Score file" })
    .option("override-property", { type: "string", array: true, requiresArg: true, describe: "PATH=VALUE override (repeatable; empty VALUE deletes)" })
    .option("image", { type: "string", requiresArg: true, describe: 'Image for containers whose image is "."' });
}

/** The Score files named on the command line, or ./score.yaml. */
export function scoreFiles(args: ParsedArgs): string[] {
  // Names after `--` (for files that start with "-") land in `_` after the command name, not in `files`.
  const files = [...(Array.isArray(args.files) ? args.files : []), ...args._.slice(1)].map(String);
  return files.length > 0 ? files : ["score.yaml"];
}

/** Reads the overrides options into an {@link OverridesInput}. */
export function readOverrides(args: ParsedArgs, io: CliIO): { value?: OverridesInput; diagnostics: Diagnostic[] } {
  const value: OverridesInput = {};
  const diagnostics: Diagnostic[] = [];
  const file = args["overrides-file"];
  if (typeof file === "string") {
    const read = readSource(io, file);
    if ("diagnostic" in read) diagnostics.push(read.diagnostic);
    else value.file = read.source;
  }
  const props = args["override-property"];
  if (Array.isArray(props) && props.length > 0) value.properties = props.map(String);
  if (typeof args.image === "string") value.image = args.image;
  return Object.keys(value).length > 0 ? { value, diagnostics } : { diagnostics };
}
