// Sets mdast blocks (paragraph, heading 3-6, list, blockquote, code, table, thematic break) as
// flow lines. One handler per node type; unknown blocks still set their text.
import type { Heading, List, Paragraph, Table } from 'mdast';
import type { Block, Inline } from '../../model/types.ts';
import { plainText } from '../../model/text.ts';
import type { Theme } from '../../templates/types.ts';
import { loadImage } from '../../shared/images.ts';
import { keepTogether, type FlowLine } from './flow.ts';
import { atomsOf, type Atom, type InlineContext, type InlineStyle } from './inline.ts';
import { setCode, setParagraph, type SetOptions } from './paragraph.ts';
import { structNode } from './structure.ts';
import type { LineBox, LineKind, StructNode, StructRole } from './types.ts';

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
}

export function bodyStyle(theme: Theme, size: number): InlineStyle {
  return { role: 'body', bold: false, italic: false, size, colour: theme.colours.text, strike: false };
}

function set(atoms: Atom[], ctx: BlockContext, indent: number, over: Partial<SetOptions> = {}): LineBox[] {
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

function lines(boxes: LineBox[], ctx: BlockContext, indent: number, spaceBefore: number, struct?: StructNode): FlowLine[] {
  for (const box of boxes) box.struct ??= struct;
  return boxes.map((box, k) => ({ box, kind: ctx.kind, indent, spaceBefore: k === 0 ? spaceBefore : 0, keepWithNext: false }));
}

/** Pixels per inch of an image at its natural size (the CSS pixel). */
const PX_PER_INCH = 96;

/** A paragraph holding only an image, set as a block: the picture scaled to fit the measure (never
 * larger than its natural size at 96 px per inch) and the page, on a line of its own so it never
 * splits across pages. Its alt text is the Figure element's /Alt in the tagged PDF, for screen
 * readers, as alt text is on the web page; it is not printed.
 * Anything else keeps the alt text in the run of the text (see inline.ts): an image among words, a
 * remote image (print has no network), a GIF (pdf-lib embeds only PNG and JPEG). */
function imageBlock(node: Paragraph, ctx: BlockContext, indent: number, gap: number): FlowLine[] | undefined {
  const content = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  const image = content[0];
  if (content.length !== 1 || image?.type !== 'image' || !ctx.sourceDir) return undefined;
  const loaded = loadImage(image.url, ctx.sourceDir);
  if (!loaded || loaded.type === 'gif') return undefined;
  const { theme } = ctx;
  const measure = ctx.measure - indent;
  // At most the text area's height less room for a note, so it fits on a page.
  const room = (theme.page.height - theme.page.margin.top - theme.page.margin.bottom) * 0.8;
  const natural = { width: (loaded.width * 72) / PX_PER_INCH, height: (loaded.height * 72) / PX_PER_INCH };
  const scale = Math.min(1, measure / natural.width, room / natural.height);
  const width = natural.width * scale;
  const height = natural.height * scale;
  const leading = height + 4;
  const alt = image.alt || image.title || '';
  // Centred, in either direction.
  const x = (measure - width) / 2;
  const box: LineBox = {
    runs: [], links: [], anchors: [], width: measure, measure, leading, ascent: height, notes: [],
    images: [{ path: loaded.path, type: loaded.type, pixels: { width: loaded.width, height: loaded.height }, x, y: -leading * 0.78, width, height, alt }],
    struct: structNode('Figure', ctx.struct, { alt }),
  };
  return [{ box, kind: ctx.kind, indent, spaceBefore: gap, keepWithNext: false }];
}

function heading(node: Heading, ctx: BlockContext, indent: number, gap: number): FlowLine[] {
  const { theme } = ctx;
  const size = node.depth <= 3 ? theme.sizes.h3 : ctx.size;
  const style: InlineStyle = { role: 'heading', bold: true, italic: node.depth >= 5, size, colour: theme.colours.heading, strike: false };
  const boxes = set(atomsOf(node.children, style, ctx.inline), ctx, indent, {
    leading: size * 1.25, justify: false, hyphenate: false,
  });
  const role = `H${Math.min(6, Math.max(3, node.depth))}` as StructRole;
  const out = lines(boxes, ctx, indent, gap ? theme.spacing.headingBefore * 0.8 : 0, structNode(role, ctx.struct));
  out.forEach((l) => (l.keepWithNext = true));
  const id = node.data?.id;
  if (id && out[0]) out[0].box.anchors.unshift({ id, x: 0 });
  // Sub-headings of the text get a bookmark under their section's.
  if (id && out[0] && node.depth === 3 && ctx.kind === 'body') out[0].outline = { id, title: plainText(node.children), level: 3 };
  return out;
}

function list(node: List, ctx: BlockContext, indent: number, gap: number): FlowLine[] {
  const { theme } = ctx;
  const out: FlowLine[] = [];
  // Deeply nested lists stop moving in once the text would get narrower than 40% of the column.
  const step = Math.max(0, Math.min(theme.spacing.listIndent, ctx.measure * 0.6 - indent));
  const l = structNode('L', ctx.struct);
  node.children.forEach((item, k) => {
    const li = structNode('LI', l);
    const label = structNode('Lbl', li);
    const body = structNode('LBody', li);
    const inner = blocks(item.children as Block[], { ...ctx, struct: body }, indent + step, k === 0 ? gap : node.spread ? theme.spacing.paragraph : 2);
    const first = inner[0];
    if (!first) return;
    const markerText = item.checked === true ? '[x]' : item.checked === false ? '[ ]' :
      node.ordered ? `${(node.start ?? 1) + k}.` : '•';
    const marker = set([{ kind: 'text', text: markerText, style: bodyStyle(theme, ctx.size), node: item }], ctx, 0, {
      justify: false, hyphenate: false,
    })[0];
    if (marker) {
      // The marker hangs in the indent, its right edge a little before the text.
      const shift = ctx.base.rtl ? first.box.measure + 4 : -marker.width - 4;
      for (const run of marker.runs) first.box.runs.unshift({ ...run, x: shift + (run.x - (ctx.base.rtl ? marker.measure - marker.width : 0)), struct: label });
    }
    out.push(...inner);
  });
  return out;
}

function table(node: Table, ctx: BlockContext, indent: number, gap: number): FlowLine[] {
  const { theme } = ctx;
  const columns = Math.max(1, ...node.children.map((r) => r.children.length));
  const width = (ctx.measure - indent) / columns;
  const pad = 4;
  const out: FlowLine[] = [];
  const size = ctx.size * 0.9;
  const leading = ctx.leading * 0.9;
  const structure = structNode('Table', ctx.struct);
  node.children.forEach((row, r) => {
    const tr = structNode('TR', structure);
    // Every row gets a cell per column, empty or not, so the table's grid stays regular.
    const elements = Array.from({ length: columns }, () => structNode(r === 0 ? 'TH' : 'TD', tr));
    const cells = row.children.map((cell, c) => {
      const style: InlineStyle = { ...bodyStyle(theme, size), bold: r === 0 };
      const align = node.align?.[c] === 'right' ? 'end' : node.align?.[c] === 'center' ? 'center' : 'start';
      return setParagraph(atomsOf(cell.children as Inline[], style, ctx.inline), {
        ...ctx.base, measure: width - 2 * pad, leading, justify: false, align, hyphenate: true,
      });
    });
    const height = Math.max(1, ...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      const box: LineBox = { runs: [], links: [], anchors: [], width: ctx.measure - indent, measure: ctx.measure - indent, leading, ascent: size, notes: [], rules: [], struct: tr };
      cells.forEach((cell, c) => {
        const line = cell[k];
        if (!line) return;
        const column = ctx.base.rtl ? columns - 1 - c : c;
        const x = column * width + pad;
        box.runs.push(...line.runs.map((run) => ({ ...run, x: run.x + x, struct: elements[c] })));
        box.links.push(...line.links.map((link) => ({ ...link, x: link.x + x })));
        box.anchors.push(...line.anchors.map((a) => ({ ...a, x: a.x + x })));
        for (const note of line.notes) if (!box.notes.includes(note)) box.notes.push(note);
      });
      // Rule under the header row and under the table.
      const last = k === height - 1;
      if (last && (r === 0 || r === node.children.length - 1)) {
        box.rules!.push({ x1: 0, y1: leading * 0.3, x2: ctx.measure - indent, y2: leading * 0.3, width: r === 0 ? 0.6 : 0.4, colour: theme.colours.rule });
      }
      if (r === 0 && k === 0) {
        box.rules!.push({ x1: 0, y1: -leading * 0.78, x2: ctx.measure - indent, y2: -leading * 0.78, width: 0.6, colour: theme.colours.rule });
      }
      out.push({ box, kind: ctx.kind, indent, spaceBefore: r === 0 && k === 0 ? gap : 0, keepWithNext: !last || r === 0 });
    }
  });
  return out;
}

/** Sets blocks; `gap` is the space before the first one. */
export function blocks(nodes: Block[], ctx: BlockContext, indent = 0, gap = 0): FlowLine[] {
  const { theme } = ctx;
  const out: FlowLine[] = [];
  let space = gap;
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        out.push(...(imageBlock(node, ctx, indent, space) ?? keepTogether(lines(set(atomsOf(node.children, bodyStyle(theme, ctx.size), ctx.inline), ctx, indent), ctx, indent, space, structNode('P', ctx.struct)))));
        space = theme.spacing.paragraph;
        break;
      case 'heading':
        out.push(...heading(node, ctx, indent, space));
        space = theme.spacing.headingAfter;
        break;
      case 'list':
        out.push(...list(node, ctx, indent, space));
        space = theme.spacing.paragraph;
        break;
      case 'blockquote': {
        // Deeply nested quotes stop moving in once the text would get narrower than 40% of the column.
        const step = Math.max(0, Math.min(theme.spacing.blockquoteIndent, ctx.measure * 0.6 - indent));
        const inner = blocks(node.children as Block[], { ...ctx, struct: structNode('BlockQuote', ctx.struct) }, indent + step, space);
        for (const line of inner) {
          const bar = ctx.base.rtl ? line.box.measure + step - indent - 6 : indent - line.indent + 6;
          (line.box.rules ??= []).push({ x1: bar - indent, y1: -line.box.leading * 0.75, x2: bar - indent, y2: line.box.leading * 0.25, width: 1.2, colour: theme.colours.rule });
        }
        out.push(...inner);
        space = theme.spacing.paragraph;
        break;
      }
      case 'code': {
        const style: InlineStyle = { ...bodyStyle(theme, ctx.size * 0.85), role: 'mono' };
        const boxes = setCode(node.value, style, { ...ctx.base, measure: ctx.measure - indent - 8, leading: ctx.leading * 0.9, justify: false, align: 'start', hyphenate: false }, node);
        const flow = lines(boxes, ctx, indent + 8, space, structNode('Code', ctx.struct));
        // A short block stays on one page; a long one may break anywhere.
        flow.forEach((l, k) => (l.keepWithNext = k < flow.length - 1 && flow.length <= 6));
        out.push(...flow);
        space = theme.spacing.paragraph;
        break;
      }
      case 'table':
        out.push(...table(node, ctx, indent, space));
        space = theme.spacing.paragraph;
        break;
      case 'thematicBreak': {
        const w = ctx.measure - indent;
        const y = -ctx.leading * 0.3;
        out.push({
          box: { runs: [], links: [], anchors: [], width: 0, measure: w, leading: ctx.leading, ascent: 0, notes: [], rules: [{ x1: w * 0.35, y1: y, x2: w * 0.65, y2: y, width: 0.5, colour: theme.colours.rule }] },
          kind: ctx.kind, indent, spaceBefore: space, keepWithNext: false,
        });
        space = theme.spacing.paragraph;
        break;
      }
      default: {
        // Anything else the model lets through still prints its text.
        const value = (node as { value?: unknown }).value;
        const children = (node as { children?: unknown[] }).children;
        if (typeof value === 'string') {
          const atoms: Atom[] = [{ kind: 'text', text: value, style: bodyStyle(theme, ctx.size), node }];
          out.push(...lines(set(atoms, ctx, indent), ctx, indent, space, structNode('P', ctx.struct)));
        } else if (children) out.push(...blocks(children as Block[], ctx, indent, space));
        space = theme.spacing.paragraph;
      }
    }
  }
  return out;
}
