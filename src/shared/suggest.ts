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
  if (wordsOf(word).length < 2) return undefined;
  return onlyOne(candidates.filter((candidate) => wordsWithin(word, candidate)));
}

/** Whether every word of `part` is a word of `whole`, in the same order (words split at hyphens,
 * underscores and spaces, case aside). */
export function wordsWithin(part: string, whole: string): boolean {
  const words = wordsOf(whole);
  let at = 0;
  for (const word of wordsOf(part)) {
    at = words.indexOf(word, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** The item of a list of one; nothing for none or several. */
export function onlyOne<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[-_\s]+/).filter(Boolean);
}
