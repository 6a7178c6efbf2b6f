// Table column widths shared by the print and Word editions.

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
