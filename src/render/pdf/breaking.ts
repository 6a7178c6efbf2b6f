// The break stage of paragraph setting: Knuth–Plass total-fit line breaking (`tex-linebreak`)
// with TeX's weights, in up to three passes like TeX's: the paragraph as itemized; if no set of
// breaks keeps every line within the tolerance, or a word had to be cut between letters, the
// emergency items (every word may be hyphenated, URLs and code break after their punctuation)
// within the same tolerance; only then are spaces stretched as far as needed. Ragged text is
// never stretched (its lines are set at their natural width), so it has no tolerance to keep: it
// goes to the emergency items only for a word wider than its line.
import texLinebreak from 'tex-linebreak';
import type { Itemized } from './itemize.ts';
import type { Item } from './pieces.ts';

const { breakLines, MaxAdjustmentExceededError } = texLinebreak;

/** Demerits are (1 + badness + cost)² in tex-linebreak; 8 more on a hyphen's cost of 300 adds about
 * 5,000 of them, TeX's \finalhyphendemerits. */
const FINAL_HYPHEN_EXTRA = 8;

/** Spaces may stretch to this many times their stretch (0.6 of a space) before the emergency pass:
 * a space at most twice its width. */
const TOLERANCE = 1.7;

/** TeX's weights: two hyphenated lines in a row cost 10,000 demerits (\doublehyphendemerits), a
 * loose line next to a tight one 10,000 (\adjdemerits). */
const WEIGHTS = { doubleHyphenPenalty: 10_000, adjacentLooseTightPenalty: 10_000 };

function tryBreak(items: Item[], measure: number, tolerance: number | null): number[] | undefined {
  try {
    return breakLines(items, measure, { ...WEIGHTS, initialMaxAdjustmentRatio: tolerance ?? 3, maxAdjustmentRatio: tolerance });
  } catch (error) {
    if (error instanceof MaxAdjustmentExceededError) return undefined;
    throw error;
  }
}

/** Break positions (indices into the items, the first 0) and the items they index. `emergency`
 * makes the emergency items, only when the first pass fails. */
export function breakParagraph(first: Itemized, measure: number, ragged: boolean, emergency: () => Itemized): { items: Item[]; breaks: number[] } {
  const tolerance = ragged ? null : TOLERANCE;
  let used = first.items;
  let breaks = first.overfull ? undefined : tryBreak(used, measure, tolerance);
  if (!breaks) {
    used = emergency().items;
    breaks = tryBreak(used, measure, tolerance) ?? tryBreak(used, measure, null)!;
  }
  // TeX's \finalhyphendemerits: a hyphen on the second-to-last line leaves a short word alone on
  // the last one. Costlier by about 5,000 demerits there, the break is tried once more.
  const penultimate = used[breaks[breaks.length - 2]!];
  if (breaks.length > 2 && penultimate?.type === 'penalty' && penultimate.flagged) {
    penultimate.cost += FINAL_HYPHEN_EXTRA;
    breaks = tryBreak(used, measure, tolerance) ?? tryBreak(used, measure, null)!;
    penultimate.cost -= FINAL_HYPHEN_EXTRA;
  }
  return { items: used, breaks };
}
