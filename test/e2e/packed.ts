import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers/corpus.js";

// The end-to-end tests install scorec the way users do. They share one packed tarball and one temp folder per test
// process (uvu runs every test file in one process), removed when the process exits.

let scratch: string | undefined;
let tarball: string | undefined;

/** A new folder under this process's scratch folder. */
export function tempDir(name: string): string {
  scratch ??= mkdtempSync(join(tmpdir(), "scorec-e2e-"));
  const dir = mkdtempSync(join(scratch, `${name}-`));
  return dir;
}

process.on("exit", () => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** `npm pack` of this repository, once per process (scripts skipped: `npm test` has just built dist/). */
export function packedTarball(): string {
  if (tarball) return tarball;
  if (!existsSync(join(ROOT, "dist/cli/bundle/scorec.cjs")))
    throw new Error("dist/ is missing: run `npm run build` first");
  const dir = tempDir("pack");
  execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const file = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (!file) throw new Error(`npm pack wrote no tarball into ${dir}`);
  tarball = join(dir, file);
  return tarball;
}

/** Runs a command; returns its status and stdout + stderr. */
export function run(
  cmd: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    timeout: 600_000,
  });
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

/** Runs a command that must succeed; throws with its output otherwise. */
export function must(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = run(cmd, args, cwd, env);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.status}:\n${r.out}`);
  return r.out;
}

/** A fresh project folder with a package.json (and a git repository when `git`), nothing installed yet. */
export function emptyProject(name: string, git = false): string {
  const dir = tempDir(name);
  mkdirSync(dir, { recursive: true });
  if (git) gitInit(dir);
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: `scorec-e2e-${name}`, private: true, type: "module" }, null, 2)}\n`,
  );
  return dir;
}

/** A fresh project (a git repository when `git`) with the packed scorec and `extra` npm packages as devDependencies. */
export function npmProject(name: string, extra: readonly string[] = [], git = false): string {
  const dir = emptyProject(name, git);
  must("npm", ["install", "--save-dev", "--no-audit", "--no-fund", "--silent", packedTarball(), ...extra], dir);
  return dir;
}

let repo: { dir: string; rev: string } | undefined;

/** A git repository of scorec at this commit (what CI checked out; uncommitted changes are not part of it). */
export function scorecRepo(): { dir: string; rev: string } {
  if (repo) return repo;
  const dir = join(tempDir("repo"), "scorec");
  must("git", ["clone", "-q", "--no-hardlinks", ROOT, dir], ROOT);
  repo = { dir, rev: must("git", ["rev-parse", "HEAD"], dir).trim() };
  return repo;
}

/** `git init` with a committer identity, so that commits work on a machine without a git config. */
export function gitInit(dir: string): void {
  must("git", ["init", "-q", "-b", "main"], dir);
  must("git", ["config", "user.email", "e2e@scorec.invalid"], dir);
  must("git", ["config", "user.name", "scorec e2e"], dir);
  must("git", ["config", "commit.gpgsign", "false"], dir);
}

/** The README's fenced blocks of one language, in order. */
export function readmeBlocks(lang: string): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === lang).map((m) => m[2]!);
}
