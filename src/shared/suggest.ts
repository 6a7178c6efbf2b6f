// "Did you mean" for misspelt section headings, ids and template keys.
import { distance } from 'fastest-levenshtein';

/** The candidate closest to `word`, if it is close enough to be a plausible misspelling. */
export function closest(word: string, given: Iterable<string>): string | undefined {
  // Read twice (distance, then words): an iterator would be spent by the first.
  const candidates = [...given];
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
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 4))) return best;
  return shortened(word, candidates);
}

/** The one candidate that holds every word of `word` in order ("excessive-force" in
 * "excessive-use-of-force"): a name written short, which no small edit turns into the long one. */
function shortened(word: string, candidates: readonly string[]): string | undefined {
  const parts = word.toLowerCase().split(/[-_\s]+/).filter(Boolean);
  if (parts.length < 2) return undefined;
  const holding = candidates.filter((candidate) => {
    const words = candidate.toLowerCase().split(/[-_\s]+/);
    let at = 0;
    for (const part of parts) {
      at = words.indexOf(part, at) + 1;
      if (at === 0) return false;
    }
    return true;
  });
  return holding.length === 1 ? holding[0] : undefined;
}
