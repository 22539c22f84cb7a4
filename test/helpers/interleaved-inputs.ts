import type { CompileInput } from "../../src/index.js";

/** A compile input as JSON can carry it (file sources are served from `files`). */
export interface InputSpec {
  input: Omit<CompileInput, "readFile">;
  files?: Record<string, string>;
}

/** The input a spec stands for; `onRead` runs inside the compile, whenever it reads a file source. */
export function compileInput(spec: InputSpec, onRead?: () => void): CompileInput {
  const files = spec.files;
  if (!files) return spec.input;
  return {
    ...spec.input,
    readFile: (path) => {
      onRead?.();
      const text = files[path];
      return text === undefined ? { error: "no such file" } : new TextEncoder().encode(text);
    },
  };
}
