import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths.js";

/** scorec as users get it: the packed tarball installed into a fresh project. */
export interface InstalledPackage {
  /** The installed launcher, `node_modules/scorec/bin/scorec.js` (what `npx scorec` and `node_modules/.bin/scorec` run). */
  bin: string;
  /** Removes the temp project. */
  remove: () => void;
}

/**
 * `npm pack` of this repository (no scripts: `npm run bench` has just built dist/) and `npm install` of the tarball
 * into a new temp project, the way an app repository installs it.
 */
export function installPackedPackage(): InstalledPackage {
  const dir = mkdtempSync(join(tmpdir(), "scorec-bench-installed-"));
  try {
    execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack wrote no tarball into ${dir}`);
    const app = join(dir, "app");
    execFileSync("mkdir", [app]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "bench-app", private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", join(dir, tarball)], {
      cwd: app,
      stdio: ["ignore", "ignore", "inherit"],
    });
    return {
      bin: join(app, "node_modules/scorec/bin/scorec.js"),
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
