/** A piece of a substituted string. Secret pieces came from secret outputs and must never reach plain text. */
export interface Segment {
  text: string;
  secret: boolean;
  /**
   * A target-native reference that must reach the output exactly as written, e.g. the `${NAME}` that the compose
   * `environment` rule yields through `interpolate(NAME)`: targets must not escape `$` in it.
   */
  verbatim?: boolean;
  /**
   * Set on a piece that stands for a secret living elsewhere (`secretRef(name, key)` in a rule): its text is the
   * Compose interpolation that reads it; the Kubernetes and Helm targets reference the Secret instead. Never merged
   * with a neighbouring piece.
   */
  ref?: SecretRef;
}

/** A key of a Kubernetes Secret that exists outside scorec's output (pre-created, External Secrets, Sealed Secrets). */
export interface SecretRef {
  name: string;
  key: string;
}

/**
 * A string after placeholder substitution, remembering which pieces are secret, so that each target can route
 * secrets safely (a Kubernetes Secret, the chart's Secret) while plain pieces stay plain.
 */
export interface Interpolated {
  segments: Segment[];
}

/** The result of looking up one reference. */
export type LookupResult =
  /**
   * `segments`, when given, spell a string value piece by piece (some pieces may be verbatim); substitution inserts
   * them as they are instead of one piece made from `value`.
   */
  | { ok: true; value: unknown; secret: boolean; segments?: Segment[] }
  | { ok: false; code: "PLACEHOLDER_INVALID_REF" | "PLACEHOLDER_UNKNOWN_OUTPUT"; message: string; hint?: string };

/**
 * Resolves the parts of a `${...}` reference (already split on unescaped dots). The spine supplies one for
 * `metadata.*`; the resolve stage adds `resources.NAME.KEY...` backed by the outputs of the winning rules.
 */
export interface PlaceholderResolver {
  lookup(parts: readonly string[], ref: string): LookupResult;
}

/** Joins the segments of an interpolated string into its full text (secrets included). */
export function textOf(value: Interpolated): string {
  return value.segments.map((s) => s.text).join("");
}

/** True when any piece of the string came from a secret. */
export function isSecret(value: Interpolated): boolean {
  return value.segments.some((s) => s.secret);
}

/** Wraps a plain string as an interpolated string without secrets. */
export function plain(text: string): Interpolated {
  return { segments: text === "" ? [] : [{ text, secret: false }] };
}
