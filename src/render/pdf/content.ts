// The content stream of a page: each line's text in a marked-content span of its kind, its rules
// and images, the page's own rules. Everything is where the layout put it; nothing is measured here.
import { cidKey, widthOf, type FontUse } from './embed-fonts.ts';
import { fmt, hex4, rgb, utf16Hex } from './operators.ts';
import type { GlyphRun, LineImage, Page, PlacedLine, Rule } from './types.ts';

/** Marks are drawn inside this marked-content span: its empty ActualText (UTF-16BE, just the BOM)
 * tells poppler and Acrobat the marks stand for no text, so the zero-width space never reaches an
 * extractor that honours ActualText. pdf.js ignores ActualText and drops the zero-width space. */
const NO_TEXT = '/Span <</ActualText <FEFF>>> BDC';

/** A glyph drawn on top of another (an Arabic dot, an accent): no advance and no text of its own. */
function isMark(g: GlyphRun['glyphs'][number]): boolean {
  return g.advance === 0 && g.text === '';
}

/** The operators of one run, the text matrix at the run's origin: first the glyphs that advance
 * the pen, in one TJ with the adjustments that put each where the shaper placed it (kerning,
 * justification), then the marks, each moved to its place with Td. Drawing the marks apart keeps
 * the letters of a word contiguous in the text position: a mark drawn in between makes the pen go
 * back and forth, and text extractors (poppler, pdf.js) read the jump as a word space. */
function showRun(run: GlyphRun, use: FontUse, actualText = false): string {
  // Inside a line's ActualText nothing needs a span of its own (and poppler does not nest them).
  const noText = (ops: string) => (actualText ? ops : `${NO_TEXT} ${ops} EMC`);
  const face = use.face;
  const parts: string[] = [];
  const marks: { cid: number; x: number; y: number }[] = [];
  let array = '';
  let cur = 0;
  let pen = 0;
  const cidOf = (g: GlyphRun['glyphs'][number]): number => use.cids.get(cidKey(g.gid, g.text))!;
  const flush = (): void => {
    if (array) parts.push(`[${array}] TJ`);
    array = '';
  };
  for (const g of run.glyphs) {
    if (isMark(g)) {
      marks.push({ cid: cidOf(g), x: pen + g.xOffset, y: g.yOffset });
      continue;
    }
    const desired = pen + g.xOffset;
    const adjust = -((desired - cur) * 1000) / run.size;
    if (Math.abs(adjust) > 0.05) array += ` ${fmt(adjust)} `;
    if (g.text === '') {
      // A glyph standing for no text (the hyphen Folio inserts at a break) is shown inside an
      // empty ActualText, as the marks are.
      flush();
      const rise = g.yOffset ? [`${fmt(g.yOffset)} Ts`, '0 Ts'] : ['', ''];
      parts.push(noText(`${rise[0]} [<${hex4(cidOf(g))}>] TJ ${rise[1]}`));
    } else if (g.yOffset) {
      flush();
      parts.push(`${fmt(g.yOffset)} Ts [<${hex4(cidOf(g))}>] TJ 0 Ts`);
    } else array += `<${hex4(cidOf(g))}>`;
    cur = desired + (widthOf(face, g.gid) * run.size) / 1000;
    pen += g.advance;
  }
  flush();
  // Td moves from the previous Td origin (the run's origin at first), whatever was drawn since.
  let x = 0;
  let y = 0;
  if (marks.length && !actualText) parts.push(NO_TEXT);
  for (const mark of marks) {
    const dx = fmt(mark.x - x);
    const dy = fmt(mark.y - y);
    parts.push(`${dx} ${dy} Td <${hex4(mark.cid)}> Tj`);
    x += Number(dx);
    y += Number(dy);
  }
  if (marks.length && !actualText) parts.push('EMC');
  return parts.join(' ');
}

/** The marked-content tag each kind of line is drawn in: readers (and the output audit) tell the
 * notes from the text by it, and the running footer is an artifact, not content. */
const TAGS: Record<PlacedLine['kind'], string> = {
  title: 'H1', heading: 'H2', body: 'P', contents: 'TOCI', note: 'Note', footer: 'Artifact',
};

function ruleOps(rule: Rule, dx: number, yTop: (y: number) => number): string {
  return `${fmt(rule.width)} w ${rgb(rule.colour)} RG ${fmt(rule.x1 + dx)} ${fmt(yTop(rule.y1))} m ${fmt(rule.x2 + dx)} ${fmt(yTop(rule.y2))} l S`;
}

/** Draws an image: the unit square scaled to its size, its lower left corner at (x, bottom). */
function imageOps(image: LineImage, name: string, lineX: number, bottom: number): string {
  return `q ${fmt(image.width)} 0 0 ${fmt(image.height)} ${fmt(lineX + image.x)} ${fmt(bottom)} cm /${name} Do Q`;
}


export interface PageContent {
  ops: string;
  fonts: Set<FontUse>;
  /** Paths of the images drawn. */
  images: Set<string>;
}

/** The operators of a page; `height` turns the layout's top-down y into PDF's bottom-up one. */
export function pageContent(page: Page, fonts: Map<string, FontUse>, images: Map<string, { name: string }>, height: number): PageContent {
  const yTop = (y: number): number => height - y;
  const ops: string[] = [];
  const used = new Set<FontUse>();
  const pictures = new Set<string>();
  for (const line of page.lines) {
    if (line.box.runs.length) {
      const actual = line.box.text !== undefined;
      ops.push(`/${TAGS[line.kind]} BMC`);
      // A line holding right-to-left text gives extractors its text (see LineBox.text).
      if (actual) ops.push(`/Span <</ActualText <FEFF${utf16Hex(line.box.text!)}>>> BDC`);
      ops.push('BT');
      for (const run of line.box.runs) {
        const use = fonts.get(run.face)!;
        used.add(use);
        ops.push(`/${use.name} ${fmt(run.size)} Tf ${rgb(run.colour)} rg 1 0 0 1 ${fmt(line.x + run.x)} ${fmt(yTop(line.y - run.rise))} Tm ${showRun(run, use, actual)}`);
      }
      ops.push('ET');
      if (actual) ops.push('EMC');
      ops.push('EMC');
    }
    for (const image of line.box.images ?? []) {
      pictures.add(image.path);
      ops.push(imageOps(image, images.get(image.path)!.name, line.x, yTop(line.y + image.y + image.height)));
    }
    for (const rule of line.box.rules ?? []) {
      ops.push(ruleOps({ ...rule, y1: rule.y1 + line.y, y2: rule.y2 + line.y }, line.x, yTop));
    }
  }
  for (const rule of page.rules) ops.push(ruleOps(rule, 0, yTop));
  return { ops: ops.join('\n'), fonts: used, images: pictures };
}
