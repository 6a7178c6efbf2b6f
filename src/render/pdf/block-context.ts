// What every block handler gets (the context of the flow it sets: body or notes, its measure, its
// parent element) and the helpers they share.
import type { Theme } from '../../templates/types.ts';
import type { FlowLine } from './flow.ts';
import type { Atom, InlineContext, InlineStyle } from './inline.ts';
import { setParagraph, type SetOptions } from './paragraph.ts';
import type { LineBox, LineKind, StructNode } from './types.ts';

export interface BlockContext {
  theme: Theme;
  inline: InlineContext;
  base: Omit<SetOptions, 'measure' | 'leading' | 'justify' | 'align' | 'hyphenate'>;
  /** Width of the text column. */
  measure: number;
  /** Body size and leading for this flow (body text or notes). */
  size: number;
  leading: number;
  kind: LineKind;
  /** Directory of the edition's source, where its images are; without it images print their alt text. */
  sourceDir?: string;
  /** The structure element the blocks set here are children of (the document, a list item's body,
   * a quote, a note). */
  struct: StructNode;
  /** How many lists the blocks set here are inside (0 outside any). */
  lists?: number;
}

export function bodyStyle(theme: Theme, size: number): InlineStyle {
  return { role: 'body', bold: false, italic: false, size, colour: theme.colours.text, strike: false };
}

export function set(atoms: Atom[], ctx: BlockContext, indent: number, over: Partial<SetOptions> = {}): LineBox[] {
  return setParagraph(atoms, {
    ...ctx.base,
    measure: ctx.measure - indent,
    leading: ctx.leading,
    justify: true,
    align: 'start',
    hyphenate: true,
    ...over,
  });
}

/** Flow lines of set boxes, their text belonging to `struct`. */
export function lines(boxes: LineBox[], ctx: BlockContext, indent: number, spaceBefore: number, struct?: StructNode): FlowLine[] {
  return boxes.map((box, k) => {
    box.struct ??= struct;
    return { box, kind: ctx.kind, indent, spaceBefore: k === 0 ? spaceBefore : 0 };
  });
}

