// The break stage of paragraph setting: Knuth–Plass total-fit line breaking (total-fit.ts: as
// tex-linebreak's, but in time linear in the paragraph's length) with TeX's weights, in up to
// three passes like TeX's: the paragraph as itemized; if no set of breaks keeps every line within
// the tolerance, or a word had to be cut between letters, the emergency items (every word may be
// hyphenated, URLs and code break after their punctuation) within the same tolerance; only then
// are spaces stretched as far as needed. Ragged text is never stretched (its lines are set at
// their natural width), so it has no tolerance to keep: it goes to the emergency items only for a
// word wider than its line.
import texLinebreak from 'tex-linebreak';
import { totalFit } from './total-fit.ts';
import type { Itemized } from './itemize.ts';
import type { Item } from './pieces.ts';

const { adjustmentRatios, MaxAdjustmentExceededError, MAX_COST, MIN_COST } = texLinebreak;

/** Spaces may stretch to this many times their stretch (0.6 of a space) before the emergency pass:
 * a space at most twice its width. */
const TOLERANCE = 1.7;

/** TeX's weights, on this breaker's scale. TeX's \doublehyphendemerits (10,000) is four times
 * the demerits a hyphen adds there (\hyphenpenalty² = 2,500); a hyphen adds about 90,000 here
 * (HYPHEN_COST inside the square), so two hyphenated lines in a row cost 360,000: at 10,000 they
 * cost less than one line's worth of looseness, and pairs of hyphens were common (27 on the
 * 80-page edition; none now). A loose line next to a tight one costs 10,000 (\adjdemerits). A
 * hyphen on the second-to-last line, leaving the end of a word alone on the last, costs 5,000
 * (\finalhyphendemerits). */
const WEIGHTS = { doubleHyphenPenalty: 360_000, adjacentLooseTightPenalty: 10_000, finalHyphenDemerits: 5_000 };

function tryBreak(items: Item[], measure: number, tolerance: number | null, lineEndStretch = 0): number[] | undefined {
  try {
    return totalFit(items, measure, { ...WEIGHTS, initialMaxAdjustmentRatio: tolerance ?? 3, maxAdjustmentRatio: tolerance, lineEndStretch });
  } catch (error) {
    if (error instanceof MaxAdjustmentExceededError) return undefined;
    throw error;
  }
}

/** Breaks and the adjustment ratio of each line they make (tex-linebreak's adjustmentRatios). */
export interface Breaks {
  breaks: number[];
  ratios: number[];
}

/** The breaks, unless a line they make is wider than the measure even with its spaces shrunk;
 * with their lines' ratios, which the paragraph is then set with. */
function fitting(items: Item[], measure: number, breaks: number[] | undefined): Breaks | undefined {
  if (!breaks) return undefined;
  const ratios = adjustmentRatios(items, measure, breaks);
  return ratios.some((r) => r < -1 - 1e-6) ? undefined : { breaks, ratios };
}

/** Break positions (indices into the items, the first 0), the items they index and the
 * adjustment ratio of each line. `emergency` makes the emergency items, only when the first pass
 * fails. */
export function breakParagraph(first: Itemized, measure: number, ragged: { lineEndStretch: number } | undefined, emergency: () => Itemized): { items: Item[] } & Breaks {
  const tolerance = ragged ? null : TOLERANCE;
  const lineEnd = ragged?.lineEndStretch ?? 0;
  let used = first.items;
  let found = first.overfull ? undefined : fitting(used, measure, tryBreak(used, measure, tolerance, lineEnd));
  if (!found) {
    const second = emergency();
    used = second.items;
    // A word cut into slices leaves lines without spaces, which no tolerance admits, and the
    // breaker's own way out of that (when every line it could end is infeasible) may overfill a
    // line: such a paragraph is filled line by line, as is one the breaker overfills anyway.
    if (second.overfull) return filled(used, measure);
    found = fitting(used, measure, tryBreak(used, measure, tolerance, lineEnd) ?? tryBreak(used, measure, null, lineEnd));
    if (!found) return filled(used, measure);
  }
  return { items: used, ...found };
}

function filled(items: Item[], measure: number): { items: Item[] } & Breaks {
  const breaks = firstFit(items, measure);
  return { items, breaks, ratios: adjustmentRatios(items, measure, breaks) };
}

/** First-fit breaking (each line takes all that fits, a forced break ends it), in time linear in
 * the paragraph's length and never wider than the measure as long as no box is: for paragraphs
 * holding a word cut into slices, where total-fit has nothing to weigh. Breaks as `totalFit`
 * gives them: 0 first, then the index of each break item. */
export function firstFit(items: Item[], measure: number): number[] {
  const n = items.length;
  // Width of boxes and glue before each index.
  const before = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    before[i + 1] = before[i]! + (item.type === 'penalty' ? 0 : item.width);
  }
  const breaks = [0];
  const contentFrom = (i: number): number => {
    while (i < n && items[i]!.type !== 'box') i++;
    return i;
  };
  let start = contentFrom(0);
  let candidate = -1;
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const legal = item.type === 'glue' ? i > 0 && items[i - 1]!.type === 'box' : item.type === 'penalty' && item.cost < MAX_COST;
    if (!legal || i <= start) continue;
    const width = before[i]! - before[start]! + (item.type === 'penalty' ? item.width : 0);
    if (width > measure + 0.01 && candidate >= 0) {
      breaks.push(candidate);
      start = contentFrom(candidate + 1);
      candidate = -1;
      i = start - 1;
      continue;
    }
    candidate = i;
    if (item.type === 'penalty' && item.cost <= MIN_COST) {
      breaks.push(i);
      start = contentFrom(i + 1);
      candidate = -1;
    }
  }
  if (breaks[breaks.length - 1] !== n - 1) breaks.push(n - 1);
  return breaks;
}
