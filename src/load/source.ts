/** An input file as the library sees it: a path for messages and the text already decoded. */
export interface SourceFile {
  /** The path shown in diagnostics; the library never opens it. */
  path: string;
  text: string;
}

/** Limits that keep hostile input from exhausting memory or the stack. */
export interface LoadLimits {
  /** Largest accepted file, in UTF-16 code units of the decoded text. */
  maxFileSize: number;
  /** Most value nodes one document may expand to, counting every alias expansion. */
  maxNodes: number;
  /** Deepest nesting of mappings and sequences. */
  maxDepth: number;
}

/** Default limits: far beyond any real Score file, well below what hurts a developer machine. */
export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  maxFileSize: 8 * 1024 * 1024,
  maxNodes: 1_000_000,
  maxDepth: 200,
};
