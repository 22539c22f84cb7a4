import { distance } from "fastest-levenshtein";

/**
 * The candidate closest to a misspelt name, when it is close enough to suggest (one edit in a short name, two from
 * five characters, a third of a long one); undefined otherwise. Ties go to the first candidate in sorted order.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of [...candidates].sort()) {
    if (c === name) continue;
    const d = distance(name, c);
    const shorter = Math.min(name.length, c.length);
    if (d < bestDistance && d <= (shorter < 5 ? 1 : Math.max(2, Math.floor(shorter / 3)))) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
