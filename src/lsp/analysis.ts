import { relative, resolve as resolvePath } from "node:path";
import { checkRules } from "../api/check-rules.js";
import { explain, type ExplainResult } from "../api/explain.js";
import { resolve } from "../api/resolve.js";
import { fileReader } from "../node/inputs.js";
import { nodeIO } from "../node/node-io.js";
import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/source.js";
import type { ResolvedApp } from "../model/resolved.js";
import { builtinRules } from "../rules/defaults/index.js";
import { loadRules } from "../rules/load.js";
import type { Rule, RulesTable } from "../rules/types.js";
import { defaultBuilds, type Build, type Project } from "./project.js";
import type { Workspace } from "./workspace.js";

// Derived secrets only reach the editor masked, so any fixed seed gives the same view; it also spares every file
// the CLI's "no seed was given" warning, which has no place in a file.
const EDITOR_SEED = "scorec-lsp";

/**
 * One snapshot of a project's texts and what the library says about it. Everything is computed on first use and
 * kept for the snapshot: a hover right after a check costs nothing more.
 */
export class Analysis {
  readonly scoreSources: SourceFile[];
  readonly rulesSources: SourceFile[];
  private readonly memo = new Map<string, unknown>();

  constructor(
    readonly project: Project,
    workspace: Workspace,
  ) {
    const read = (paths: readonly string[]) =>
      paths.flatMap((p) => {
        const text = workspace.text(p);
        return text === undefined ? [] : [{ path: this.rel(p), text }];
      });
    this.scoreSources = read(project.scoreFiles);
    this.rulesSources = read(project.rulesFiles);
  }

  /** A path as the library sees it: relative to the project folder, as if `scorec` ran there. */
  rel(path: string): string {
    return relative(this.project.root, path) || path;
  }

  /** The absolute path of a file the library names. */
  abs(file: string): string {
    return resolvePath(this.project.root, file);
  }

  /** The merged rules tables, when they load. */
  get table(): RulesTable | undefined {
    return this.once("table", () => (this.rulesSources.length > 0 ? loadRules(this.rulesSources).table : undefined));
  }

  /** The builds, the first one driving diagnostics, completion and placeholder hovers. */
  get builds(): Build[] {
    return this.once("builds", () => this.project.builds ?? defaultBuilds(this.table));
  }

  get firstBuild(): Build {
    return this.builds[0]!;
  }

  /**
   * What `scorec` reports for the project in its first build: schema, semantics, placeholders and rule resolution
   * of the Score files (the library's resolve, located in each file), plus `scorec rules check` of the rules tables.
   */
  get diagnostics(): Diagnostic[] {
    return this.once("diagnostics", () => {
      const all = this.scoreSources.length > 0 ? [...this.resolution(this.firstBuild).diagnostics] : [];
      if (this.rulesSources.length > 0) all.push(...checkRulesCached(this.rulesSources));
      return sortDiagnostics(all);
    });
  }

  /** The library's resolution of the whole project (or of `sources`) in a build (the app only when nothing is an error). */
  resolution(
    build: Build,
    sources: readonly SourceFile[] = this.scoreSources,
  ): { app?: ResolvedApp; diagnostics: Diagnostic[] } {
    if (sources !== this.scoreSources) return resolve({ ...this.request(build), sources, seed: EDITOR_SEED });
    return this.once(`resolve:${build.environment}:${build.target}`, () =>
      resolve({ ...this.request(build), seed: EDITOR_SEED }),
    );
  }

  /**
   * The resolved app of a build for a feature on one file: the whole project's, else (an error elsewhere) the file's
   * own, since its resources' rules and outputs depend on its declarations, the app and the environment.
   */
  appFor(build: Build, path: string): ResolvedApp | undefined {
    const whole = this.resolution(build).app;
    if (whole) return whole;
    const own = this.ownSource(path);
    return own
      ? this.once(
          `resolve-own:${own.path}:${build.environment}:${build.target}`,
          () => this.resolution(build, [own]).app,
        )
      : undefined;
  }

  /** A Score file of the project as the library sees it. */
  ownSource(path: string): SourceFile | undefined {
    return this.scoreSources.find((s) => s.path === this.rel(path));
  }

  /** The library's explanation of rule selection in a build. */
  explanation(build: Build, sources: readonly SourceFile[] = this.scoreSources): ExplainResult {
    if (sources !== this.scoreSources) return explain({ ...this.request(build), sources });
    return this.once(`explain:${build.environment}:${build.target}`, () => explain(this.request(build)));
  }

  /** A rule by id: the project's own, or a built-in default of the build's target. */
  rule(id: string, builtin: boolean, build: Build): Rule | undefined {
    const table = builtin ? builtinRules(build.target).table : this.table;
    return table?.rules.find((r) => r.id === id);
  }

  private request(build: Build) {
    return {
      sources: this.scoreSources,
      rules: this.rulesSources,
      environment: build.environment,
      target: build.target,
      app: this.project.app,
      readFile: fileReader({ ...nodeIO(), cwd: this.project.root }),
    };
  }

  private once<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }
}

// The static check of the rules tables depends on their texts only, and a Score file changes far more often.
let lastRulesCheck: { key: string; diagnostics: Diagnostic[] } | undefined;
function checkRulesCached(sources: readonly SourceFile[]): Diagnostic[] {
  const key = JSON.stringify(sources.map((s) => [s.path, s.text]));
  if (lastRulesCheck?.key !== key) lastRulesCheck = { key, diagnostics: checkRules(sources).diagnostics };
  return lastRulesCheck.diagnostics;
}
