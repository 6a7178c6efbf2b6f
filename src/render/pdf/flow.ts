// The vertical flow between the block stage and pagination. The block stage sets each block as a
// frame (paragraph, heading, list item, quote, table with its header and rows, code, figure,
// note): its set lines or the frames nested in it, its element of the document's structure, its
// keep rules, and what it asks of the page builder beyond keeps (a table's header row set again on
// a page the table continues on, a figure that may float, a quote's bar). The page builder asks
// the frames where a page may break (`breaks`): every point between two lines, each with the keep
// a break there would give up.
import type { LineBox, LineKind, StructNode } from './types.ts';

export interface FlowLine {
  box: LineBox;
  kind: LineKind;
  /** Offset from the text column's start edge (left, or right in a right-to-left edition). */
  indent: number;
  /** Space above this line; dropped at the top of a page. */
  spaceBefore: number;
  /** Set for the first line of a section heading (level 2) or sub-heading (3): it starts a bookmark. */
  outline?: { id: string; title: string; level?: number };
}

export interface QuoteBar {
  /** From the text column's start edge. */
  x: number;
  /** The quote the bar belongs to: the lines of one quote share one bar. */
  quote: StructNode;
  width: number;
  colour: string;
}

/** Keep rules of a frame. */
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
/** No keeps: a page may break after any line. */
export const FREE: Keeps = { orphans: 0, widows: 0 };
/** Never broken across pages (while it fits on one). */
export const WHOLE: Keeps = { orphans: 0, widows: 0, whole: true };
/** Set whole and kept with what follows: a heading, the title block. */
export const HEADING: Keeps = { orphans: 0, widows: 0, whole: true, withNext: true };

export type FrameKind =
  | 'paragraph' | 'heading' | 'list' | 'item' | 'quote' | 'table' | 'row' | 'code' | 'figure' | 'note'
  | 'rule' | 'contents' | 'title';

interface FrameBase {
  kind: FrameKind;
  /** The structure element the frame's content belongs to (none for a rule). */
  struct?: StructNode;
  keeps: Keeps;
  /** A table: its header row, set again above a row that opens a page. It is also the table's
   * first child. */
  header?: Frame;
  /** A figure: when it does not fit, it may move to the top of the next page while the text after
   * it fills the room left. */
  float?: boolean;
  /** A block quote: its bar, drawn by the page builder beside every line of the quote so that it
   * runs on, unbroken, across the space between the quote's paragraphs. */
  bar?: QuoteBar;
}

/** A frame holds either set lines (a paragraph, a heading, a code block, a table row) or frames
 * (a list, a list item, a quote, a table, a note). */
export type Frame = FrameBase & ({ lines: FlowLine[]; frames?: undefined } | { frames: Frame[]; lines?: undefined });

export function frame(kind: FrameKind, keeps: Keeps, content: FlowLine[] | Frame[], extra: Partial<FrameBase> = {}): Frame {
  // An empty array is taken as lines: either way the frame holds nothing.
  const lines = content.length === 0 || 'box' in content[0]!;
  return lines ? { kind, keeps, lines: content as FlowLine[], ...extra } : { kind, keeps, frames: content as Frame[], ...extra };
}

/** The first set line of frames, in reading order. */
export function firstLine(frames: Frame[]): FlowLine | undefined {
  for (const f of frames) {
    const line = f.lines ? f.lines[0] : firstLine(f.frames);
    if (line) return line;
  }
  return undefined;
}

/** What breaking the page after a line gives up, from nothing (0) up: the keeps of frames, the
 * innermost given up first (a table row's before the table's, a list item's paragraph's before the
 * item's), then a frame's keep with what follows (a heading's, and its own lines together, since a
 * heading cut in two ends a page too), then a hyphenated word. */
const KEEP = 1000;
const WITH_NEXT = 2000;
export const AFTER_HYPHEN = 3000;

/** A line of the flow as the page builder sees it: the line, what a page break after it gives
 * up, and what its frames ask of the page builder. */
export interface Slot {
  line: FlowLine;
  /** 0 where the keeps allow a page break after the line; else the weight of the keep a break
   * there gives up (see KEEP, WITH_NEXT, AFTER_HYPHEN). */
  keep: number;
  /** A row of a table: the table's header row, set again above the line when it opens a page,
   * and the space between the two (the space between rows, above the line even where it
   * continues a row taller than a page). */
  header?: Slot[];
  headerGap?: number;
  float?: boolean;
  /** Bars of the block quotes the line is in, outermost first. */
  bars?: QuoteBar[];
}

interface Context {
  header?: Slot[];
  float?: boolean;
  bars?: QuoteBar[];
}

/** The lines of frames in reading order with their break points: a point inside a frame is kept
 * by the frame's own rules (whole, the first `orphans` and last `widows` lines together) and by
 * those of every frame it is nested in (a paragraph in a list item: the item's too); the point
 * after a frame by its `withNext`; the point after a hyphenated line always. A keep is never
 * removed: the weight of a point is that of the strongest keep on it. */
export function breaks(frames: Frame[]): Slot[] {
  const out: Slot[] = [];
  const headings: HeadingEnd[] = [];
  walk(frames, 0, {}, out, headings);
  // A heading keeps two lines of what follows: the next frame's own keeps hold its first two
  // together, but a frame of one line (a one-line list item, a short paragraph) holds nothing, and
  // the heading would end a page above a single line. The point after that line is kept too,
  // unless the line floats (a figure, which may move to the next page's top anyway).
  for (const { last, weight } of headings) {
    const next = out[last + 1];
    if (next && !next.float && last + 2 < out.length) next.keep = Math.max(next.keep, weight);
  }
  for (const slot of out) if (slot.line.box.hyphenated) slot.keep = AFTER_HYPHEN;
  return out;
}

/** A heading's last line (index into the slots) and the weight of its keep with what follows. */
interface HeadingEnd {
  last: number;
  weight: number;
}

function walk(frames: Frame[], depth: number, context: Context, out: Slot[], headings: HeadingEnd[]): void {
  for (const f of frames) {
    const start = out.length;
    const inner: Context = {
      header: context.header,
      float: f.float || context.float,
      bars: f.bar ? [...(context.bars ?? []), f.bar] : context.bars,
    };
    if (f.lines) {
      for (const line of f.lines) out.push({ line, keep: 0, header: inner.header, float: inner.float, bars: inner.bars });
    } else if (f.header) {
      // The rows after the header row are set under a copy of it where they open a page.
      let header: Slot[] | undefined;
      for (const child of f.frames) {
        const from = out.length;
        walk([child], depth + 1, { ...inner, header }, out, headings);
        if (child === f.header) header = out.slice(from);
        else for (let k = from; k < out.length; k++) out[k]!.headerGap = out[from]!.line.spaceBefore;
      }
    } else walk(f.frames, depth + 1, inner, out, headings);
    const n = out.length - start;
    if (!n) continue;
    const { orphans, widows, whole, withNext } = f.keeps;
    // Deeper frames weigh less, so their keeps are the first given up.
    const level = Math.min(depth, KEEP - 1);
    const weight = (withNext ? WITH_NEXT : KEEP) - level;
    for (let k = 0; k < n - 1; k++) {
      if (whole || k < orphans - 1 || k >= n - widows) out[start + k]!.keep = Math.max(out[start + k]!.keep, weight);
    }
    if (withNext) out[start + n - 1]!.keep = Math.max(out[start + n - 1]!.keep, WITH_NEXT - level);
    if (withNext && f.kind === 'heading') headings.push({ last: start + n - 1, weight: WITH_NEXT - level });
  }
}
