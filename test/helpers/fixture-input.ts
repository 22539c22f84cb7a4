import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { CompileInput } from "../../src/index.js";
import type { TargetName } from "../../src/model/resolved.js";
import { readText } from "./corpus.js";

/**
 * options.json of a fixture folder, the one format of every golden suite (compose, kubernetes, helm). Every field is
 * optional; the folder's files give the defaults.
 */
export interface FixtureOptions {
  description?: string;
  /** Score files; default: every .yaml/.yml file not named rules*, patch* or overrides*. */
  score?: string[];
  /** Rules tables; default: every rules*.yaml file. */
  rules?: string[];
  /** Patch files to apply; default: the target's patch-<target>* files (kubernetes: every patch* file). */
  patches?: string[];
  /** One file per manifest (kubernetes). */
  split?: boolean;
  env?: string;
  app?: string;
  /** null: no seed at all (the default is "golden"). */
  seed?: string | null;
  /** `--secrets-output`: the second file's path. */
  secretsOutput?: string;
  namespace?: string;
  /** --publish entries (compose). */
  publish?: string[];
  image?: string;
  overridesFile?: string;
  overrideProperties?: string[];
  noDefaultRules?: boolean;
}

/** A fixture folder read once: its options and file lists. */
export interface Fixture {
  dir: string;
  name: string;
  options: FixtureOptions;
  scoreFiles: string[];
  rulesFiles: string[];
  /** `patch-<target>*.yaml` files by target; any other `patch*` file is in `otherPatches`. */
  patches: Record<"helm" | "kubernetes", string[]>;
  otherPatches: string[];
}

/** Reads a fixture folder: Score files, rules*.yaml, patch-helm* / patch-kubernetes* files, options.json. */
export function readFixture(dir: string, name: string): Fixture {
  const options: FixtureOptions = existsSync(`${dir}/options.json`) ? JSON.parse(readText(`${dir}/options.json`)) : {};
  const files = readdirSync(dir).sort();
  const yamlFiles = files.filter((f) => /\.ya?ml$/.test(f));
  const patchFiles = files.filter((f) => /^patch.*\.(ya?ml|json)$/.test(f));
  return {
    dir,
    name,
    options,
    scoreFiles: options.score ?? yamlFiles.filter((f) => !/^(rules|patch|overrides)/.test(f)),
    rulesFiles: options.rules ?? yamlFiles.filter((f) => f.startsWith("rules")),
    patches: {
      helm: patchFiles.filter((f) => f.startsWith("patch-helm")),
      kubernetes: patchFiles.filter((f) => f.startsWith("patch-kubernetes")),
    },
    otherPatches: patchFiles.filter((f) => !f.startsWith("patch-helm") && !f.startsWith("patch-kubernetes")),
  };
}

/**
 * The compile input of a fixture for one target. Patches: `options.patches`, else that target's `patch-<target>*`
 * files (none for compose), unless the caller names others.
 */
export function fixtureInput(
  fixture: Fixture,
  target: TargetName,
  patches: readonly string[] = fixture.options.patches ?? (target === "compose" ? [] : fixture.patches[target]),
): CompileInput {
  const { dir, options } = fixture;
  const source = (f: string) => ({ path: f, text: readText(`${dir}/${f}`) });
  return {
    sources: fixture.scoreFiles.map(source),
    target,
    rules: fixture.rulesFiles.map(source),
    patches: patches.map(source),
    app: options.app ?? fixture.name,
    ...(options.seed === null ? {} : { seed: options.seed ?? "golden" }),
    ...(options.secretsOutput !== undefined ? { secretsOutput: options.secretsOutput } : {}),
    readFile: (path) => {
      const file = `${dir}/${path.replace(/^(\.\/)+/, "")}`;
      return existsSync(file) ? readFileSync(file) : { error: "no such file" };
    },
    ...(options.env ? { environment: options.env } : {}),
    ...(options.publish ? { publish: options.publish } : {}),
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.noDefaultRules ? { noDefaultRules: true } : {}),
    ...(options.image || options.overridesFile || options.overrideProperties
      ? {
          overrides: {
            ...(options.image ? { image: options.image } : {}),
            ...(options.overridesFile ? { file: source(options.overridesFile) } : {}),
            ...(options.overrideProperties ? { properties: options.overrideProperties } : {}),
          },
        }
      : {}),
  };
}
