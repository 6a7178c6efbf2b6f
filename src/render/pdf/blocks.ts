// The block stage: mdast blocks (paragraph, heading 3-6, list, blockquote, code, table, image,
// thematic break) set as frames (flow.ts) — a block's lines or nested frames, its keep rules and
// its element of the document's structure (structure.ts). One handler per node type; unknown
// blocks still set their text. Tables are set in table.ts.
import type { Heading, List, Paragraph } from 'mdast';
import type { Block } from '../../model/types.ts';
import { inlineText } from '../../model/text.ts';
import { loadImage } from '../../shared/images.ts';
import { bodyStyle, lines, set, type BlockContext } from './block-context.ts';
import { firstLine, frame, FREE, HEADING, PARAGRAPH, type Frame, type Keeps } from './flow.ts';
import { atomsOf, type Atom, type InlineStyle } from './inline.ts';
import { lineBox } from './build-line.ts';
import { setCode } from './paragraph.ts';
import { structNode } from './structure.ts';
import { table } from './table.ts';
import type { LineBox, Rule, StructRole } from './types.ts';

export { bodyStyle, type BlockContext } from './block-context.ts';

/** Code and list items keep at least two lines together where a page breaks them; a short code
 * block is never broken. */
const CODE: Keeps = { orphans: 2, widows: 2 };
const SHORT_CODE = 6;
const LIST_ITEM: Keeps = { orphans: 2, widows: 2 };

/** Pixels per inch of an image at its natural size (the CSS pixel). */
const PX_PER_INCH = 96;

/** A paragraph holding only an image, set as a figure: the picture scaled to fit the measure
 * (never larger than its natural size at 96 px per inch) and the page, on a line of its own; it
 * may float to the next page's top when it does not fit. Its alt text is the Figure element's /Alt
 * in the tagged PDF, for screen readers, as alt text is on the web page; it is not printed.
 * Anything else keeps the alt text in the run of the text (see inline.ts): an image among words, a
 * remote image (print has no network), a GIF (pdf-lib embeds only PNG and JPEG). */
function figure(node: Paragraph, ctx: BlockContext, indent: number, gap: number): Frame | undefined {
  const content = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  const image = content[0];
  if (content.length !== 1 || image?.type !== 'image' || !ctx.sourceDir) return undefined;
  const loaded = loadImage(image.url, ctx.sourceDir);
  if (!loaded) return undefined;
  const { theme } = ctx;
  const measure = ctx.measure - indent;
  // At most the text area's height less room for a note, so it fits on a page; in a note, a
  // quarter of it, so the note leaves its page room for the text that cites it.
  const room = (theme.page.height - theme.page.margin.top - theme.page.margin.bottom) * (ctx.kind === 'note' ? 0.25 : 0.8);
  const natural = { width: (loaded.width * 72) / PX_PER_INCH, height: (loaded.height * 72) / PX_PER_INCH };
  const scale = Math.min(1, measure / natural.width, room / natural.height);
  const width = natural.width * scale;
  const height = natural.height * scale;
  const leading = height + 4;
  const alt = image.alt || image.title || '';
  // Centred, in either direction.
  const x = (measure - width) / 2;
  const box = lineBox(
    [], [], [], measure, measure, leading, height, [], undefined,
    [{ path: loaded.path, type: loaded.type === 'gif' ? 'png' : loaded.type, pixels: { width: loaded.width, height: loaded.height }, x, y: -leading * 0.78, width, height, alt }],
    structNode('Figure', ctx.struct, { alt }),
  );
  return frame('figure', FREE, [{ box, kind: ctx.kind, indent, spaceBefore: gap }], { struct: box.struct, float: true });
}

/** A heading stays with what follows it (whose own keeps hold its first two lines together). */
function heading(node: Heading, ctx: BlockContext, indent: number, gap: number): Frame {
  const { theme } = ctx;
  const size = node.depth <= 3 ? theme.sizes.h3 : ctx.size;
  const style: InlineStyle = { role: 'heading', bold: true, italic: node.depth >= 5, size, colour: theme.colours.heading, strike: false };
  const boxes = set(atomsOf(node.children, style, ctx.inline), ctx, indent, {
    leading: size * 1.25, justify: false, hyphenate: false,
  });
  const role = `H${Math.min(6, Math.max(3, node.depth))}` as StructRole;
  const struct = structNode(role, ctx.struct);
  const out = lines(boxes, ctx, indent, gap ? theme.spacing.headingBefore * 0.8 : 0, struct);
  const id = node.data?.id;
  if (id && out[0]) out[0].box.anchors.unshift({ id, x: 0 });
  // Sub-headings of the text get a bookmark under their section's.
  if (id && out[0] && node.depth === 3 && ctx.kind === 'body') out[0].outline = { id, title: inlineText(node.children), level: 3 };
  return frame('heading', HEADING, out, { struct });
}

/** Bullets by nesting, as Typst sets them, from what the body fonts draw (a browser's disc,
 * circle and square are not among their glyphs). A right-to-left edition leaves out the
 * triangle, which points right whatever the direction. */
const BULLETS = ['\u2022', '\u2023', '\u2013'];
const RTL_BULLETS = ['\u2022', '\u2013'];

function list(node: List, ctx: BlockContext, indent: number, gap: number): Frame {
  const { theme } = ctx;
  const depth = ctx.lists ?? 0;
  const bullets = ctx.base.rtl ? RTL_BULLETS : BULLETS;
  const out: Frame[] = [];
  const struct = structNode('L', ctx.struct);
  // The markers first: a numbered list whose widest number (with the space after it) is wider than
  // the indent moves its items in further, by that width, so that "100." does not hang into the
  // margin; up to 2 pt of overhang is left as it is, as optical margins allow.
  const markers = node.children.map((item, k) => set([{
    kind: 'text',
    text: item.checked === true ? '[x]' : item.checked === false ? '[ ]' : node.ordered ? `${(node.start ?? 1) + k}.` : bullets[depth % bullets.length]!,
    style: bodyStyle(theme, ctx.size),
    node: item,
  }], ctx, 0, { justify: false, hyphenate: false })[0]);
  const widest = node.ordered ? markers.reduce((w, m) => Math.max(w, m?.width ?? 0), 0) + MARKER_GAP : 0;
  // Deeply nested lists stop moving in once the text would get narrower than 40% of the column.
  const step = Math.max(0, Math.min(widest > theme.spacing.listIndent + 2 ? widest : theme.spacing.listIndent, ctx.measure * 0.6 - indent));
  node.children.forEach((item, k) => {
    const li = structNode('LI', struct);
    const label = structNode('Lbl', li);
    const body = structNode('LBody', li);
    const inner = blocks(item.children as Block[], { ...ctx, struct: body, lists: depth + 1 }, indent + step, k === 0 ? gap : node.spread ? theme.spacing.paragraph : 2);
    const first = firstLine(inner);
    if (!first) return;
    const marker = markers[k];
    if (marker) {
      // The marker hangs in the indent, its right edge a little before the item's text. The
      // item's first line may be deeper in (a nested list's, a quote's, a code block's): the
      // marker stays at the item's own edge, not at that line's, where it was drawn over the
      // nested list's marker or inside the quote's bar.
      const deeper = first.indent - (indent + step);
      const shift = ctx.base.rtl ? first.box.measure + deeper + MARKER_GAP : -deeper - marker.width - MARKER_GAP;
      const task = item.checked === true || item.checked === false;
      for (const run of marker.runs) first.box.runs.unshift({ ...run, x: shift + (run.x - (ctx.base.rtl ? marker.measure - marker.width : 0)), struct: label, ...(task ? { invisible: true } : {}) });
      // The box at the marker's edge next to the text: its right edge left to right, its left one
      // right to left.
      if (task) (first.box.rules ??= []).push(...taskBox(ctx.base.rtl ? shift : shift + marker.width - taskSide(ctx.size), ctx.size, item.checked === true, ctx.theme.colours.text));
    }
    out.push(frame('item', LIST_ITEM, inner, { struct: li }));
  });
  return frame('list', FREE, out, { struct });
}

/** The side of a task's box, for text of `size`: about a capital's height. */
const taskSide = (size: number): number => size * 0.68;

/** A task's box, drawn as lines: its left edge at `left` (from the line's start), standing on the
 * baseline, as tall as a capital, with a tick when the task is done. The body fonts draw no
 * ballot box (U+2610–U+2612); the marker's text, "[ ]" or "[x]" as written, is set invisibly
 * under it for extraction and screen readers (GlyphRun.invisible). */
export function taskBox(left: number, size: number, done: boolean, colour: string): Rule[] {
  const side = taskSide(size);
  const right = left + side;
  const width = size * 0.06;
  // The sides overlap by half the stroke at the corners, which butt ends would leave open.
  const h = width / 2;
  const box: Rule[] = [
    { x1: left - h, y1: 0, x2: right + h, y2: 0, width, colour },
    { x1: left - h, y1: -side, x2: right + h, y2: -side, width, colour },
    { x1: left, y1: h, x2: left, y2: -side - h, width, colour },
    { x1: right, y1: h, x2: right, y2: -side - h, width, colour },
  ];
  if (!done) return box;
  const tick = size * 0.1;
  const bottom = { x: left + side * 0.42, y: -side * 0.2 };
  return [
    ...box,
    { x1: left + side * 0.18, y1: -side * 0.52, x2: bottom.x + tick * 0.3, y2: bottom.y + tick * 0.3, width: tick, colour },
    { x1: bottom.x - tick * 0.2, y1: bottom.y + tick * 0.2, x2: left + side * 0.84, y2: -side * 0.84, width: tick, colour },
  ];
}

/** Space between a list item's marker and its text. */
const MARKER_GAP = 4;

/** Room a quote's bar takes at its start: the bar's offset, its width and a little space. */
const BAR_ROOM = 10;

function quote(node: Block & { type: 'blockquote' }, ctx: BlockContext, indent: number, gap: number): Frame {
  const { theme } = ctx;
  const struct = structNode('BlockQuote', ctx.struct);
  // Deeply nested quotes stop moving in once the text would get narrower than 40% of the column.
  const step = Math.max(0, Math.min(theme.spacing.blockquoteIndent, ctx.measure * 0.6 - indent));
  const inner = blocks(node.children as Block[], { ...ctx, struct }, indent + step, gap);
  // The bar, drawn by the page builder from line to line; an outer quote's bar stays beside a
  // nested one's. A quote nested past that point, moved in by less than the bar and the space
  // after it, has no bar of its own: it would be drawn across its first letters.
  const bar = step >= BAR_ROOM ? { x: indent + 6, quote: struct, width: 1.2, colour: theme.colours.rule } : undefined;
  return frame('quote', FREE, inner, bar ? { struct, bar } : { struct });
}

function code(node: Block & { type: 'code' }, ctx: BlockContext, indent: number, gap: number): Frame {
  const style: InlineStyle = { ...bodyStyle(ctx.theme, ctx.size * 0.85), role: 'mono' };
  const boxes = setCode(node.value, style, { ...ctx.base, measure: ctx.measure - indent - 8, leading: ctx.leading * 0.9, justify: false, align: 'start', hyphenate: false }, node);
  const struct = structNode('Code', ctx.struct);
  const flow = lines(boxes, ctx, indent + 8, gap, struct);
  return frame('code', flow.length <= SHORT_CODE ? { ...CODE, whole: true } : CODE, flow, { struct });
}

function paragraph(boxes: LineBox[], ctx: BlockContext, indent: number, gap: number): Frame {
  const struct = structNode('P', ctx.struct);
  return frame('paragraph', PARAGRAPH, lines(boxes, ctx, indent, gap, struct), { struct });
}

/** Sets blocks as frames; `gap` is the space before the first one. */
export function blocks(nodes: Block[], ctx: BlockContext, indent = 0, gap = 0): Frame[] {
  const { theme } = ctx;
  const out: Frame[] = [];
  let space = gap;
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        out.push(figure(node, ctx, indent, space) ?? paragraph(set(atomsOf(node.children, bodyStyle(theme, ctx.size), ctx.inline), ctx, indent), ctx, indent, space));
        space = theme.spacing.paragraph;
        break;
      case 'heading':
        out.push(heading(node, ctx, indent, space));
        space = theme.spacing.headingAfter;
        break;
      case 'list':
        out.push(list(node, ctx, indent, space));
        space = theme.spacing.paragraph;
        break;
      case 'blockquote':
        out.push(quote(node, ctx, indent, space));
        space = theme.spacing.paragraph;
        break;
      case 'code':
        out.push(code(node, ctx, indent, space));
        space = theme.spacing.paragraph;
        break;
      case 'table':
        out.push(table(node, ctx, indent, space));
        space = theme.spacing.paragraph;
        break;
      case 'thematicBreak': {
        // A rule, not content (no element).
        const w = ctx.measure - indent;
        const y = -ctx.leading * 0.3;
        out.push(frame('rule', FREE, [{
          box: lineBox([], [], [], 0, w, ctx.leading, 0, [], [{ x1: w * 0.35, y1: y, x2: w * 0.65, y2: y, width: 0.5, colour: theme.colours.rule }]),
          kind: ctx.kind, indent, spaceBefore: space,
        }]));
        space = theme.spacing.paragraph;
        break;
      }
      default: {
        // Anything else the model lets through still prints its text.
        const value = (node as { value?: unknown }).value;
        const children = (node as { children?: unknown[] }).children;
        if (typeof value === 'string') {
          const atoms: Atom[] = [{ kind: 'text', text: value, style: bodyStyle(theme, ctx.size), node }];
          out.push(paragraph(set(atoms, ctx, indent), ctx, indent, space));
        } else if (children) out.push(...blocks(children as Block[], ctx, indent, space));
        space = theme.spacing.paragraph;
      }
    }
  }
  return out;
}
