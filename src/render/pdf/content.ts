// The content stream of a page: each line's text and pictures as marked content of their structure
// elements, its rules and the page's own as artifacts. Everything is where the layout put it;
// nothing is measured here.
import { rtlLetter } from '../../model/direction.ts';
import { pdfiumText, popplerText, popplerType, PLACED_SPACE } from './bidi.ts';
import { cidKey, drawnInvisible, widthOf, type FontUse } from './embed-fonts.ts';
import { ContentWriter, fmt, rgb, utf16Hex, utf16Literal } from './operators.ts';
import { NEUTRAL, scriptOf, type Foreign } from '../../model/language.ts';
import type { Elem, Tagger } from './tags.ts';
import type { GlyphRun, LineImage, LineLink, Page, PlacedLine, Rule } from './types.ts';

/** Marks are drawn inside this marked-content span: its empty ActualText (UTF-16BE, just the BOM)
 * tells poppler and Acrobat the marks stand for no text, so the zero-width space never reaches an
 * extractor that honours ActualText. pdf.js ignores ActualText and drops the zero-width space. */
const NO_TEXT = '/Span <</ActualText <FEFF>>> BDC';

/** The hyphen Folio inserts at a break inside a word is drawn inside this span: its ActualText is
 * a hyphen, the last character of its line, which poppler (pdftotext, Evince, Okular) removes,
 * joining the word's halves ("peaceful", not "peace" and "ful" on two lines), and which PDFium
 * marks as a line-end hyphen (U+FFFE) that Chrome and Edge remove when text is copied or
 * searched. Its ToUnicode text is the zero-width space, which pdf.js (Firefox) drops. Measured on
 * the seed's English edition with `pdftotext`, `pdftotext -raw`, `mutool draw -F txt`, pdf.js and
 * PDFium: an empty ActualText, as the marks have, left the word in two in all five, and PDFium
 * read a zero-width space and a line break into it. The standard's soft hyphen (U+00AD) as the
 * ActualText joins nothing in poppler, which keeps it and the line break. */
const INSERTED_HYPHEN = '/Span <</ActualText <FEFF002D>>> BDC';

/** widthOf of each face's glyphs, kept: HarfBuzz is asked once a glyph rather than once a glyph drawn. */
const advances = new WeakMap<FontUse['face'], number[]>();

function advanceOf(face: FontUse['face'], gid: number): number {
  let known = advances.get(face);
  if (!known) advances.set(face, (known = []));
  return (known[gid] ??= widthOf(face, gid));
}

/** The operators of one run, the text matrix at the run's origin: first the glyphs that advance
 * the pen, in one TJ with the adjustments that put each where the shaper placed it (kerning,
 * justification), then the marks, each moved to its place with Td. Drawing the marks apart keeps
 * the letters of a word contiguous in the text position: a mark drawn in between makes the pen go
 * back and forth, and text extractors (poppler, pdf.js) read the jump as a word space. A mark
 * glyph carrying the text of an Arabic cluster's marks (see shape.ts) is drawn in its place: only
 * pdf.js reads it, as zero-width, and needs it before its letter. `order`, when given, is the
 * order to draw the glyphs in (see pageContent). The operators go to `w`, separated by spaces. */
function showRun(w: ContentWriter, run: GlyphRun, use: FontUse, actualText = false, order?: number[]): void {
  const face = use.face;
  const glyphs = run.glyphs;
  let marks: { cid: number; x: number; y: number }[] | undefined;
  let parts = 0;
  /** Starts a part: a space after the one before. */
  const part = (): void => {
    if (parts++ > 0) w.byte(32);
  };
  // Whether a TJ array is open; it is closed before anything else is drawn. Inside it, the glyphs
  // between two adjustments are one hex string (two bytes a glyph), not a string each: a quarter
  // fewer bytes to write, compress and read back (the audit tokenizes every page, read.ts), and a
  // tokenizer meets one string a word rather than one a letter.
  let array = false;
  let hex = false;
  let cur = 0;
  const cidOf = (g: GlyphRun['glyphs'][number]): number => {
    // A glyph's first text has CID = glyph id (see assignCids): found without making a key.
    const first = use.byCid.get(g.gid);
    return first !== undefined && first.text === g.text ? g.gid : use.cids.get(cidKey(g.gid, g.text))!;
  };
  const closeHex = (): void => {
    if (hex) w.byte(62);
    hex = false;
  };
  const flush = (): void => {
    closeHex();
    if (array) w.text('] TJ');
    array = false;
  };
  const open = (): void => {
    if (array) return;
    part();
    w.byte(91);
    array = true;
  };
  // Where each glyph's pen is; the glyphs are drawn in `order` when given (indices), else as set.
  let pens: number[] | undefined;
  if (order) {
    pens = [];
    let at = 0;
    for (const g of glyphs) {
      pens.push(at);
      at += g.advance;
    }
  }
  let pen = 0;
  const count = order ? order.length : glyphs.length;
  // The run's size and each glyph's advance are read once: in a fresh process this code runs
  // unoptimised, where each read of a fractional number from an object makes a new heap number.
  const size = run.size;
  for (let i = 0; i < count; i++) {
    const k = order ? order[i]! : i;
    const g = glyphs[k]!;
    const advance = g.advance;
    const at = pens ? pens[k]! : pen;
    pen += advance;
    if (advance === 0 && g.text === '') {
      // A mark: a glyph drawn on top of another (an Arabic dot, an accent), with no advance and
      // no text of its own.
      (marks ??= []).push({ cid: cidOf(g), x: at + g.xOffset, y: g.yOffset });
      continue;
    }
    const desired = at + g.xOffset;
    const adjust = -((desired - cur) * 1000) / size;
    if (adjust > 0.05 || adjust < -0.05) {
      open();
      closeHex();
      w.byte(32);
      w.num(adjust);
      w.byte(32);
    }
    if (g.text === '') {
      // A glyph standing for no text (the hyphen Folio inserts at a break) is shown inside an
      // ActualText of its own; inside a line's ActualText nothing needs a span of its own (and
      // poppler does not nest them).
      flush();
      part();
      if (!actualText) w.text(`${g.inserted ? INSERTED_HYPHEN : NO_TEXT} `);
      if (g.yOffset) {
        w.num(g.yOffset);
        w.text(' Ts');
      }
      w.text(' [<');
      w.hex4(cidOf(g));
      w.text('>] TJ ');
      if (g.yOffset) w.text('0 Ts');
      if (!actualText) w.text(' EMC');
    } else if (g.text === PLACED_SPACE && advanceOf(face, g.gid) > 0) {
      // Scaled to fill the space it stands for (a space glyph has no ink), so that pdf.js finds
      // no gap after it (see PLACED_SPACE); the scale is restored before anything else.
      flush();
      const scale = (100 * advance * 1000) / (advanceOf(face, g.gid) * size);
      part();
      w.num(scale);
      w.text(' Tz [<');
      w.hex4(cidOf(g));
      w.text('>] TJ 100 Tz');
      cur = desired + advance;
      continue;
    } else if (g.yOffset) {
      flush();
      part();
      w.num(g.yOffset);
      w.text(' Ts [<');
      w.hex4(cidOf(g));
      w.text('>] TJ 0 Ts');
    } else {
      open();
      if (!hex) w.byte(60);
      hex = true;
      w.hex4(cidOf(g));
    }
    // (Only a glyph set with no advance can be a format character: the test is rarely made.)
    cur = advance === 0 && drawnInvisible(g.text) ? desired : desired + (advanceOf(face, g.gid) * size) / 1000;
  }
  flush();
  if (!marks) return;
  // Td moves from the previous Td origin (the run's origin at first), whatever was drawn since.
  let x = 0;
  let y = 0;
  if (!actualText) {
    part();
    w.text(NO_TEXT);
  }
  for (const mark of marks) {
    // Moved by the distances as written (rounded), so that the next is measured from there.
    const dx = Math.round((mark.x - x) * 1000) / 1000;
    const dy = Math.round((mark.y - y) * 1000) / 1000;
    part();
    w.num(dx);
    w.byte(32);
    w.num(dy);
    w.text(' Td <');
    w.hex4(mark.cid);
    w.text('> Tj');
    x += dx;
    y += dy;
  }
  if (!actualText) {
    part();
    w.text('EMC');
  }
}

function ruleOps(rule: Rule, dx: number, yTop: (y: number) => number): string {
  return `${fmt(rule.width)} w ${rgb(rule.colour)} RG ${fmt(rule.x1 + dx)} ${fmt(yTop(rule.y1))} m ${fmt(rule.x2 + dx)} ${fmt(yTop(rule.y2))} l S`;
}

/** Draws an image: the unit square scaled to its size, its lower left corner at (x, bottom). */
function imageOps(image: LineImage, name: string, lineX: number, bottom: number): string {
  return `q ${fmt(image.width)} 0 0 ${fmt(image.height)} ${fmt(lineX + image.x)} ${fmt(bottom)} cm /${name} Do Q`;
}


export interface PageContent {
  /** The content stream's bytes. */
  ops: Uint8Array;
  fonts: Set<FontUse>;
  /** Paths of the images drawn. */
  images: Set<string>;
  /** The page's named property lists (/Properties in its resources): name to ActualText, as the
   * bytes of a literal string (utf16Literal). */
  properties: Map<string, string>;
}

/** A piece of a run drawn in one marked-content sequence: the run cut where a link, or a stretch
 * of another language, begins or ends. */
interface Segment {
  run: GlyphRun;
  /** The element of the run (the line's, or the run's own). */
  leaf: Elem;
  link?: LineLink;
  /** Language of a stretch in another script. */
  lang?: string;
  text: string;
}

/** Cuts a line's runs where the structure element changes: a run's own element (a table cell, a
 * list label), a link, a stretch in another script. Glyphs keep their places: a piece starts where
 * its first glyph's pen was. */
function segments(line: PlacedLine, lineElem: Elem, tagger: Tagger, foreign: Foreign): Segment[] {
  const out: Segment[] = [];
  const links = line.box.links;
  for (const run of line.box.runs) {
    const leaf = run.struct ? tagger.elemOf(run.struct, line) : lineElem;
    const glyphs = run.glyphs;
    // Made only when the run is cut: most runs are one piece.
    let pieces: { from: number; to: number; x: number; link?: LineLink; script?: string; text: string }[] | undefined;
    let from = 0;
    let fromPen = 0;
    // The pen before glyph `penAt`, summed only as far as a link or a cut needs it (in the same
    // order, so to the same value): most runs have neither, and unoptimised (a fresh process)
    // each sum is a new heap number.
    let pen = 0;
    let penAt = 0;
    const penBefore = (i: number): number => {
      for (; penAt < i; penAt++) pen += glyphs[penAt]!.advance;
      return pen;
    };
    let text = '';
    let link: LineLink | undefined;
    let script: string | undefined;
    let started = false;
    for (let i = 0; i < glyphs.length; i++) {
      const g = glyphs[i]!;
      // A glyph without text (a mark, a cluster's second glyph, Folio's hyphen) stays with the one before.
      if (g.text !== '') {
        let at: LineLink | undefined;
        if (links.length) {
          const mid = run.x + penBefore(i) + g.advance / 2;
          for (let k = 0; k < links.length; k++) {
            const l = links[k]!;
            if (mid >= l.x && mid < l.x + l.width) at = l;
          }
        }
        // Spaces, digits and punctuation go with the text before them. A space given an Arabic
        // letter mark for pdf.js is a space like any other here.
        const glyphText = g.text === PLACED_SPACE ? ' ' : g.text;
        const s = scriptOf(glyphText);
        const next = s === NEUTRAL ? script : s;
        if (started && (at !== link || next !== script)) {
          (pieces ??= []).push({ from, to: i, x: fromPen, link, script, text });
          from = i;
          fromPen = penBefore(i);
          text = '';
        }
        link = at;
        script = next;
        started = true;
        text += glyphText;
      }
    }
    if (!pieces) {
      if (glyphs.length) out.push({ run, leaf, link, lang: script ? foreign(script, text) : undefined, text });
      continue;
    }
    if (glyphs.length > from) pieces.push({ from, to: glyphs.length, x: fromPen, link, script, text });
    for (const piece of pieces) {
      const whole = piece.from === 0 && piece.to === glyphs.length;
      out.push({
        run: whole ? run : { ...run, x: run.x + piece.x, glyphs: glyphs.slice(piece.from, piece.to), order: run.order?.slice(piece.from, piece.to) },
        leaf, link: piece.link, lang: piece.script ? foreign(piece.script, piece.text) : undefined, text: piece.text,
      });
    }
  }
  return out;
}

/** A line's segments in the order pdf.js (what Firefox copies from) must meet them to give the line
 * in reading order, for a line holding right-to-left text. pdf.js makes a piece of text of each
 * marked-content sequence in one font and size, gives the pieces in the order they are drawn, and
 * reorders each piece alone with its own bidi pass, taking its glyphs as drawn left to right. So
 * the segments that make one such piece stay together, left to right, and the pieces are drawn in
 * reading order. A piece without ranks (a contents entry's leaders and page number, added after
 * its title) comes after those before it. */
function readingOrder(parts: Segment[]): Segment[][] {
  const pieces: Segment[][] = [];
  for (const segment of parts) {
    const last = pieces[pieces.length - 1]?.[0];
    if (last && last.leaf === segment.leaf && last.link === segment.link && last.lang === segment.lang &&
      last.run.face === segment.run.face && last.run.size === segment.run.size) pieces[pieces.length - 1]!.push(segment);
    else pieces.push([segment]);
  }
  let seen = -Infinity;
  const ranked = pieces.map((piece, i) => {
    const order = piece.flatMap((segment) => segment.run.order ?? []);
    if (order.length) seen = Math.max(seen, ...order);
    return { piece, i, rank: order.length ? Math.min(...order) : seen };
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.i - b.i).map((r) => r.piece);
}

/** A right-to-left line's ActualText: in the order poppler reads back as the reading order, not
 * the reading order ISO 32000 asks for. Poppler (22.12) and MuPDF (1.28) both spread an
 * ActualText over its span left to right and then reorder it as if it were drawn, so a line's text
 * in reading order comes out reversed from both. Spans of a word each would not do either: poppler
 * keeps a span's order unless every character in it is a right-to-left letter (TextPage::addChar),
 * and vowel marks are not. With no ActualText at all poppler breaks lines at raised marks and
 * misplaces full stops and commas. A reader taking ActualText as the standard defines it gets
 * these lines reversed. One span for the whole line, around its structure marks: a span for each
 * of a line's elements (a link, a note's number, a phrase in another language) left poppler to
 * place each alone, and it broke the line where a link began, took punctuation after a phrase into
 * the phrase, and on a left-to-right page set a phrase's words in the order they were drawn.
 * PDFium (Chrome, Edge) reads its own text, in a span inside each mark (pdfiumSpan). */
function actualText(text: string, rtlPage: boolean): string {
  return `/Span <</ActualText <FEFF${utf16Hex(popplerText(text, rtlPage))}>>> BDC`;
}

/** PDFium's ActualText for a line, in a named property list: poppler takes ActualText only from a
 * property list written in place, PDFium from a named one too (the innermost). One for the whole
 * line, shared by each of its spans: PDFium reads a text object's ActualText unless the text object
 * it read before had the same property list, and reads a line's text objects from left to right,
 * starting again after each object that is higher or lower (a raised vowel mark), so a span of its
 * own for a note's number and one for its text gave the text twice. */
function pdfiumSpan(properties: Map<string, string>, text: string): string {
  const name = `AT${properties.size + 1}`;
  properties.set(name, utf16Literal(pdfiumText(text)));
  return `/Span /${name} BDC`;
}

/** The running footer's text in reading order: its pieces from the right on a right-to-left page. */
function footerText(page: Page, rtlPage: boolean): string {
  const pieces = page.lines.filter((line) => line.kind === 'footer' && line.box.text !== undefined);
  pieces.sort((a, b) => (rtlPage ? b.x - a.x : a.x - b.x));
  return pieces.map((line) => line.box.text!).join(' ');
}

/** Characters popplerType may call right to left (a superset: letters of these ranges, and marks). */
const RTL_CANDIDATE = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e]/u;

/** Whether poppler will take the page for right-to-left text: it does when the page holds more
 * right-to-left letters than left-to-right ones (TextOutputDev.cc, TextPage::coalesce), and then
 * reads every line from its right end. */
function mostlyRightToLeft(page: Page): boolean {
  // A page without one right-to-left character (popplerType's 'R' ranges) is not: every page of a
  // left-to-right edition, where classifying each character cost a sixth of writing it. Looked
  // for glyph by glyph, before any line's text is put together.
  const candidate = (text: string): boolean => {
    for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) >= 0x590) return RTL_CANDIDATE.test(text);
    return false;
  };
  if (!page.lines.some((line) => (line.box.text !== undefined ? candidate(line.box.text) : line.box.runs.some((run) => run.glyphs.some((g) => candidate(g.text)))))) return false;
  const texts = page.lines.map((line) => line.box.text ?? line.box.runs.map((run) => run.glyphs.map((g) => g.text).join('')).join(''));
  let balance = 0;
  for (const text of texts) {
    for (const char of text) {
      const type = popplerType(char);
      if (type === 'L') balance++;
      else if (type === 'R') balance--;
    }
  }
  return balance < 0;
}

/** One writer for every page: its buffer grows to the largest page and stays. */
const writer = new ContentWriter();

/** The operators of a page; `height` turns the layout's top-down y into PDF's bottom-up one. Text
 * and pictures are marked content of their structure elements (see tags.ts); the running footer
 * and every rule are artifacts, which assistive technology passes over. */
export function pageContent(page: Page, fonts: Map<string, FontUse>, images: Map<string, { name: string }>, height: number, tagger: Tagger, foreign: Foreign): PageContent {
  const yTop = (y: number): number => height - y;
  const w = writer;
  w.reset();
  // Operators go one to a line (a run's on one line).
  let lines = 0;
  const op = (text?: string): void => {
    if (lines++ > 0) w.byte(10);
    if (text !== undefined) w.text(text);
  };
  const used = new Set<FontUse>();
  const pictures = new Set<string>();
  const properties = new Map<string, string>();
  const show = (line: PlacedLine, run: GlyphRun, actual: boolean, order?: number[]): void => {
    const use = fonts.get(run.face)!;
    used.add(use);
    op('/');
    w.text(use.name);
    w.byte(32);
    w.num(run.size);
    w.text(' Tf ');
    w.text(rgb(run.colour));
    w.text(' rg 1 0 0 1 ');
    w.num(line.x + run.x);
    w.byte(32);
    w.num(yTop(line.y - run.rise));
    w.text(' Tm ');
    // Invisible text: the render mode is graphics state, so it is set back after the run.
    if (run.invisible) w.text('3 Tr ');
    showRun(w, run, use, actual, order);
    if (run.invisible) w.text(' 0 Tr');
  };
  const artifacts: string[] = [];
  const rtlPage = mostlyRightToLeft(page);
  // The running footer's pieces (title, page number) share PDFium's text: the whole footer's.
  let footer: string | undefined;
  for (const line of page.lines) {
    if (line.box.runs.length && (line.kind === 'footer' || line.repeated)) {
      // The running footer, and a table's header row repeated on a page the table continues on:
      // page furniture, read once (the header row where the table starts).
      const actual = line.box.text !== undefined;
      const pdfium = !actual ? '' : line.kind === 'footer' ? (footer ??= pdfiumSpan(properties, footerText(page, rtlPage))) : pdfiumSpan(properties, line.box.text!);
      const span = actual ? ` ${actualText(line.box.text!, rtlPage)} ${pdfium}` : '';
      op(`/Artifact <</Type /Pagination${line.kind === 'footer' ? ' /Subtype /Footer' : ''}>> BDC${span} BT`);
      for (const run of line.box.runs) show(line, run, actual);
      op(actual ? 'ET EMC EMC EMC' : 'ET EMC');
    } else if (line.box.runs.length) {
      const lineElem = tagger.elemOf(line.box.struct, line);
      const actual = line.box.text !== undefined;
      // A line holding right-to-left text gives extractors its text (see LineBox.text): poppler
      // in the order it reads back as the reading order, in one span around the line's marks
      // (actualText), PDFium in its own, in a span inside each (pdfiumSpan).
      op('BT');
      let open: Elem | undefined;
      const parts = segments(line, lineElem, tagger, foreign);
      const drawn: { segment: Segment; order?: number[] }[] = [];
      for (const piece of actual ? readingOrder(parts) : [parts]) {
        // A piece without right-to-left letters ("1." before a note) is drawn in reading order:
        // pdf.js keeps such a piece as drawn, where the bidi order put its neutrals.
        const logical = actual && !piece.some((segment) => rtlLetter.test(segment.text) || !segment.run.order?.length);
        const first = (segment: Segment): number => Math.min(...segment.run.order!);
        for (const segment of logical ? piece.slice().sort((a, b) => first(a) - first(b)) : piece) {
          const order = segment.run.order;
          drawn.push({ segment, order: logical ? [...segment.run.glyphs.keys()].sort((a, b) => order![a]! - order![b]!) : undefined });
        }
      }
      const pdfium = actual ? pdfiumSpan(properties, line.box.text!) : undefined;
      if (actual) op(actualText(line.box.text!, rtlPage));
      // A link's words on a line holding right-to-left text, in reading order (each glyph by its
      // logical rank): drawn, they come in visual order, and the link's description (/Contents)
      // read "Taskland ىلإ ةدوعلا" for "العودة إلى Taskland".
      let linkWords: Map<Elem, { rank: number; text: string }[]> | undefined;
      for (const { segment, order } of drawn) {
        // Elements for links and languages are made as their content comes, so that each
        // element's content stays in the order it is drawn.
        let elem = segment.leaf;
        if (segment.link) {
          elem = tagger.linkElem(elem, segment.link);
          const ranks = segment.run.order;
          if (actual && ranks?.length === segment.run.glyphs.length) {
            let words = (linkWords ??= new Map()).get(elem);
            if (!words) linkWords.set(elem, (words = []));
            segment.run.glyphs.forEach((g, k) => words!.push({ rank: ranks[k]!, text: g.text === PLACED_SPACE ? ' ' : g.text }));
          } else {
            elem.text += segment.text;
          }
        }
        if (segment.lang) elem = tagger.spanElem(elem, segment.lang);
        if (elem !== open) {
          if (open) op(actual ? 'EMC EMC' : 'EMC');
          op(`/${elem.role} <</MCID ${tagger.mark(elem)}>> BDC${actual ? ` ${pdfium}` : ''}`);
          open = elem;
        }
        show(line, segment.run, actual, order);
      }
      if (open) op(actual ? 'EMC EMC' : 'EMC');
      if (actual) op('EMC');
      op('ET');
      for (const [elem, words] of linkWords ?? []) elem.text += words.sort((a, b) => a.rank - b.rank).map((w) => w.text).join('');
    }
    for (const image of line.box.images ?? []) {
      pictures.add(image.path);
      const bottom = yTop(line.y + image.y + image.height);
      // A picture among words is a Figure inside its paragraph's element, after the line's text;
      // a linked one is inside its Link element, whose description its alt text joins.
      let elem: Elem;
      if (image.inline) {
        const parent = tagger.elemOf(image.struct ?? line.box.struct, line);
        const link = line.box.links.find((l) => l.x <= image.x + 0.5 && image.x + image.width <= l.x + l.width + 0.5);
        const holder = link ? tagger.linkFor(parent, link) : parent;
        if (link) holder.text = `${holder.text ?? ''} ${image.alt}`;
        elem = tagger.figureElem(holder, image.alt);
      } else {
        elem = tagger.elemOf(line.box.struct, line);
      }
      const left = line.x + image.x;
      elem.bbox ??= [left, bottom, left + image.width, bottom + image.height].map((v) => Math.round(v * 100) / 100);
      op(`/${elem.role} <</MCID ${tagger.mark(elem)}>> BDC ${imageOps(image, images.get(image.path)!.name, line.x, bottom)} EMC`);
    }
    for (const rule of line.box.rules ?? []) {
      artifacts.push(ruleOps({ ...rule, y1: rule.y1 + line.y, y2: rule.y2 + line.y }, line.x, yTop));
    }
  }
  for (const rule of page.rules) artifacts.push(ruleOps(rule, 0, yTop));
  // Rules (table borders, quote bars, the note separator, strike-through) are drawing, not text.
  if (artifacts.length) {
    op('/Artifact BMC');
    for (const rule of artifacts) op(rule);
    op('EMC');
  }
  // A copy: the writer's buffer is the next page's.
  return { ops: w.bytes().slice(), fonts: used, images: pictures, properties };
}
