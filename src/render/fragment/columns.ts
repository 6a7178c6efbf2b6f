// Table column widths and type sizes shared by the print and Word editions.
import type { Table } from 'mdast';
import type { Node } from 'unist';

/** A table's text is set at this size of the body's, and at no less than the smallest: a table
 * whose longest words would not fit side by side at the first is set smaller, as a typesetter sets
 * a wide table in a smaller size rather than cut its words, down to the second; only a table
 * wider still has words cut between letters. */
export const TABLE_SIZE = 0.9;
export const SMALLEST_TABLE_SIZE = 0.7;

/** The size, of `size` or smaller down to `smallest`, at which words `words` wide at `size` fit
 * in `room` (widths are in proportion to the size), rounded down to a whole number of
 * 1/`steps`ths of a point (10 for the print edition, 2 for Word's half points). */
function fittingSize(size: number, smallest: number, words: number, room: number, steps: number): number {
  if (words <= room) return size;
  return Math.min(size, Math.max(smallest, Math.floor(((size * room) / words) * steps) / steps));
}

/** The least widths of a table's columns (`needs` at `size`, `margin` of each the cell's
 * padding) as its size and parts are decided in `room`: each its longest word, but a word wider
 * than the room even at `smallest` (a hash, an identifier) is cut whatever the size, and its
 * column counts as half the room: the other columns neither shrink nor go to parts of their own
 * for it, and it breaks in its cell with what they leave (columnWidths). */
function deciding(needs: { min: number }[], size: number, smallest: number, room: number, margin: number): number[] {
  return needs.map((n) => (((n.min - margin) * smallest) / size + margin > room ? room / 2 : n.min));
}

/** The size of a table set whole (its `needs` at `size`; see tableSplit), the largest down to
 * `smallest` at which its longest words fit side by side, rounded down to 1/`steps` of a point. */
export function tableSize(needs: { min: number }[], size: number, smallest: number, room: number, margin: number, steps: number): number {
  const mins = deciding(needs, size, smallest, room, margin);
  return fittingSize(size, smallest, mins.reduce((sum, m) => sum + m - margin, 0), room - margin * mins.length, steps);
}

/** Column widths the way CSS's automatic table layout gives them: each column at least its
 * longest word (its `min`) and at most its longest line (`max`); room beyond the minimums goes to
 * the columns in proportion to what more they could use, and when even the maximums fit, the rest
 * of the measure is shared in proportion to them. Only when the longest words alone are too wide
 * are columns narrower than their longest word: the widest ones, cut to one width (capped), so
 * that a word too long for any page (a part of a table set in parts keeps one such column, with
 * the first beside it) breaks in its own column and leaves the others their words whole. */
export function columnWidths(needs: { min: number; max: number }[], available: number): number[] {
  const min = needs.reduce((s, n) => s + n.min, 0);
  const max = needs.reduce((s, n) => s + n.max, 0);
  if (min > available) return capped(needs.map((n) => n.min), available);
  if (max <= available) return needs.map((n) => n.max + ((available - max) * n.max) / (max || 1));
  const share = (available - min) / (max - min);
  return needs.map((n) => n.min + (n.max - n.min) * share);
}

/** `widths` cut to fit `available`: each at most one width, the largest that makes them fit (the
 * narrow ones keep theirs whole). Shrunk in proportion instead, a 60 pt column of a long URL's
 * pieces beside a column of one 2,000 pt word would be 14 pt wide, three letters a line. */
function capped(widths: number[], available: number): number[] {
  const sorted = [...widths].sort((a, b) => a - b);
  let rest = available;
  let kept = 0;
  while (kept < sorted.length && sorted[kept]! * (sorted.length - kept) <= rest) rest -= sorted[kept++]!;
  if (kept === sorted.length) return widths;
  const cap = rest / (sorted.length - kept);
  return widths.map((w) => Math.min(w, cap));
}

/** The columns of a table too wide for its page even at the smallest size, in groups set one
 * after the other, each of columns whose least widths `mins` fit `room` side by side, in order.
 * The first column, which names the rows, heads every group when `repeatFirst` and it takes at
 * most a third of the room, so that each part reads on its own. Groups as even as their number
 * allows: the widest is as narrow as it can be, so the parts can share the largest size. */
export function columnGroups(mins: number[], room: number, repeatFirst: boolean): number[][] {
  const first = repeatFirst && mins.length > 1 && mins[0]! <= room / 3;
  const from = first ? 1 : 0;
  const greedy = (limit: number): number[][] => {
    const groups: number[][] = [];
    let group: number[] = first ? [0] : [];
    let width = first ? mins[0]! : 0;
    for (let c = from; c < mins.length; c++) {
      // A group takes at least one column of its own, however wide.
      if (group.length > from && width + mins[c]! > limit) {
        groups.push(group);
        group = first ? [0] : [];
        width = first ? mins[0]! : 0;
      }
      group.push(c);
      width += mins[c]!;
    }
    groups.push(group);
    return groups;
  };
  const count = greedy(room).length;
  // The narrowest limit that still needs no more groups (the count only falls as the limit grows).
  let low = 0;
  let high = room;
  for (let step = 0; step < 40 && high - low > 0.01; step++) {
    const mid = (low + high) / 2;
    if (greedy(mid).length <= count) high = mid;
    else low = mid;
  }
  return greedy(high);
}

/** How a table is set in a room `room` wide when its columns need `needs` at `size`, `margin` of
 * each being the cell's padding: whole (undefined), or, when its longest words do not fit side by
 * side even at `smallest`, in parts: the columns of each (columnGroups, the first column heading
 * each where it may) and the one size of them all, the largest at which the widest part fits,
 * rounded down to 1/`steps` of a point. */
export function tableSplit(node: Table, needs: { min: number }[], size: number, smallest: number, room: number, margin: number, steps: number): { groups: number[][]; size: number } | undefined {
  if (needs.length < 2) return undefined;
  const atSize = deciding(needs, size, smallest, room, margin);
  // Words' widths are in proportion to the size, the padding is not.
  const mins = atSize.map((m) => ((m - margin) * smallest) / size + margin);
  if (mins.reduce((sum, m) => sum + m, 0) <= room) return undefined;
  const groups = columnGroups(mins, room, firstColumnRepeats(node));
  const words = (group: number[]) => group.reduce((sum, c) => sum + atSize[c]!, 0) - margin * group.length;
  return { groups, size: Math.min(...groups.map((group) => fittingSize(size, smallest, words(group), room - margin * group.length, steps))) };
}

/** The table of some of `node`'s columns, in their order (a part of a table set in parts); a row
 * short of a column gets an empty cell. */
export function tableColumns(node: Table, group: number[]): Table {
  return {
    ...node,
    align: node.align ? group.map((c) => node.align![c] ?? null) : node.align,
    children: node.children.map((row) => ({ ...row, children: group.map((c) => row.children[c] ?? { type: 'tableCell', children: [] }) })),
  };
}

/** Whether a table's first column may head each of its parts: not when it refers to a note, which
 * is referred to once. */
function firstColumnRepeats(node: Table): boolean {
  return node.children.every((row) => !refersToNote(row.children[0]));
}

function refersToNote(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'footnoteReference') return true;
  return 'children' in node && Array.isArray(node.children) && (node.children as Node[]).some(refersToNote);
}
