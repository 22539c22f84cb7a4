import { distance } from "fastest-levenshtein";

/**
 * The candidate closest to a misspelt name, when it is close enough to suggest (at most a quarter of the shorter
 * name's characters differ, and at least one may); undefined otherwise. Ties go to the first candidate in sorted order.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of [...candidates].sort()) {
    if (c === name) continue;
    const d = distance(name, c);
    if (d < bestDistance && d <= Math.max(1, Math.floor(Math.min(name.length, c.length) / 4))) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
