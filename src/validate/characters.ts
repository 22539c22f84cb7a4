import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceDocument } from "../load/yaml-document.js";
import type { Workload } from "../score/types.js";

// Control characters, invisible format characters (zero-width space, joiners, bidi overrides, BOM) and line/paragraph
// separators: in a name or path they make two different names look alike, or break the file that carries them.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
// An image reference never holds whitespace; a newline in it would also turn into YAML structure downstream.
const NOT_IN_IMAGE = /[\s\p{Cc}\p{Cf}]/u;
// Printable ASCII holds none of them (but the space, which images must not hold): nearly every name and image is
// decided by this cheap pattern, and a cold start does not compile the Unicode property classes above.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const hiddenIn = (text: string): RegExpExecArray | null => (PRINTABLE_ASCII.test(text) ? null : HIDDEN.exec(text));

/**
 * Names that reach the container or the platform (variable names, file and volume targets) must not hold control or
 * invisible characters; values passed to a process (variables, command, args) must not hold NUL, which ends a C
 * string; an image must not hold whitespace. The schema allows all of these.
 */
export function checkCharacters(workload: Workload, locate: SourceDocument["locate"]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [c, container] of Object.entries(workload.containers)) {
    const base = ["containers", c];
    if (
      container.image.includes(" ") ||
      (!PRINTABLE_ASCII.test(container.image) && NOT_IN_IMAGE.test(container.image))
    ) {
      out.push(
        error(
          "SCORE_IMAGE_INVALID",
          `containers.${c}.image ${JSON.stringify(container.image)} holds whitespace or a control character`,
          locate([...base, "image"], "value"),
        ),
      );
    }
    for (const field of ["variables", "files", "volumes"] as const) {
      for (const name of Object.keys(container[field] ?? {})) {
        const found = hiddenIn(name);
        if (found)
          out.push(
            hidden(
              `containers.${c}.${field} key ${JSON.stringify(name)}`,
              found[0],
              locate([...base, field, name], "key"),
            ),
          );
      }
    }
    for (const [name, value] of Object.entries(container.variables ?? {})) {
      if (value.includes("\0"))
        out.push(hidden(`containers.${c}.variables.${name}`, "\0", locate([...base, "variables", name], "value")));
    }
    for (const field of ["command", "args"] as const) {
      (container[field] ?? []).forEach((value, i) => {
        if (value.includes("\0"))
          out.push(hidden(`containers.${c}.${field}[${i}]`, "\0", locate([...base, field, i], "value")));
      });
    }
  }
  return out;
}

function hidden(what: string, char: string, at: ReturnType<SourceDocument["locate"]>): Diagnostic {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return error(
    "SCORE_INVALID_CHARACTER",
    `${what} holds the invisible or control character ${code}`,
    at,
    "remove it; retype the name if it was pasted",
  );
}
