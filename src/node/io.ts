/** Exit codes of the scorec command line; every value has one meaning. */
export const ExitCode = {
  /** Success (warnings allowed). */
  OK: 0,
  /** Invalid input or compile errors. */
  INVALID: 1,
  /** The command line itself is wrong. */
  USAGE: 2,
  /** `--check` found that files on disk differ from what scorec generates. */
  DRIFT: 3,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An I/O failure, described for a user. */
export class IoError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly unsafe = false,
  ) {
    super(message);
    this.name = "IoError";
  }
}

/**
 * What is at a path, symlinks followed: nothing, a regular file, a folder, or something else (a device, a FIFO, a
 * socket); the writer decides what it may do with the last kind.
 */
export type PathKind = "missing" | "file" | "directory" | "special";

/**
 * Everything the CLI needs from the outside world. The real implementation is in node-io.ts; tests pass an
 * in-memory one, so the whole CLI runs in-process without touching the disk.
 */
export interface CliIO {
  /** Absolute path of the working directory; relative paths are resolved against it. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** True when stderr, where diagnostics go, is a terminal: they get code frames and colours. */
  stderrIsTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Resolves once everything written to stdout and stderr has been handed to the system; throws IoError when stdout
   * could not take it (a full disk). A reader that went away is not an error: the rest of the output is dropped.
   */
  flush(): Promise<void>;
  /**
   * Reads a file; throws IoError with a readable message. With `maxBytes`, stops after maxBytes + 1 bytes, so the
   * caller can tell that the file is too large without reading all of it (or an endless stream such as /dev/zero).
   */
  readFile(path: string, maxBytes?: number): Uint8Array;
  /** Reads a file that must stay inside `root` once symlinks are resolved; throws IoError otherwise. */
  readFileWithin(root: string, path: string): Uint8Array;
  /** Reads a file if it exists, else undefined; throws IoError for other failures. */
  readFileIfExists(path: string): Uint8Array | undefined;
  /** What is at the path (symlinks followed). */
  pathKind(path: string): PathKind;
  /** Names of the regular files (not symlinks, not folders) directly inside a folder; [] when it does not exist. */
  listFiles(dir: string): string[];
  /**
   * Writes files all-or-nothing where the path allows it: a new path or a regular file gets a temp file beside it,
   * renamed into place only after every temp file is written; a character device or a FIFO (`/dev/null`,
   * `/dev/stdout`) is written in place. Refuses symlinks to files, folders and other special files before writing
   * anything. Text is written as UTF-8, bytes as they are; a file with `mode` gets exactly that mode (not masked by
   * the umask). Throws IoError.
   */
  writeFiles(files: readonly { path: string; text: string | Uint8Array; mode?: number }[]): void;
  /**
   * The regular files under `root` that a glob matches (`*`, `**`, `?`, `{a,b}`, `[ab]`), as sorted paths relative to
   * `root` with "/" separators.
   */
  glob(root: string, pattern: string): string[];
  /** Removes regular files (left-overs of an earlier compile). Throws IoError. */
  removeFiles(paths: readonly string[]): void;
  /** Removes a folder when it is empty; one that holds anything, or is gone, is left as it is. Throws IoError. */
  removeEmptyFolder(path: string): void;
  /** Creates a new file; returns false (and writes nothing) when something already exists at the path. Throws IoError. */
  createFile(path: string, text: string): boolean;
}
