import { emitCompose } from "../../targets/compose/index.js";
import { secretVariablesNotice } from "../../targets/compose/secret-variables.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Emitter } from "../compile-input.js";

/** Compose: project name = app id; --publish and patches passed through. */
export const emitter: Emitter = (app, input, extras = {}) => {
  if (input.secretsOutput !== undefined) return { files: [], diagnostics: [composeHasNoSecretStore()] };
  if (input.filesFolder !== undefined && !isFolderName(input.filesFolder))
    return { files: [], diagnostics: [badFilesFolder(input.filesFolder)] };
  const emitted = emitCompose(app, {
    project: input.app ?? "app",
    ...(input.publish ? { publish: input.publish } : {}),
    ...(input.patches ? { patches: input.patches } : {}),
    ...(input.filesFolder !== undefined ? { filesFolder: input.filesFolder } : {}),
    ...extras,
  });
  return {
    files: emitted.files,
    binaryFiles: emitted.binaryFiles,
    diagnostics: [...emitted.diagnostics, ...secretVariablesNotice(emitted.files)],
  };
};

// One folder beside the compose file: a path could climb out of the output folder that scorec owns.
function isFolderName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !/[/\\]/.test(name);
}

function badFilesFolder(name: string): Diagnostic {
  return error(
    "CLI_USAGE",
    `filesFolder "${name}" must be a single folder name (no "/", not "." or "..")`,
    undefined,
    "the binary files of the compose target go to that folder beside the compose file, e.g. compose.files",
  );
}

// A Compose file is for a developer's machine (derived values, development seed) or reads references from the
// environment; a second file would only be a copy of the values with no store to protect it (docs/secrets.md).
function composeHasNoSecretStore(): Diagnostic {
  return error(
    "CLI_USAGE",
    "--secrets-output is not available for the compose target: Compose has no secret store to move the values to",
    undefined,
    "for a Compose file that holds no secret, use secretRef(name, key) in the rules: the file then reads SCOREC_SECRET_* variables from the environment or .env at docker compose up",
  );
}
