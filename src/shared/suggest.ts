// "Did you mean" for misspelt section headings, ids and template keys.
import { distance } from 'fastest-levenshtein';

/** The candidate closest to `word`, if it is close enough to be a plausible misspelling. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  // Edit distance costs the product of the lengths: no misspelling is this long.
  if (word.length > 80) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}
