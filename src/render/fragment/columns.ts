// Table column widths and type sizes shared by the print and Word editions.

/** A table's text is set at this size of the body's, and at no less than the smallest: a table
 * whose longest words would not fit side by side at the first is set smaller, as a typesetter sets
 * a wide table in a smaller size rather than cut its words, down to the second; only a table
 * wider still has words cut between letters. */
export const TABLE_SIZE = 0.9;
export const SMALLEST_TABLE_SIZE = 0.7;

/** The size, of `size` or smaller down to `smallest`, at which words `words` wide at `size` fit
 * in `room` (widths are in proportion to the size), rounded down to a whole number of
 * 1/`steps`ths of a point (10 for the print edition, 2 for Word's half points). */
export function fittingSize(size: number, smallest: number, words: number, room: number, steps: number): number {
  if (words <= room) return size;
  return Math.min(size, Math.max(smallest, Math.floor(((size * room) / words) * steps) / steps));
}

/** Column widths the way CSS's automatic table layout gives them: each column at least its
 * longest word (its `min`) and at most its longest line (`max`); room beyond the minimums goes to
 * the columns in proportion to what more they could use, and when even the maximums fit, the rest
 * of the measure is shared in proportion to them. Only when the longest words alone are too wide
 * are columns narrower than their longest word, in proportion to it (the word then breaks). */
export function columnWidths(needs: { min: number; max: number }[], available: number): number[] {
  const min = needs.reduce((s, n) => s + n.min, 0);
  const max = needs.reduce((s, n) => s + n.max, 0);
  if (min >= available) return needs.map((n) => (n.min / min) * available);
  if (max <= available) return needs.map((n) => n.max + ((available - max) * n.max) / (max || 1));
  const share = (available - min) / (max - min);
  return needs.map((n) => n.min + (n.max - n.min) * share);
}
