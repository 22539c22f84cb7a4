import type { ArgumentsCamelCase, Argv } from "yargs";

/** The parsed arguments a builder's options give a command handler. */
export type ArgsOf<B> = B extends (y: never) => Argv<infer U> ? ArgumentsCamelCase<U> : never;

const TARGETS = ["compose", "kubernetes", "helm"] as const;

/** Options every command takes. */
export function globalOptions<T>(y: Argv<T>) {
  return y
    .option("format", {
      choices: ["text", "json", "github"] as const,
      default: "text" as const,
      requiresArg: true,
      describe: "Diagnostics and report format (json: one JSON document on stdout)",
      global: true,
    })
    .option("color", {
      type: "boolean",
      describe: "Colour diagnostics (default: when standard error, where they go, is a terminal and NO_COLOR is unset)",
      global: true,
    });
}

/** What every command has once the global options are parsed. */
export type GlobalArgs = ArgsOf<typeof globalOptions<object>>;

/** The score-compose compatible override options, for the commands that read Score files and the project commands. */
function overrideOptions<T>(y: Argv<T>) {
  return y
    .option("overrides-file", {
      type: "string",
      requiresArg: true,
      describe: "YAML file deep-merged onto every Score file",
    })
    .option("override-property", {
      type: "string",
      array: true,
      requiresArg: true,
      describe: "PATH=VALUE override (repeatable; empty VALUE deletes)",
      coerce: overridePropertySyntax,
    });
}

/** The Score files positional and the score-compose compatible override options (validate, explain, compile, graph). */
export function scoreOptions<T>(y: Argv<T>) {
  return overrideOptions(
    y.positional("files", { type: "string", array: true, describe: "Score files (default: ./score.yaml)" }),
  ).option("image", {
    type: "string",
    array: true,
    requiresArg: true,
    describe: 'Image for containers whose image is "."; WORKLOAD=IMAGE for one workload (repeatable)',
    coerce: imageOptions,
  });
}

/** A malformed --override-property is a usage error (exit 2), found before any file is read. */
function overridePropertySyntax(entries: unknown): string[] {
  const list = (Array.isArray(entries) ? entries : [entries]).map(String);
  for (const entry of list) {
    const eq = entry.indexOf("=");
    if (eq < 0)
      throw new Error(`--override-property ${JSON.stringify(entry)} has no "=": write PATH=VALUE, or PATH= to delete`);
    if (eq === 0)
      throw new Error(
        `--override-property ${JSON.stringify(entry)} has no PATH before "=": write PATH=VALUE, e.g. containers.web.image=nginx`,
      );
  }
  return list;
}

/** `--image IMAGE` (at most one) and `--image WORKLOAD=IMAGE` (one per workload); an image reference holds no "=". */
function imageOptions(entries: unknown): { image?: string; images: Record<string, string> } {
  const out: { image?: string; images: Record<string, string> } = { images: {} };
  for (const entry of (Array.isArray(entries) ? entries : [entries]).map(String)) {
    const eq = entry.indexOf("=");
    if (eq < 0) {
      if (out.image !== undefined && out.image !== entry)
        throw new Error(
          `--image given twice without a workload ("${out.image}", "${entry}"): write --image WORKLOAD=IMAGE for each workload`,
        );
      out.image = entry;
      continue;
    }
    const [workload, image] = [entry.slice(0, eq), entry.slice(eq + 1)];
    if (!/^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/.test(workload) || image === "")
      throw new Error(
        `--image ${JSON.stringify(entry)}: write WORKLOAD=IMAGE with a workload name (lowercase letters, digits, '-') and an image`,
      );
    if (Object.hasOwn(out.images, workload) && out.images[workload] !== image)
      throw new Error(`--image names workload "${workload}" twice with different images`);
    out.images[workload] = image;
  }
  return out;
}

/** What resolving resources needs: the rules, the environment, the target and the app (explain, compile, graph). */
export function resolveOptions<T>(y: Argv<T>) {
  return scoreOptions(y)
    .option("target", {
      alias: "t",
      choices: TARGETS,
      default: "compose" as const,
      requiresArg: true,
      describe: "Target: what to emit (and what rules match on)",
    })
    .option("rules", {
      alias: "r",
      type: "string",
      array: true,
      requiresArg: true,
      describe: "Rules table file (repeatable)",
    })
    .option("default-rules", {
      type: "boolean",
      default: true,
      describe: "Use the built-in default rules as the lower tier (--no-default-rules to drop them)",
    })
    .option("env", { alias: "e", type: "string", default: "local", requiresArg: true, describe: "Environment id" })
    .option("app", {
      type: "string",
      requiresArg: true,
      describe: "Application id (default: the name of the deepest folder holding every Score file)",
    });
}

/** What a compile needs beyond resolution (compile, graph). */
export function compileOptions<T>(y: Argv<T>) {
  return resolveOptions(y)
    .option("patch", {
      type: "string",
      array: true,
      requiresArg: true,
      describe:
        "RFC 6902 JSON Patch file applied to the output, or a list of { select, patch } applied to each selected object of every workload (repeatable; docs/policies.md)",
    })
    .option("namespace", { type: "string", requiresArg: true, describe: "Kubernetes/Helm namespace" })
    .option("seed", { type: "string", requiresArg: true, describe: "Seed for derived secrets (default: $SCOREC_SEED)" })
    .option("publish", {
      alias: "p",
      type: "string",
      array: true,
      requiresArg: true,
      describe: "Compose: publish HOST:WORKLOAD:PORT (repeatable)",
    });
}

/** `scorec validate`'s arguments. */
export type ScoreArgs = GlobalArgs & ArgsOf<typeof scoreOptions<object>>;
/** `scorec explain`'s arguments. */
export type ResolveArgs = GlobalArgs & ArgsOf<typeof resolveOptions<object>>;
/** The arguments `compile` and `graph` share. */
export type CompileArgs = GlobalArgs & ArgsOf<typeof compileOptions<object>>;

/** The Score files named on the command line, or ./score.yaml. */
export function scoreFiles(args: { files?: string[] | undefined; _: (string | number)[] }): string[] {
  // Names after `--` (for files that start with "-") land in `_` after the command name, not in `files`.
  const files = [...(args.files ?? []), ...args._.slice(1)].map(String);
  return files.length > 0 ? files : ["score.yaml"];
}

/** Normalises a yargs array option into strings; a path given twice counts once (`-r a.yaml -r a.yaml`). */
export function stringList(value: readonly unknown[] | string | undefined): string[] {
  if (value === undefined) return [];
  return [...new Set((Array.isArray(value) ? value : [value]).map(String))];
}

// The project commands (scorec.yaml) and rules check. Their handlers are loaded when they run: they reach every
// target, which a compile must not pay for at start-up.

/** The project file's name, looked up from the working folder upward. */
export const PROJECT_FILE = "scorec.yaml";

/** Options of the project commands (build, diff, outputs). */
export function projectOptions<T>(y: Argv<T>) {
  return overrideOptions(
    y
      .option("project", {
        alias: "p",
        type: "string",
        requiresArg: true,
        describe: `Project file (default: the nearest ${PROJECT_FILE} in the working folder or above)`,
      })
      .option("env", {
        alias: "e",
        type: "string",
        array: true,
        requiresArg: true,
        describe: "Only the builds of this environment (repeatable; default: every build)",
      })
      .option("seed", {
        type: "string",
        requiresArg: true,
        describe: "Seed for derived secrets (default: $SCOREC_SEED)",
      })
      .option("default-rules", {
        type: "boolean",
        default: true,
        describe: "Use the built-in default rules as the lower tier (--no-default-rules to drop them)",
      }),
  );
}

/** What every project command has once parsed. */
export type ProjectArgs = GlobalArgs & ArgsOf<typeof projectOptions<object>>;

/** `scorec build`'s options: the project options and --check. */
export function buildBuilder<T>(y: Argv<T>) {
  return projectOptions(y).option("check", {
    type: "boolean",
    default: false,
    describe: "Write nothing; exit 3 and list every missing, stale and left-over file of every build, with a diff",
  });
}

/** `scorec diff`'s options: the project options, what to compare against, and the report format. */
export function diffBuilder<T>(y: Argv<T>) {
  return projectOptions(y)
    .option("base", {
      type: "string",
      requiresArg: true,
      describe:
        "Another checkout of the repository (e.g. git worktree add ../base origin/main): its project is the old side",
    })
    .option("base-rules", {
      type: "string",
      array: true,
      requiresArg: true,
      describe: "Compare against these rules files instead (same workloads and builds; repeatable)",
    })
    .option("base-seed", {
      type: "string",
      requiresArg: true,
      describe: "Seed of the base side (default: the same as --seed): shows what rotating the seed changes, masked",
    })
    .option("format", {
      choices: ["text", "markdown", "json", "github"] as const,
      default: "text" as const,
      requiresArg: true,
      describe: "Report format: text, markdown (a pull-request comment) or json (one JSON document)",
    });
}

/** `scorec outputs`'s options: the project options. */
export function outputsBuilder<T>(y: Argv<T>) {
  return projectOptions(y);
}

/** `scorec rules check FILE...`'s options. */
export function rulesCheckBuilder<T>(y: Argv<T>) {
  return y
    .positional("files", { type: "string", array: true, demandOption: true, describe: "Rules files, checked together" })
    .option("default-rules", {
      type: "boolean",
      default: true,
      describe: "Let the built-in defaults resolve requirements no rule in the files handles",
    });
}

/** `scorec validate [files...]`'s options: with `-r`, the resolution options too (outputs are checked against rules). */
export function validateBuilder<T>(y: Argv<T>) {
  return resolveOptions(y);
}

/** `scorec explain [files...]`'s options: the same resolution options as compile (one definition). */
export function explainBuilder<T>(y: Argv<T>) {
  return resolveOptions(y).option("seed", {
    type: "string",
    requiresArg: true,
    describe: "Seed for derived secrets, so masked outputs show the compile's hashes (default: $SCOREC_SEED)",
  });
}

/** `scorec graph [files...]`'s options: the compile options plus the diagram language. */
export function graphBuilder<T>(y: Argv<T>) {
  return compileOptions(y).option("syntax", {
    choices: ["mermaid", "dot"] as const,
    default: "mermaid" as const,
    requiresArg: true,
    describe: "Diagram language",
  });
}

/** `scorec init`'s options. */
export function initBuilder<T>(y: Argv<T>) {
  return y
    .option("file", {
      alias: "f",
      type: "string",
      default: "score.yaml",
      requiresArg: true,
      describe: "Score file to create",
    })
    .option("rules", {
      type: "string",
      requiresArg: true,
      describe: "Also create a starter rules table at this path (e.g. rules.yaml)",
    })
    .option("project", {
      type: "boolean",
      default: false,
      describe:
        "Also create a starter project file, scorec.yaml, naming the Score file (and the rules table) and one build per environment",
    });
}

/** What `scorec --help` says about the command. */
export const LSP_DESCRIPTION =
  "Run the language server for editors (diagnostics, completion, hover, go to definition) over standard input and output";

/**
 * The options of `scorec lsp`: only the stdio transport exists, and editors pass `--stdio` by convention. Some
 * clients add `--clientProcessId=PID` (vscode-languageserver then ends the server when that process is gone).
 */
export function lspBuilder<T>(y: Argv<T>) {
  return y
    .option("stdio", {
      type: "boolean",
      demandOption: "give --stdio: the server speaks LSP over standard input and output",
      describe: "Speak LSP over standard input and output",
    })
    .option("clientProcessId", {
      type: "number",
      hidden: true,
      describe: "Process id of the editor; the server exits when it is gone",
    });
}

/** What `scorec graph` has once parsed. */
export type GraphArgs = GlobalArgs & ArgsOf<typeof graphBuilder<object>>;

/** What `scorec init` has once parsed. */
export type InitArgs = GlobalArgs & ArgsOf<typeof initBuilder<object>>;
