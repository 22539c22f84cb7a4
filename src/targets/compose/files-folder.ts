// Apart from the emitter so that the CLI and the project compile can name the folder without loading the target.
/**
 * The folder of binary files for a compose file of this name: the name without `.yaml`/`.yml`, plus `.files`
 * (`compose.yaml` → `compose.files`, `prod.yml` → `prod.files`), so two compose files in one folder never share it.
 *
 * @example
 * ```ts
 * import { compile, filesFolderFor } from "scorec";
 * const result = compile({ sources, filesFolder: filesFolderFor("deploy/prod.yaml") }); // bind mounts read ./prod.files/…
 * for (const f of result.binaryFiles ?? []) writeFileSync(`deploy/${f.path}`, f.bytes, { mode: f.mode });
 * ```
 */
export function filesFolderFor(composeFileName: string): string {
  const name = composeFileName.slice(composeFileName.lastIndexOf("/") + 1);
  const stem = name.replace(/\.ya?ml$/i, "");
  return `${stem === "" ? "compose" : stem}.files`;
}
