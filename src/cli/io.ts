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
 * Everything the CLI needs from the outside world. The real implementation is in node-io.ts; tests pass an
 * in-memory one, so the whole CLI runs in-process without touching the disk.
 */
export interface CliIO {
  /** Absolute path of the working directory; relative paths are resolved against it. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** True when stdout is a terminal (code frames and colours are allowed). */
  stdoutIsTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a file; throws IoError with a readable message. With `maxBytes`, stops after maxBytes + 1 bytes, so the
   * caller can tell that the file is too large without reading all of it (or an endless stream such as /dev/zero).
   */
  readFile(path: string, maxBytes?: number): Uint8Array;
  /** Reads a file that must stay inside `root` once symlinks are resolved; throws IoError otherwise. */
  readFileWithin(root: string, path: string): Uint8Array;
  /** Reads a file if it exists, else undefined; throws IoError for other failures. */
  readFileIfExists(path: string): Uint8Array | undefined;
  /** True when a file or folder exists at the path. */
  exists(path: string): boolean;
  /**
   * Writes files all-or-nothing: each goes to a temp file beside it and is renamed into place only after every
   * temp file is written. Refuses symlinks and directories as targets. Throws IoError.
   */
  writeFilesAtomic(files: readonly { path: string; text: string }[]): void;
  /** Creates a new file; returns false (and writes nothing) when something already exists at the path. Throws IoError. */
  createFile(path: string, text: string): boolean;
}
