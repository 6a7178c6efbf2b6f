// The vertical flow between the block stage and pagination: set lines with the space before them
// and whether they must stay on the page of the line that follows. Blocks are set as frames
// (paragraph, heading, list item, quote, table, code, figure, note) whose keep rules become these
// per-line keeps; what a frame needs of the page builder beyond keeps (a table's header repeated,
// a figure that may float, a quote's bar) travels on its lines.
import type { LineBox, LineKind, StructNode } from './types.ts';

export interface FlowLine {
  box: LineBox;
  kind: LineKind;
  /** Offset from the text column's start edge (left, or right in a right-to-left edition). */
  indent: number;
  /** Space above this line; dropped at the top of a page. */
  spaceBefore: number;
  /** Must share a page with the next line. */
  keepWithNext: boolean;
  /** Set for the first line of a section heading (level 2) or sub-heading (3): it starts a bookmark. */
  outline?: { id: string; title: string; level?: number };
  /** A table's header row: set again above this line when the line opens a page. */
  header?: FlowLine[];
  /** A figure's lines: when they do not fit, they may move to the top of the next page while the
   * text after them fills the room left. */
  float?: boolean;
  /** Bars of the block quotes the line is in, outermost first; the page builder draws them so
   * that they run on, unbroken, across the space between the quote's paragraphs. */
  bars?: QuoteBar[];
}

export interface QuoteBar {
  /** From the text column's start edge. */
  x: number;
  /** The quote the bar belongs to: the lines of one quote share one bar. */
  quote: StructNode;
  width: number;
  colour: string;
}

/** Keep rules of a frame, turned into keeps between its lines by `keep`. */
export interface Keeps {
  /** Lines kept together at the frame's start and at its end when a page breaks inside it. */
  orphans: number;
  widows: number;
  /** Never broken across pages. */
  whole?: boolean;
  /** The frame's last line stays with what follows (a heading: with at least the first
   * `orphans` lines of the next frame, which keeps them together itself). */
  withNext?: boolean;
}

/** A paragraph's keeps: neither its first nor its last line alone on a page. */
export const PARAGRAPH: Keeps = { orphans: 2, widows: 2 };

/** Marks the keeps of a frame on its lines (which may be the lines of nested frames, with keeps
 * of their own: a keep is never removed), and never lets a page end on a hyphenated word. */
export function keep(lines: FlowLine[], keeps: Keeps): FlowLine[] {
  const n = lines.length;
  if (!n) return lines;
  const mark = (k: number): void => void (lines[k]!.keepWithNext = true);
  for (let k = 0; k < n - 1; k++) {
    if (keeps.whole || k < keeps.orphans - 1 || k >= n - keeps.widows || lines[k]!.box.hyphenated) mark(k);
  }
  if (keeps.withNext) mark(n - 1);
  return lines;
}

/** A paragraph's keeps (see PARAGRAPH). */
export function keepTogether(lines: FlowLine[]): FlowLine[] {
  return keep(lines, PARAGRAPH);
}
