import { createTwoFilesPatch } from "diff";
import type { OutputFile, ResolvedApp } from "../../model/resolved.js";
import { maskSecrets } from "../mask-secrets.js";
import type { BuildResource, BuildResult } from "./compile-project.js";
import type { ProjectBuild } from "./load-project.js";

/** A rule as a diff shows it: its id, whether it is a built-in default, and `file:line:col`. */
export interface DiffRule {
  id: string;
  builtin: boolean;
  location: string;
}

/** A resource whose winning rule changed (or that appeared or disappeared). */
export interface RuleChange {
  uid: string;
  /** `workload.resource` for every Score declaration of it. */
  names: string[];
  old?: DiffRule;
  new?: DiffRule;
}

/** An output of a resource that changed. Secret outputs carry no value: only that they changed. */
export interface OutputChange {
  uid: string;
  names: string[];
  key: string;
  secret: boolean;
  change: "added" | "removed" | "changed";
  /** Plain outputs only, as JSON text. */
  old?: string;
  new?: string;
}

/** One build compared between the base and the head. */
export interface BuildDiff {
  env: string;
  target: string;
  output: string;
  /** "added"/"removed": the build exists on one side only. */
  status: "changed" | "unchanged" | "added" | "removed";
  rules: RuleChange[];
  outputs: OutputChange[];
  workloads: { name: string; change: "added" | "removed" | "changed" }[];
  files: { path: string; change: "added" | "removed" | "changed" }[];
  /** A unified diff of every changed file, secrets masked as `<secret 1a2b3c4d>`. */
  diff: string;
}

/** Makes the unified diff of one file, as `createTwoFilesPatch(oldName, newName, oldText, newText)` of the `diff` package. */
export type FilePatcher = (oldName: string, newName: string, oldText: string, newText: string) => string;

/** What changes from the base to the head, per build. */
export interface ProjectDiff {
  changed: boolean;
  builds: BuildDiff[];
}

/**
 * Compares two compiles of a project (the base, e.g. the main branch, and the head): per build, resources whose
 * winning rule changed, outputs that changed (secret ones: "changed" only, never a value), workloads and files whose
 * artifacts changed, and a unified diff of the artifacts with each side's secrets masked. Builds are matched by
 * environment, target and output. File paths are shown under the build's output (a folder) or beside its file.
 *
 * @example
 * ```ts
 * import { compileProject, diffProjects } from "scorec";
 * const d = diffProjects(compileProject(base).builds, compileProject(head).builds);
 * if (d.changed) console.log(d.builds.filter((b) => b.status !== "unchanged").map((b) => b.env));
 * ```
 */
export function diffProjects(
  base: readonly BuildResult[],
  head: readonly BuildResult[],
  options: { patch?: FilePatcher } = {},
): ProjectDiff {
  const patch = options.patch ?? wholeFilePatch;
  const key = (b: ProjectBuild) => `${b.env}\u0000${b.target}\u0000${b.output}`;
  const baseByKey = new Map(base.map((b) => [key(b.build), b]));
  const headKeys = new Set(head.map((b) => key(b.build)));
  const builds: BuildDiff[] = [];
  for (const h of head) builds.push(diffBuild(baseByKey.get(key(h.build)), h, patch));
  for (const b of base) if (!headKeys.has(key(b.build))) builds.push(diffBuild(b, undefined, patch));
  return { changed: builds.some((b) => b.status !== "unchanged"), builds };
}

const wholeFilePatch: FilePatcher = (oldName, newName, oldText, newText) =>
  createTwoFilesPatch(oldName, newName, oldText, newText, "", "", { context: 3 });

function diffBuild(base: BuildResult | undefined, head: BuildResult | undefined, patch: FilePatcher): BuildDiff {
  const build = (head ?? base)!.build;
  const rules = ruleChanges(base, head);
  const outputs = outputChanges(base?.resources ?? [], head?.resources ?? []);
  const workloads = workloadChanges(base?.app, head?.app);
  const { files, diff } = fileChanges(build, base, head, patch);
  const status = !base
    ? "added"
    : !head
      ? "removed"
      : rules.length + outputs.length + workloads.length + files.length > 0
        ? "changed"
        : "unchanged";
  return { env: build.env, target: build.target, output: build.output, status, rules, outputs, workloads, files, diff };
}

function ruleOf(r: BuildResource, result: BuildResult): DiffRule {
  return { id: r.rule.id, builtin: r.rule.builtin, location: result.ruleLocation(r.rule) };
}

function ruleChanges(baseResult: BuildResult | undefined, headResult: BuildResult | undefined): RuleChange[] {
  const old = new Map((baseResult?.resources ?? []).map((r) => [r.uid, r]));
  const now = new Map((headResult?.resources ?? []).map((r) => [r.uid, r]));
  const out: RuleChange[] = [];
  for (const uid of sortedUnion(old.keys(), now.keys())) {
    const o = old.get(uid);
    const n = now.get(uid);
    if (o && n && o.rule.id === n.rule.id && o.rule.builtin === n.rule.builtin) continue;
    out.push({
      uid,
      names: (n ?? o)!.names,
      ...(o ? { old: ruleOf(o, baseResult!) } : {}),
      ...(n ? { new: ruleOf(n, headResult!) } : {}),
    });
  }
  return out;
}

function outputChanges(base: readonly BuildResource[], head: readonly BuildResource[]): OutputChange[] {
  const old = new Map(base.map((r) => [r.uid, r]));
  const out: OutputChange[] = [];
  for (const n of head) {
    const o = old.get(n.uid);
    if (!o) continue; // a new resource: its rule change says it all
    for (const secret of [false, true]) {
      const before = secret ? o.secrets : o.outputs;
      const after = secret ? n.secrets : n.outputs;
      for (const k of sortedUnion(Object.keys(before), Object.keys(after))) {
        const had = Object.hasOwn(before, k);
        const has = Object.hasOwn(after, k);
        const a = had ? JSON.stringify(before[k]) : undefined;
        const b = has ? JSON.stringify(after[k]) : undefined;
        if (a === b) continue;
        const change = !had ? "added" : !has ? "removed" : "changed";
        out.push({
          uid: n.uid,
          names: n.names,
          key: k,
          secret,
          change,
          ...(secret ? {} : { ...(a !== undefined ? { old: a } : {}), ...(b !== undefined ? { new: b } : {}) }),
        });
      }
    }
  }
  return out;
}

// A workload's artifacts change when its substituted containers change or any resource it uses changes.
function workloadChanges(base: ResolvedApp | undefined, head: ResolvedApp | undefined): BuildDiff["workloads"] {
  const print = (app: ResolvedApp | undefined) => {
    const resources = new Map(
      (app?.resources ?? []).map((r) => [r.uid, JSON.stringify([r.rule, r.outputs, r.secrets, r.artifacts, r.params])]),
    );
    return new Map(
      (app?.workloads ?? []).map((w) => [
        w.name,
        JSON.stringify([w.spec, w.containers, Object.values(w.resourceUids).map((uid) => resources.get(uid))]),
      ]),
    );
  };
  const old = print(base);
  const now = print(head);
  const out: BuildDiff["workloads"] = [];
  for (const name of sortedUnion(old.keys(), now.keys())) {
    const o = old.get(name);
    const n = now.get(name);
    if (o === n) continue;
    out.push({ name, change: o === undefined ? "added" : n === undefined ? "removed" : "changed" });
  }
  return out;
}

function fileChanges(
  build: ProjectBuild,
  base: BuildResult | undefined,
  head: BuildResult | undefined,
  patch: FilePatcher,
): { files: BuildDiff["files"]; diff: string } {
  const old = shownFiles(build, base);
  const now = shownFiles(build, head);
  const files: BuildDiff["files"] = [];
  let diff = "";
  for (const path of sortedUnion(old.keys(), now.keys())) {
    const o = old.get(path);
    const n = now.get(path);
    if (sameContent(o, n)) continue;
    files.push({ path, change: o === undefined ? "added" : n === undefined ? "removed" : "changed" });
    const a = o === undefined ? "/dev/null" : `a/${path}`;
    const b = n === undefined ? "/dev/null" : `b/${path}`;
    // A binary file is one line, as git shows it: its bytes are no text to diff (and hold no compiled secret).
    if (typeof o === "object" || typeof n === "object") diff += `Binary files ${a} and ${b} differ\n`;
    else diff += patch(a, b, o ?? "", n ?? "");
  }
  return { files, diff };
}

/** A build's file as diffed: masked text, or a binary file's bytes and mode. */
type Shown = string | { bytes: Uint8Array; mode: number };

function sameContent(a: Shown | undefined, b: Shown | undefined): boolean {
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  return a.mode === b.mode && a.bytes.length === b.bytes.length && a.bytes.every((x, i) => x === b.bytes[i]);
}

// The build's files by the path a user sees, each masked with its own side's secrets.
function shownFiles(build: ProjectBuild, result: BuildResult | undefined): Map<string, Shown> {
  const out = new Map<string, Shown>();
  if (!result) return out;
  const files: readonly OutputFile[] = result.files;
  const folder = build.output.endsWith("/");
  const beside = build.output.slice(0, build.output.lastIndexOf("/") + 1);
  files.forEach((f, i) => {
    const secretsFile = build.secretsOutput !== undefined && i === files.length - 1;
    const path = secretsFile
      ? build.secretsOutput!
      : folder
        ? build.output + f.path
        : i === 0
          ? build.output
          : beside + f.path;
    out.set(path, maskSecrets(f.text, result.secrets));
  });
  // Binary files sit beside the main file (or in the output folder), as the CLI writes them.
  for (const f of result.binaryFiles ?? []) out.set((folder ? build.output : beside) + f.path, f);
  return out;
}

function sortedUnion(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort();
}
