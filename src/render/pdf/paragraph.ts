// Sets a paragraph, in stages each in its own module: itemize (itemize.ts: Unicode line-break
// opportunities, hyphenation points, shaped pieces from pieces.ts and shape.ts), break
// (breaking.ts: Knuth–Plass with an emergency pass), bidi (bidi.ts: the visual order of each line)
// and build (build-line.ts: glyph runs, links, anchors). Also measures a paragraph for table
// columns: its longest unbreakable stretch and its width on one line.
import texLinebreak from 'tex-linebreak';
import { placedSpaces, visualOrder } from './bidi.ts';
import { breakParagraph } from './breaking.ts';
import { buildLine, levelOf, type Element } from './build-line.ts';
import type { Atom } from './inline.ts';
import { itemsOf } from './itemize.ts';
import type { SetOptions } from './pieces.ts';
import type { LineBox } from './types.ts';

export type { SetOptions } from './pieces.ts';
export { setCode } from './code.ts';

const { MIN_COST, MAX_COST } = texLinebreak;

/** Ragged text may end a line short of the measure by about two ems at no cost beyond a line's
 * looseness (TeX's \raggedright: \rightskip 0pt plus 2em), this much of a line's leading; without
 * it a line of one word, with no space to stretch, could not be set at all, and such a paragraph
 * went to the emergency pass, which cut the word ("Kaza-khstan" in a table cell). */
const RAGGED_STRETCH = 1.5;

/** The most a justified line's spaces are stretched, in units of their stretch. */
const LOOSEST = 3;

/** Sets atoms into lines no wider than the measure. */
export function setParagraph(atoms: Atom[], opts: SetOptions): LineBox[] {
  const first = itemsOf(atoms, opts);
  if (!first.items.some((i) => i.type === 'box')) return [];
  const { items, breaks, ratios } = breakParagraph(first, opts.measure, opts.justify ? undefined : { lineEndStretch: RAGGED_STRETCH * opts.leading }, () => itemsOf(atoms, opts, true));
  const lines: LineBox[] = [];
  for (let k = 0; k < breaks.length - 1; k++) {
    let from = k === 0 ? 0 : breaks[k]! + 1;
    const to = breaks[k + 1]!;
    while (from < to && items[from]!.type !== 'box') from++;
    const last = k === breaks.length - 2;
    let ratio = ratios[k] ?? 0;
    if (!opts.justify || last) ratio = Math.min(ratio, 0);
    // A line the breaker could set no better (only in a paragraph filled line by line) is left
    // ragged rather than spaced out.
    if (ratio > LOOSEST) ratio = 0;
    if (ratio < -1) ratio = -1;
    const elements: Element[] = [];
    for (let i = from; i < to; i++) {
      const item = items[i]!;
      if (item.type === 'box') elements.push({ kind: 'piece', piece: item.piece });
      else if (item.type === 'glue') {
        if (!item.space) continue;
        const width = item.width + (ratio >= 0 ? ratio * item.stretch : ratio * item.shrink);
        elements.push({ kind: 'space', width, glue: item });
      }
    }
    while (elements.length && elements[elements.length - 1]!.kind === 'space') elements.pop();
    const breakItem = items[to];
    const hyphenated = breakItem?.type === 'penalty' && breakItem.flagged && !last;
    if (breakItem?.type === 'penalty' && breakItem.hyphen && breakItem.cost < MAX_COST) {
      elements.push({ kind: 'piece', piece: breakItem.hyphen });
    }
    const rtl = elements.some((e) => levelOf(e) % 2 === 1);
    const ordered = elements.some((e) => levelOf(e) > 0) ? visualOrder(elements, levelOf) : elements;
    const rank = rtl ? new Map(elements.map((e, i) => [e, i])) : undefined;
    const line = buildLine(ordered, opts, last || !opts.justify, rank && ((e) => rank.get(e)!));
    if (hyphenated) line.hyphenated = true;
    // A line holding right-to-left text also carries its text in reading order, for extractors:
    // from glyph positions alone poppler joins numbers to the words beside them ("من 200 مدني" →
    // "من 200مدني"). Note reference numbers are marks, not words: copied text leaves them out, as
    // the model's plain text does, rather than gluing them to the word before. So does a line of a
    // paragraph read against the edition's direction (an English note in an Arabic edition):
    // extractors read the page's lines in the page's direction.
    if (rtl || first.rtl !== opts.rtl) {
      line.text = elements.map((e) => (e.kind === 'piece' ? (e.piece.note ? '' : e.piece.text) : ' ')).join('');
      // Extractors that read glyphs rather than the line's text (pdf.js) leave them out too: drawn
      // among right-to-left words, a note's number would be read in the wrong place.
      const marks = new Set(elements.flatMap((e) => (e.kind === 'piece' && e.piece.note ? e.piece.glyphs : [])));
      if (marks.size) for (const run of line.runs) run.glyphs = run.glyphs.map((g) => (marks.has(g) ? { ...g, text: '' } : g));
      for (const run of line.runs) run.glyphs = placedSpaces(run.glyphs);
    }
    lines.push(line);
  }
  return lines;
}

/** The widths a table column needs for these atoms: `min`, the widest stretch that cannot break
 * (the longest word; a URL breaks after its slashes and hyphens), and `max`, the widest line when
 * set without breaks but its forced ones. */
export function measureAtoms(atoms: Atom[], opts: SetOptions): { min: number; max: number } {
  const { items } = itemsOf(atoms, { ...opts, measure: Infinity });
  let min = 0;
  let max = 0;
  let word = 0;
  let line = 0;
  for (const item of items) {
    if (item.type === 'box') {
      word += item.width;
      line += item.width;
    } else if (item.type === 'glue') {
      min = Math.max(min, word);
      word = 0;
      line += item.stretch >= 1e5 ? 0 : item.width;
    } else {
      if (item.cost < MAX_COST) min = Math.max(min, word + item.width);
      if (item.cost < MAX_COST) word = 0;
      if (item.cost <= MIN_COST) {
        max = Math.max(max, line);
        line = 0;
      }
    }
  }
  return { min: Math.max(min, word), max: Math.max(max, line) };
}
