import { distance } from "fastest-levenshtein";

/**
 * The known name closest to `name` by edit distance, when it is close enough to be a typo (1 edit for names of 2-3
 * characters, 2 up to 5, 3 beyond; none for shorter names), case-insensitively; undefined otherwise. Ties go to the first in sorted
 * order, so the suggestion is deterministic. One helper for every "did you mean" of scorec.
 *
 * @example
 * ```ts
 * closestName("contianers", ["apiVersion", "containers", "metadata"]); // "containers"
 * ```
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of [...new Set(known)].sort()) {
    if (candidate === name) return undefined;
    const d = distance(lower, candidate.toLowerCase());
    const length = Math.min(name.length, candidate.length);
    const limit = length <= 1 ? 0 : length <= 3 ? 1 : length <= 5 ? 2 : 3;
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `did you mean "x"?` for a hint, or undefined when no known name is close. */
export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  const close = closestName(name, known);
  return close === undefined ? undefined : `did you mean ${JSON.stringify(close)}?`;
}
