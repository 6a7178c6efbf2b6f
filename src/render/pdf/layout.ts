// Lays out a whole report: its parts (disclaimer, back-link, title, summary, contents, sections) in
// the order the report type gives, notes at the page feet, running footer. Page numbers of the contents are filled in after pagination (the contents' height does
// not depend on them: one entry, one line or more, whatever its number).
import type { Text } from 'mdast';
import { dateInWords, labelWithOrigin, noteSeparator } from '../../shared/label.ts';
import { wholeAt, type TextOrigin } from '../../shared/origin.ts';
import type { Report } from '../../model/types.ts';
import type { Part, WriterContext } from '../types.ts';
import { blocks, bodyStyle, type BlockContext } from './blocks.ts';
import { firstLine, frame, FREE, HEADING, WHOLE, type FlowLine, type Frame, type FrameKind } from './flow.ts';
import { faceChain } from './fonts.ts';
import { atomsOf, type Atom, type InlineContext, type InlineStyle } from './inline.ts';
import { PLACED_SPACE } from './bidi.ts';
import { glyphRun } from './build-line.ts';
import { paginate } from './paginate.ts';
import { setParagraph, type SetOptions } from './paragraph.ts';
import { placedGlyph } from './pieces.ts';
import { shapeText } from './shape.ts';
import { structNode } from './structure.ts';
import type { GlyphRun, LineBox, PdfLayout, StructNode } from './types.ts';
import { columnWidth } from '../../templates/types.ts';
import { loadImage } from '../../shared/images.ts';

export function layoutReport(report: Report, ctx: WriterContext): PdfLayout {
  const { theme, labels } = ctx;
  const { page, sizes, spacing, colours } = theme;
  const rtl = report.dir === 'rtl';
  const measure = columnWidth(page);
  const noteIds = new Map(report.footnotes.map((f) => [f.identifier, f.id]));
  const inline: InlineContext = {
    linkColour: colours.link,
    codeSize: sizes.body * 0.9,
    noteId: (identifier) => noteIds.get(identifier) ?? `fn-${identifier}`,
    noteSeparator: noteSeparator(labels),
  };
  const base = { theme, rtl, lang: report.lang, file: report.sourcePath, superscript: sizes.superscript };
  const root = structNode('Document');
  // Pictures among words are drawn in the text of the sections, not in notes or section headings
  // (see InlineContext.image).
  const { sourceDir } = ctx;
  const bodyInline: InlineContext = sourceDir ? { ...inline, image: (url) => loadImage(url, sourceDir) } : inline;
  const bodyCtx: BlockContext = { theme, inline: bodyInline, base, measure, size: sizes.body, leading: sizes.leading, kind: 'body', sourceDir, struct: root };
  const setOpts = (over: Partial<SetOptions>): SetOptions => ({
    ...base, measure, leading: sizes.leading, justify: false, align: 'start', hyphenate: false, ...over,
  });
  const text = (value: string, style: InlineStyle, extra: Partial<Atom> = {}): Atom =>
    ({ kind: 'text', text: value, style, node: { type: 'text' }, ...extra }) as Atom;
  const flowOf = (boxes: LineBox[], kind: FlowLine['kind'], spaceBefore: number, struct: StructNode): FlowLine[] =>
    boxes.map((box, k) => ({ box: { ...box, struct }, kind, indent: 0, spaceBefore: k === 0 ? spaceBefore : 0 }));
  /** A frame set whole and kept with what follows: the title block, a section's heading. */
  const kept = (kind: FrameKind, boxes: LineBox[], lineKind: FlowLine['kind'], spaceBefore: number, struct: StructNode): Frame =>
    frame(kind, HEADING, flowOf(boxes, lineKind, spaceBefore, struct), { struct });

  const small: InlineStyle = { ...bodyStyle(theme, sizes.small), colour: colours.muted };
  // Text that is not the edition's Markdown (the title, the labels and the values filled into
  // them) is reported where it was written: the front matter, report.yaml, the labels file.
  const placed = (value: string, origin: TextOrigin | undefined): Text => ({ type: 'text', value, data: { origin } as Text['data'] });
  const titleNode = placed(report.meta.title, wholeAt(report.meta.title, report.places.title));
  const titleStyle: InlineStyle = { role: 'heading', bold: true, italic: false, size: sizes.title, colour: colours.heading, strike: false };
  const contentsHeading: InlineStyle = { role: 'heading', bold: true, italic: false, size: sizes.h3, colour: colours.heading, strike: false };
  const entryStyle: InlineStyle = { ...bodyStyle(theme, sizes.contents) };
  const contentsLeading = sizes.contents * 1.45;
  /** Each contents entry's title, set once: the entries are made twice (before and after
   * pagination), with only their page numbers changed. */
  const entryTitles = new Map<number, LineBox[]>();
  const entry = (k: number, number: string, id: string): LineBox[] => {
    let titleBoxes = entryTitles.get(k);
    if (!titleBoxes) entryTitles.set(k, (titleBoxes = setParagraph(entryAtoms(k), setOpts({ measure: measure - 28, leading: contentsLeading }))));
    // Copies the leaders and links are added to (right to left, the title's runs move too).
    const boxes = titleBoxes.map((box) => ({ ...box, runs: box.runs.map((run) => ({ ...run })), links: [...box.links] }));
    const last = boxes[boxes.length - 1];
    if (last) addLeaders(last, number, entryStyle, measure, rtl, theme);
    for (const box of boxes) box.links.push({ x: 0, width: measure, ascent: sizes.contents * 0.8, descent: sizes.contents * 0.3, target: { dest: id } });
    for (const box of boxes) box.measure = measure;
    return boxes;
  };
  // Contents entries take the title's text and emphasis, not its links or notes.
  const entryAtoms = (k: number): Atom[] =>
    atomsOf(report.sections[k]!.title, entryStyle, { ...inline, linkColour: entryStyle.colour }).filter((a) => a.kind !== 'ref');
  /** Each section's contents entry, once the contents are set (page numbers come later). */
  let contents: FlowLine[][] = [];
  /** The contents' entries in the structure (TOCI), made once: the entries are set twice. */
  let entries: StructNode[] = [];
  const h2: InlineStyle = { role: 'heading', bold: true, italic: false, size: sizes.h2, colour: colours.heading, strike: false };

  // The flow of each part. Space above a part that follows the title block is the title's gap;
  // the first part of all starts at the top margin.
  // The title block (disclaimer, back-link, title, date) stays with what follows it.
  const build: Record<Exclude<Part, 'notes'>, (first: boolean) => Frame[]> = {
    disclaimer: (first) => [kept('title', setParagraph([text(labels.disclaimer, small, { node: placed(labels.disclaimer, labels.origins?.disclaimer) })], setOpts({ leading: sizes.small * 1.35 })), 'title', first ? 0 : 2, structNode('P', root))],
    'back-link': (first) => [kept('title', setParagraph([text(labels.backLink, { ...small, colour: colours.link }, { link: { uri: labels.backLinkUrl }, node: placed(labels.backLink, labels.origins?.backLink) })], setOpts({ leading: sizes.small * 1.35 })), 'title', first ? 0 : 2, structNode('P', root))],
    // The title, then the date the edition was published, in its language.
    title: (first) => [
      kept('title', setParagraph([text(report.meta.title, titleStyle, { node: titleNode })], setOpts({ leading: sizes.title * 1.2 })), 'title', first ? 0 : spacing.titleAfter * 1.6, structNode('H1', root)),
      kept('title', setParagraph([text(dateInWords(ctx.date, labels), small)], setOpts({ leading: sizes.small * 1.35 })), 'title', 4, structNode('P', root)),
    ],
    summary: (first) => blocks(report.summary, bodyCtx, 0, first ? 0 : spacing.titleAfter),
    contents: (first) => {
      const head = kept('heading', setParagraph([text(labels.contents, contentsHeading, { node: placed(labels.contents, labels.origins?.contents) })], setOpts({ leading: sizes.h3 * 1.3 })), 'heading', first ? 0 : spacing.headingBefore, structNode('H2', root));
      const toc = structNode('TOC', root);
      entries = report.sections.map(() => structNode('TOCI', toc));
      contents = report.sections.map((section, k) => flowOf(entry(k, '0', section.id), 'contents', 0, entries[k]!));
      // An entry of two lines is not split: its page number is on its last.
      return [head, frame('contents', FREE, contents.map((lines, k) => frame('contents', WHOLE, lines, { struct: entries[k] })), { struct: toc })];
    },
    sections: (first) => report.sections.flatMap((section, k) => {
      const atoms = atomsOf(section.title, h2, inline);
      const head = kept('heading', setParagraph(atoms, setOpts({ leading: sizes.h2 * 1.25 })), 'heading', first && k === 0 ? 0 : spacing.headingBefore, structNode('H2', root));
      const line = firstLine([head]);
      if (line) {
        line.outline = { id: section.id, title: section.titleText, level: 2 };
        line.box.anchors.unshift({ id: section.id, x: 0 });
      }
      return [head, ...blocks(section.blocks, bodyCtx, 0, spacing.headingAfter)];
    }),
  };
  const flow: Frame[] = [];
  // The parts in the report type's order; notes go to the page feet wherever the type lists them.
  for (const part of ctx.parts) if (part !== 'notes') flow.push(...build[part](!firstLine(flow)));

  // Notes: number (a link back to the first reference), then the note's blocks.
  const noteCtx: BlockContext = { ...bodyCtx, inline, size: sizes.footnote, leading: sizes.footnoteLeading, kind: 'note' };
  const notes = new Map<string, Frame>();
  for (const note of ctx.parts.includes('notes') ? report.footnotes : []) {
    // A note is a Note element: its number (a label), then its blocks.
    const element = structNode('Note', root, { id: note.id });
    const label = structNode('Lbl', element);
    const frames = blocks(note.blocks, { ...noteCtx, struct: element }, 0, 0);
    const back = note.references[0]?.refId;
    const noteStyle = { ...bodyStyle(theme, sizes.footnote), colour: colours.link };
    const number = setParagraph([text(`${note.number}.`, noteStyle, back ? { link: { dest: back } } : {})], setOpts({ leading: sizes.footnoteLeading }))[0];
    const first = firstLine(frames);
    if (first) {
      first.spaceBefore = 2;
      first.box.anchors.unshift({ id: note.id, x: 0 });
      if (number) {
        const gap = 3;
        // At the note's own edge, as every note's number hangs, whatever its first line is: one
        // deeper in (a list's item, a quote's, a code block's) had the number drawn over the
        // list's marker or inside the quote's bar.
        const deeper = first.indent;
        const shift = rtl ? first.box.measure + deeper + gap : -deeper - number.width - gap;
        const from = rtl ? number.measure - number.width : 0;
        // The number comes before the note's text in reading order.
        first.box.runs.unshift(...number.runs.map((r) => ({ ...r, x: r.x - from + shift, struct: label, order: r.order?.map((o) => o - 1e6) })));
        if (first.box.text !== undefined) {
          first.box.text = `${number.text ?? `${note.number}.`} ${first.box.text}`;
          // pdf.js reads the number and the text as two pieces drawn right to left, with nothing
          // between them: a space in the gap, read as a letter (see PLACED_SPACE), after the number.
          // Ranked between the two (the number's ranks are moved 1e6 down, the text's are from 0).
          if (rtl) first.box.runs.push(gapSpace(faceChain(theme, noteStyle, rtl)[0]!, noteStyle, first.box.measure, gap, { struct: label, order: [-1e6 + 1e5] }));
        }
        first.box.links.push(...number.links.map((l) => ({ ...l, x: l.x - from + shift })));
      }
    }
    notes.set(note.id, frame('note', FREE, frames, { struct: element }));
  }

  const paginated = paginate(flow, notes, {
    left: page.margin.left,
    right: page.width - page.margin.right,
    rtl,
    top: page.margin.top,
    bottom: page.height - page.margin.bottom,
    measure,
    footnoteGap: spacing.footnoteGap,
    footnoteRule: spacing.footnoteRule,
    ruleColour: colours.rule,
    noteGap: 2,
  });

  // Now the page numbers are known: rewrite the contents entries in place.
  contents.forEach((lines, k) => {
    const section = report.sections[k]!;
    const target = paginated.anchors[section.id]?.page ?? 0;
    const boxes = entry(k, String(target), section.id);
    lines.forEach((line, n) => {
      const placed = paginated.placed.get(line);
      if (placed && boxes[n]) placed.box = { ...boxes[n]!, struct: entries[k] };
    });
  });

  // Running footer: the title on the start side, "Page n of N" on the end side.
  const footerStyle: InlineStyle = { ...bodyStyle(theme, sizes.small), colour: colours.muted };
  const total = paginated.pages.length;
  const pageCount = (n: number): LineBox | undefined => {
    const pageOf = labelWithOrigin(labels.pageOf, { page: n, pages: total }, labels.origins?.pageOf);
    return setParagraph([text(pageOf.text, footerStyle, { node: placed(pageOf.text, pageOf.origin) })], setOpts({ leading: sizes.small, align: 'end' }))[0];
  };
  // The title in the room the widest page number leaves (the last page's has the most digits),
  // two ems apart from it; on the start side, the right in a right-to-left edition.
  const room = measure - (pageCount(total)?.width ?? 0) - 2 * sizes.small;
  const setTitle = (value: string, width: number): LineBox[] => setParagraph([text(value, footerStyle, { node: titleNode })], setOpts({ leading: sizes.small, measure: width }));
  const whole = setTitle(report.meta.title, measure);
  const fits = whole.length === 1 && whole[0]!.width <= room;
  const title = fits ? whole[0] : runningTitle(report.meta.title, (value) => setTitle(value, room));
  const titleX = page.margin.left + (!fits && rtl ? measure - room : 0);
  for (const p of paginated.pages) {
    const y = page.height - page.footerOffset;
    const count = pageCount(p.number);
    if (title) p.lines.push({ kind: 'footer', x: titleX, y, box: title });
    if (count) p.lines.push({ kind: 'footer', x: page.margin.left, y, box: count });
  }

  return { pages: paginated.pages, outline: paginated.outline, anchors: paginated.anchors, measure, structure: root };
}

/** The running footer's title, set by `set` in the room beside the page number: whole when it
 * fits on one line, else cut after as many words as fit with an ellipsis (a long title was drawn
 * over the page number), or, a first word too long even alone, its first line. */
function runningTitle(title: string, set: (value: string) => LineBox[]): LineBox | undefined {
  const whole = set(title);
  if (whole.length <= 1) return whole[0];
  const words = title.split(/\s+/u);
  const cut = (count: number): LineBox[] => set(`${words.slice(0, count).join(' ')}…`);
  // The most words that fit with the ellipsis: one line for a few words, two for all of them.
  let fits = 0;
  let over = words.length;
  while (over - fits > 1) {
    const mid = (fits + over) >> 1;
    if (cut(mid).length <= 1) fits = mid;
    else over = mid;
  }
  return fits > 0 ? cut(fits)[0] : whole[0];
}

/** A run of one space glyph filling the gap from `x`, `width` wide, for a space pdf.js would not
 * read between two pieces of a line drawn right to left. */
function gapSpace(face: ReturnType<typeof faceChain>[number], style: InlineStyle, x: number, width: number, run: Pick<Partial<GlyphRun>, 'colour' | 'struct' | 'order'>): GlyphRun {
  const glyph = shapeText(face, ' ', false).glyphs[0]!;
  return glyphRun(face.path, style.size, run.colour ?? style.colour, x, 0, [placedGlyph(glyph.gid, width, 0, 0, PLACED_SPACE)], undefined, run.struct, run.order);
}

/** Dot leaders from the entry's end to its page number, dots on a common grid so the columns of
 * dots line up from entry to entry. */
function addLeaders(box: LineBox, number: string, style: InlineStyle, measure: number, rtl: boolean, theme: WriterContext['theme']): void {
  const face = faceChain(theme, style, rtl)[0]!;
  const scale = style.size / face.upem;
  const numberShaped = shapeText(face, number, false);
  const numberWidth = numberShaped.width * scale;
  const dot = shapeText(face, '.', false).glyphs[0]!;
  const pitch = style.size * 0.55;
  const glyph = (g: { gid: number; advance: number; xOffset: number; yOffset: number; text: string }, advance: number) =>
    placedGlyph(g.gid, advance, g.xOffset * scale, g.yOffset * scale, g.text);
  const run = (x: number, glyphs: GlyphRun['glyphs']): GlyphRun => glyphRun(face.path, style.size, theme.colours.muted, x, 0, glyphs);
  const numberGlyphs = numberShaped.glyphs.map((g) => glyph(g, g.advance * scale));
  if (box.text !== undefined) box.text = `${box.text} ${number}`;
  if (!rtl) {
    const start = Math.ceil((box.width + pitch) / pitch) * pitch;
    const end = measure - numberWidth - pitch * 0.8;
    const dots: GlyphRun['glyphs'] = [];
    for (let x = start; x + pitch <= end; x += pitch) dots.push(glyph(dot, pitch));
    if (dots.length) box.runs.push(run(start, dots));
    box.runs.push({ ...run(measure - numberWidth, numberGlyphs), colour: style.colour });
  } else {
    const titleLeft = box.runs.reduce((m, r) => Math.min(m, r.x), measure) + 28;
    for (const r of box.runs) r.x += 28;
    const dots: GlyphRun['glyphs'] = [];
    let x = numberWidth + pitch * 0.8;
    const startX = x;
    for (; x + pitch <= titleLeft - pitch; x += pitch) dots.push(glyph(dot, pitch));
    // pdf.js reads the title, the leaders and the number as pieces drawn right to left, with
    // nothing between them: a space in each gap, read as a letter (see PLACED_SPACE).
    const gap = (from: number, to: number) => {
      if (box.text !== undefined && to > from) box.runs.push(gapSpace(face, style, from, to - from, { colour: theme.colours.muted }));
    };
    if (dots.length) {
      gap(x, titleLeft);
      box.runs.push(run(startX, dots));
      gap(numberWidth, startX);
    } else gap(numberWidth, titleLeft);
    box.runs.push({ ...run(0, numberGlyphs), colour: style.colour });
  }
}
