import { placeholderTokens } from "../../placeholders/lexer.js";
import type { Interpolated, Segment } from "../../placeholders/types.js";

/** A segment that may carry a target-native reference (compose `${VAR}`) that must reach the output unescaped. */
type MaybeVerbatim = Segment & { verbatim?: boolean };

/** Doubles every `$` so that Compose's interpolation (`$X`, `${X}`, `$$`) gives the literal text back. */
export function escapeDollars(text: string): string {
  return text.replaceAll("$", "$$$$");
}

/**
 * Writes a substituted value for Compose: literal pieces get every `$` doubled, pieces marked `verbatim` (a Compose
 * `${VAR}` reference produced on purpose, e.g. by the environment resource) are kept as they are.
 */
export function composeText(value: Interpolated): string {
  return value.segments.map((s: MaybeVerbatim) => (s.verbatim === true ? s.text : escapeDollars(s.text))).join("");
}

/**
 * Writes a command, args or probe entry for Compose. These strings are not placeholder-expanded (score-compose and
 * score-k8s leave them alone), but Score's `$$` escape still means one `$`; every `$` that reaches the container is
 * then doubled. On score-compose's 47 `PrepareEnvVariables` vectors this gives the same output, and it also covers the
 * cases its regex misses (`a$B`, where Compose would interpolate `$B`).
 */
export function composeCommandText(text: string): string {
  return placeholderTokens(text)
    .map((t) => escapeDollars(t.kind === "escape" ? t.text : t.kind === "ref" ? t.raw : t.text))
    .join("");
}
