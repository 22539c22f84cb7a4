/**
 * The CLI side of secrets (DESIGN.md §7): `--secrets-output PATH` places the library's secrets file where the user
 * named it (relative to the working directory, not to `-o`), and every diff or diagnostic the CLI prints goes
 * through the library's masking first.
 */
import { maskDiagnostics, maskSecrets, maskSecretsLike } from "../api/mask-secrets.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { OutputFile } from "../model/resolved.js";
import { IoError, type CliIO } from "../node/io.js";
import { absolute } from "./read-inputs.js";
import type { PlacedFile } from "./output-files.js";

/**
 * Splits the compile's files into the main artifact's and the secrets file (the library's last file), placed at PATH
 * as the user wrote it.
 */
export function splitSecretsFile(
  io: CliIO,
  files: readonly OutputFile[],
  secretsOutput: string | undefined,
): { main: OutputFile[]; secrets: PlacedFile[] } {
  if (secretsOutput === undefined || files.length === 0) return { main: [...files], secrets: [] };
  const last = files[files.length - 1]!;
  return {
    main: files.slice(0, -1),
    secrets: [{ display: secretsOutput, path: absolute(io, secretsOutput), text: last.text }],
  };
}

/** Refuses a secrets file that would land on a file of the main artifact (it would replace it). */
export function refuseSecretsOverMain(main: readonly PlacedFile[], secrets: readonly PlacedFile[]): void {
  const clash = secrets.find((s) => main.some((m) => m.path === s.path));
  if (clash)
    throw new IoError(
      `--secrets-output ${clash.display}: is also a file of the main output; name another file`,
      clash.display,
    );
}

/** Masks a `--check` comparison: the generated text by the known secrets, what is on disk by the same places. */
export function maskedComparison(
  secrets: readonly string[],
): (current: string, generated: string) => { current: string; generated: string } {
  return (current, generated) => {
    const masked = maskSecrets(generated, secrets);
    return { current: maskSecretsLike(maskSecrets(current, secrets), masked), generated: masked };
  };
}

/** Diagnostics as the CLI may show them: no secret value in a message or hint. */
export function shownDiagnostics(diagnostics: readonly Diagnostic[], secrets: readonly string[]): Diagnostic[] {
  return maskDiagnostics(diagnostics, secrets);
}
