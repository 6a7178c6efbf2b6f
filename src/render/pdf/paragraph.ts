// Sets a paragraph: Unicode line-break opportunities (`linebreak`), hyphenation points
// (`hyphen`), shaped words (HarfBuzz), then Knuth–Plass total-fit breaking (`tex-linebreak`) and,
// for right-to-left or mixed text, the visual order of each line (`bidi-js`).
import { hasRtlScript } from '../../model/direction.ts';
import bidiFactory from 'bidi-js';
import LineBreaker from 'linebreak';
import texLinebreak from 'tex-linebreak';
import type { Box, Glue, Penalty } from 'tex-linebreak';
import type { Node } from 'unist';
import { ContentError } from '../../shared/errors.ts';
import type { Theme } from '../../templates/types.ts';
import { faceChain, splitByFace, type LoadedFace } from './fonts.ts';
import { syllables } from './hyphenate.ts';
import type { Atom, InlineStyle, RefAtom, TextAtom } from './inline.ts';
import { shapeText } from './shape.ts';
import type { GlyphRun, LineAnchor, LineBox, LineLink, LinkTarget, PlacedGlyph } from './types.ts';

const { breakLines, adjustmentRatios, MIN_COST, MAX_COST } = texLinebreak;

export interface SetOptions {
  theme: Theme;
  measure: number;
  leading: number;
  justify: boolean;
  align: 'start' | 'end' | 'center';
  rtl: boolean;
  lang: string;
  hyphenate: boolean;
  /** Source file, for messages. */
  file: string;
  /** Size of a footnote reference, as a fraction of the text around it. */
  superscript: number;
}

/** A shaped piece of one face and style: a word, a syllable, a footnote number. */
interface Piece {
  /** The piece's text in logical (reading) order. */
  text: string;
  face: LoadedFace;
  size: number;
  colour: string;
  rise: number;
  strike: boolean;
  glyphs: PlacedGlyph[];
  width: number;
  link?: LinkTarget;
  anchor?: string;
  note?: string;
  level: number;
}

type BoxItem = Box & { piece: Piece };
type GlueItem = Glue & { space?: Piece; level: number };
type PenaltyItem = Penalty & { hyphen?: Piece };
type Item = BoxItem | GlueItem | PenaltyItem;

let bidi: ReturnType<typeof bidiFactory> | undefined;

/** Shaped glyphs scaled to a size, cached: the same words recur at the same sizes. Callers never
 * mutate the arrays or glyphs they get. */
const scaled = new WeakMap<ReturnType<typeof shapeText>, Map<number, PlacedGlyph[]>>();

function toPoints(face: LoadedFace, size: number, shaped: ReturnType<typeof shapeText>): PlacedGlyph[] {
  let bySize = scaled.get(shaped);
  if (!bySize) scaled.set(shaped, (bySize = new Map()));
  let glyphs = bySize.get(size);
  if (!glyphs) bySize.set(size, (glyphs = scale(face, size, shaped)));
  return glyphs;
}

function scale(face: LoadedFace, size: number, shaped: ReturnType<typeof shapeText>): PlacedGlyph[] {
  const scale = size / face.upem;
  return shaped.glyphs.map((g) => ({
    gid: g.gid,
    advance: g.advance * scale,
    xOffset: g.xOffset * scale,
    yOffset: g.yOffset * scale,
    text: g.text,
  }));
}

/** Source line and column of a character of a text node; a soft line break inside the node moves
 * to the next source line (text nodes span the lines of their paragraph). */
function position(node: Node, offset: number): { line: number; column: number } {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const value = 'value' in node && typeof node.value === 'string' ? node.value : '';
  const before = value.slice(0, offset);
  const breaks = before.split('\n').length - 1;
  if (breaks === 0) return { line: start.line, column: start.column + offset };
  // Continuation lines of a paragraph start at its indentation, which the text value drops.
  return { line: start.line + breaks, column: offset - before.lastIndexOf('\n') };
}

function missingGlyph(text: string, at: number, file: string, where: { line: number; column: number }): ContentError {
  const cp = text.codePointAt(at)!;
  const char = String.fromCodePoint(cp);
  return new ContentError(
    `No configured font has a glyph for "${char}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}); ` +
      'add a font that covers it to templates/theme.yaml or replace the character',
    { file, line: where.line, column: where.column, ruleId: 'font:missing-glyph' },
  );
}

interface Builder {
  opts: SetOptions;
  items: Item[];
  /** The paragraph's text, and the bidi level of each of its UTF-16 units (null: all left to right). */
  text: string;
  levels: Uint8Array | null;
}

function pieces(b: Builder, text: string, style: InlineStyle, extra: Partial<Piece>, node: Node, offset: number, at: number): Piece[] {
  const { opts } = b;
  const chain = faceChain(opts.theme, style, opts.rtl);
  const { spans, missing } = splitByFace(text, chain);
  if (missing !== undefined) throw missingGlyph(text, missing, opts.file, position(node, offset + missing));
  return byLevel(b, spans, at).map((span) => {
    const part = text.slice(span.start, span.end);
    const level = b.levels ? b.levels[at + span.start]! : 0;
    const size = extra.rise ? style.size * opts.superscript : style.size;
    const glyphs = toPoints(span.face, size, shapeText(span.face, part, level % 2 === 1));
    let width = 0;
    for (const g of glyphs) width += g.advance;
    const piece: Piece = { text: part, face: span.face, size, colour: style.colour, rise: 0, strike: style.strike, glyphs, width, level };
    return extra.link || extra.rise ? { ...piece, ...extra } : piece;
  });
}

/** Face spans cut where the bidi level changes, so each piece has one direction: in "عام 2019."
 * the full stop resolves to the paragraph's right-to-left level (rule N1) while the digits are
 * left to right, and set as one piece the stop would sit between the word and the number. */
function byLevel<S extends { start: number; end: number }>(b: Builder, spans: S[], at: number): S[] {
  const levels = b.levels;
  if (!levels) return spans;
  const out: S[] = [];
  for (const span of spans) {
    let start = span.start;
    for (let i = span.start + 1; i < span.end; i++) {
      // A surrogate pair's second half has its first half's level.
      if (levels[at + i] !== levels[at + start] && !isLowSurrogate(b, at + i)) {
        out.push({ ...span, start, end: i });
        start = i;
      }
    }
    out.push({ ...span, start, end: span.end });
  }
  return out;
}

function isLowSurrogate(b: Builder, index: number): boolean {
  const code = b.text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

function pushPieces(b: Builder, list: Piece[]): void {
  for (const piece of list) {
    if (piece.width <= b.opts.measure) {
      b.items.push({ type: 'box', width: piece.width, piece });
      continue;
    }
    // Wider than the line (a long URL, a string of letters): it may break between any two
    // clusters, at a cost, rather than run off the page.
    const groups: PlacedGlyph[][] = [];
    for (const g of piece.glyphs) {
      const last = groups[groups.length - 1];
      if (last && g.text === '') last.push(g);
      else groups.push([g]);
    }
    if (piece.level % 2 === 1) groups.reverse();
    groups.forEach((glyphs, k) => {
      let width = 0;
      for (const g of glyphs) width += g.advance;
      if (k > 0) b.items.push({ type: 'penalty', width: 0, cost: 900, flagged: false });
      b.items.push({ type: 'box', width, piece: { ...piece, glyphs, width } });
    });
  }
}

/** The hyphen Folio prints at a line break inside a word. It stands for no text (an empty
 * ActualText, see content.ts): copied or searched, "arres-/ted" reads "arrested", while a hyphen
 * of the source ("Nur-Sultan") is text like any other. */
function hyphenPiece(after: Piece): Piece {
  const glyphs = toPoints(after.face, after.size, shapeText(after.face, '-', false)).map((g) => ({ ...g, text: '' }));
  return {
    text: '-', face: after.face, size: after.size, colour: after.colour, rise: after.rise, strike: after.strike,
    glyphs, width: glyphs[0]?.advance ?? 0, level: after.level, link: after.link,
  };
}

/** The cost of breaking at a hyphenation point. Higher than TeX's \hyphenpenalty of 50 because
 * tex-linebreak adds costs inside the square of the badness rather than beside it: measured on an
 * 80-page edition of the seed (npm run bench:pdf), 50 hyphenates 18% of line ends, 300 about 9%,
 * and more changes nothing. */
const HYPHEN_COST = 300;
const SOFT_HYPHEN = '\u00ad';

/** Emits a stretch of one text atom inside a word, with hyphenation points between syllables. */
function emitText(b: Builder, atom: TextAtom, from: number, to: number, atomStart: number): void {
  const full = atom.text.slice(from, to);
  if (full.includes(SOFT_HYPHEN)) {
    // A soft hyphen typed in the source is a hyphenation point the author chose: honoured even
    // where Folio would not hyphenate, with a printed hyphen when the line breaks there.
    let at = from;
    full.split(SOFT_HYPHEN).forEach((part, k) => {
      if (k > 0) {
        const last = b.items[b.items.length - 1];
        if (last?.type === 'box') {
          const hyphen = hyphenPiece(last.piece);
          b.items.push({ type: 'penalty', width: hyphen.width, cost: HYPHEN_COST, flagged: true, hyphen });
        }
        at += 1;
      }
      if (part) emitPart(b, atom, at, at + part.length, atomStart);
      at += part.length;
    });
    return;
  }
  emitPart(b, atom, from, to, atomStart);
}

function emitPart(b: Builder, atom: TextAtom, from: number, to: number, atomStart: number): void {
  const text = atom.text.slice(from, to);
  const extra: Partial<Piece> = atom.link ? { link: atom.link } : {};
  const canHyphenate = b.opts.hyphenate && atom.style.role !== 'mono' && !atom.link;
  // Words are cut into letter and non-letter stretches, each shaped on its own, so combining
  // marks (Arabic vowels, shadda) and joiners belong to the letters: cut at a mark, the letters
  // either side lose their joining forms and the mark is set apart from its base.
  const tokens = canHyphenate ? text.match(/[\p{L}\p{M}\u200c\u200d]+|[^\p{L}\p{M}\u200c\u200d]+/gu) ?? [] : [text];
  let offset = from;
  for (const token of tokens) {
    const parts = canHyphenate ? syllables(token, b.opts.lang) : [token];
    parts.forEach((part, k) => {
      const made = pieces(b, part, atom.style, extra, atom.node, offset, atomStart + offset);
      pushPieces(b, made);
      offset += part.length;
      if (k < parts.length - 1 && made.length) {
        const hyphen = hyphenPiece(made[made.length - 1]!);
        b.items.push({ type: 'penalty', width: hyphen.width, cost: HYPHEN_COST, flagged: true, hyphen });
      }
    });
  }
}

function emitRef(b: Builder, ref: RefAtom, at: number): void {
  const made = pieces(b, String(ref.number), { ...ref.style, colour: b.opts.theme.colours.link }, {
    rise: ref.style.size * 0.36,
    link: { dest: ref.noteId },
    anchor: ref.refId,
    note: ref.noteId,
  }, ref.node, 0, Math.max(0, at - 1));
  pushPieces(b, made);
}

function spaceGlue(b: Builder, style: InlineStyle, at: number): GlueItem {
  const chain = faceChain(b.opts.theme, style, b.opts.rtl);
  const face = chain.find((f) => f.glyphOf(0x20) !== undefined) ?? chain[0]!;
  const glyphs = toPoints(face, style.size, shapeText(face, ' ', false));
  const width = glyphs[0]?.advance ?? style.size / 4;
  const level = b.levels ? b.levels[at]! : 0;
  const space: Piece = { text: ' ', face, size: style.size, colour: style.colour, rise: 0, strike: style.strike, glyphs, width, level };
  return { type: 'glue', width, stretch: width * 0.6, shrink: width * 0.3, space, level };
}

/** Builds the Knuth–Plass items of a paragraph. */
function itemsOf(atoms: Atom[], opts: SetOptions): Item[] {
  let text = '';
  const texts: { atom: TextAtom; start: number }[] = [];
  const refs: { atom: RefAtom; at: number }[] = [];
  for (const atom of atoms) {
    if (atom.kind === 'text') {
      texts.push({ atom, start: text.length });
      text += atom.text;
    } else if (atom.kind === 'ref') refs.push({ atom, at: text.length });
    else {
      texts.push({ atom: { kind: 'text', text: '\n', style: texts[texts.length - 1]?.atom.style ?? (refs[0]?.atom.style as InlineStyle), node: { type: 'break' } }, start: text.length });
      text += '\n';
    }
  }
  const b: Builder = { opts, items: [], text, levels: null };
  if (opts.rtl || hasRtlScript(text)) {
    bidi ??= bidiFactory();
    b.levels = bidi.getEmbeddingLevels(text, opts.rtl ? 'rtl' : 'ltr').levels;
  }
  const breaker = new LineBreaker(text);
  let start = 0;
  let refIndex = 0;
  let textIndex = 0;
  let lastStyle: InlineStyle | undefined = texts[0]?.atom.style ?? refs[0]?.atom.style;
  for (let brk = breaker.nextBreak(); brk; brk = breaker.nextBreak()) {
    const end = brk.position;
    const segment = text.slice(start, end);
    const word = segment.replace(/[\s]+$/u, '');
    const wordEnd = start + word.length;
    // Word content: each text atom overlapping [start, wordEnd), refs inside or right after it.
    while (textIndex < texts.length && texts[textIndex]!.start + texts[textIndex]!.atom.text.length <= start) textIndex++;
    for (let t = textIndex; t < texts.length && texts[t]!.start < wordEnd; t++) {
      const { atom, start: atomStart } = texts[t]!;
      const from = Math.max(start, atomStart);
      const to = Math.min(wordEnd, atomStart + atom.text.length);
      while (refIndex < refs.length && refs[refIndex]!.at <= from && (refs[refIndex]!.at > start || start === 0)) {
        emitRef(b, refs[refIndex]!.atom, refs[refIndex]!.at);
        refIndex++;
      }
      if (to > from) emitText(b, atom, from - atomStart, to - atomStart, atomStart);
      lastStyle = atom.style;
    }
    while (refIndex < refs.length && refs[refIndex]!.at <= end) {
      emitRef(b, refs[refIndex]!.atom, refs[refIndex]!.at);
      lastStyle = refs[refIndex]!.atom.style;
      refIndex++;
    }
    const style = lastStyle!;
    if (end >= text.length) break;
    if (brk.required) {
      b.items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0, level: 0 });
      b.items.push({ type: 'penalty', width: 0, cost: MIN_COST, flagged: false });
    } else if (segment.length > word.length) {
      // The space takes the style of the text it is in: a space after inline code is the
      // sentence's space, not a wide monospaced one.
      let t = textIndex;
      while (t < texts.length - 1 && texts[t]!.start + texts[t]!.atom.text.length <= wordEnd) t++;
      const around = texts[t]!.start <= wordEnd && texts[t]!.start + texts[t]!.atom.text.length > wordEnd ? texts[t]!.atom.style : style;
      b.items.push(spaceGlue(b, around, wordEnd));
    } else {
      // A break inside a word: after a hyphen or dash, or a slash.
      const hyphenated = /[-\u2010]$/u.test(word);
      b.items.push({ type: 'penalty', width: 0, cost: hyphenated ? 50 : 100, flagged: hyphenated });
    }
    start = end;
  }
  while (refIndex < refs.length) emitRef(b, refs[refIndex++]!.atom, text.length);
  b.items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0, level: 0 });
  b.items.push({ type: 'penalty', width: 0, cost: MIN_COST, flagged: false });
  return b.items;
}

type Element = { kind: 'piece'; piece: Piece } | { kind: 'space'; width: number; glue: GlueItem };

/** Reorders a line's elements for display (Unicode bidi rule L2, at the level of pieces). */
function visualOrder(elements: Element[], rtl: boolean): Element[] {
  const levelOf = (e: Element): number => (e.kind === 'piece' ? e.piece.level : e.glue.level);
  const levels = elements.map(levelOf);
  const max = Math.max(0, ...levels);
  const lowestOdd = rtl ? 1 : 1;
  const order = elements.slice();
  const lv = levels.slice();
  for (let level = max; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length; ) {
      if (lv[i]! >= level) {
        let j = i;
        while (j < order.length && lv[j]! >= level) j++;
        order.splice(i, j - i, ...order.slice(i, j).reverse());
        lv.splice(i, j - i, ...lv.slice(i, j).reverse());
        i = j;
      } else i++;
    }
  }
  return order;
}

function sameRun(run: GlyphRun, piece: Piece, rise: number): boolean {
  return run.face === piece.face.path && run.size === piece.size && run.colour === piece.colour &&
    run.rise === rise && Boolean(run.strike) === piece.strike;
}

/** Demerits are (1 + badness + cost)² in tex-linebreak; 8 more on a hyphen's cost of 300 adds about
 * 5,000 of them, TeX's \finalhyphendemerits. */
const FINAL_HYPHEN_EXTRA = 8;

/** Knuth–Plass with TeX's weights: two hyphenated lines in a row cost 10,000 demerits
 * (\doublehyphendemerits), a loose line next to a tight one 10,000 (\adjdemerits). Lines may
 * first stretch to 1.5 times their spaces' stretch; a paragraph that cannot be set so (a long URL)
 * is set again with its spaces stretched as far as needed. */
function breakParagraph(items: Item[], measure: number): number[] {
  try {
    return breakLines(items, measure, {
      initialMaxAdjustmentRatio: 1.5,
      maxAdjustmentRatio: 3,
      doubleHyphenPenalty: 10_000,
      adjacentLooseTightPenalty: 10000,
    });
  } catch {
    return breakLines(items, measure, { maxAdjustmentRatio: null, doubleHyphenPenalty: 10_000 });
  }
}

/** Sets atoms into lines no wider than the measure. */
export function setParagraph(atoms: Atom[], opts: SetOptions): LineBox[] {
  const items = itemsOf(atoms, opts);
  const hasBox = items.some((i) => i.type === 'box');
  if (!hasBox) return [];
  let breaks = breakParagraph(items, opts.measure);
  // TeX's \finalhyphendemerits: a hyphen on the second-to-last line leaves a short word alone on
  // the last one. Costlier by about 5,000 demerits there, the break is tried once more.
  const penultimate = items[breaks[breaks.length - 2]!];
  if (breaks.length > 2 && penultimate?.type === 'penalty' && penultimate.flagged) {
    penultimate.cost += FINAL_HYPHEN_EXTRA;
    breaks = breakParagraph(items, opts.measure);
    penultimate.cost -= FINAL_HYPHEN_EXTRA;
  }
  const ratios = adjustmentRatios(items, opts.measure, breaks);
  const lines: LineBox[] = [];
  for (let k = 0; k < breaks.length - 1; k++) {
    let from = k === 0 ? 0 : breaks[k]! + 1;
    const to = breaks[k + 1]!;
    while (from < to && items[from]!.type !== 'box') from++;
    const last = k === breaks.length - 2;
    let ratio = ratios[k] ?? 0;
    if (!opts.justify || last) ratio = Math.min(ratio, 0);
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
    const line = buildLine(visualOrder(elements, opts.rtl), opts, last || !opts.justify);
    if (hyphenated) line.hyphenated = true;
    // A line holding right-to-left text also carries its text for extractors: from glyph
    // positions alone poppler joins numbers to the words beside them ("من 200 مدني" →
    // "من 200مدني"). Poppler reads a line's ActualText as drawn, left to right, and runs its own
    // bidi pass over it, so it is the line's characters in display order (unmirrored: poppler
    // does not mirror them back).
    if (elements.some((e) => (e.kind === 'piece' ? e.piece.level : e.glue.level) % 2 === 1)) {
      // Note reference numbers are marks, not words: copied text leaves them out, as the model's
      // plain text does, rather than gluing them to the word before.
      const logical = elements.map((e) => (e.kind === 'piece' ? (e.piece.note ? '' : e.piece.text) : ' ')).join('');
      bidi ??= bidiFactory();
      const order = bidi.getReorderedIndices(logical, bidi.getEmbeddingLevels(logical, opts.rtl ? 'rtl' : 'ltr'));
      line.text = order.map((i) => logical[i]).join('');
    }
    lines.push(line);
  }
  return lines;
}

function buildLine(elements: Element[], opts: SetOptions, ragged: boolean): LineBox {
  const runs: GlyphRun[] = [];
  const links: LineLink[] = [];
  const anchors: LineAnchor[] = [];
  const notes: string[] = [];
  let x = 0;
  let ascent = 0;
  let current: GlyphRun | undefined;
  for (const element of elements) {
    if (element.kind === 'space') {
      const space = element.glue.space!;
      const glyph = space.glyphs[0];
      if (current && current.face === space.face.path && current.rise === 0 && glyph) {
        current.glyphs.push({ ...glyph, advance: element.width });
      } else if (glyph) {
        current = { face: space.face.path, size: space.size, colour: space.colour, x, rise: 0, glyphs: [{ ...glyph, advance: element.width }], strike: space.strike || undefined };
        runs.push(current);
      }
      x += element.width;
      continue;
    }
    const piece = element.piece;
    if (!current || !sameRun(current, piece, piece.rise)) {
      current = { face: piece.face.path, size: piece.size, colour: piece.colour, x, rise: piece.rise, glyphs: [], strike: piece.strike || undefined };
      runs.push(current);
    }
    current.glyphs.push(...piece.glyphs);
    ascent = Math.max(ascent, (piece.face.ascender / piece.face.upem) * piece.size + piece.rise);
    if (piece.link) {
      const previous = links[links.length - 1];
      const sameTarget = previous && JSON.stringify(previous.target) === JSON.stringify(piece.link) && Math.abs(previous.x + previous.width - x) < 4;
      if (sameTarget) previous.width = x + piece.width - previous.x;
      else links.push({ x, width: piece.width, ascent: piece.size * 0.8 + piece.rise, descent: piece.size * 0.22, target: piece.link });
    }
    if (piece.anchor) anchors.push({ id: piece.anchor, x });
    if (piece.note && !notes.includes(piece.note)) notes.push(piece.note);
    x += piece.width;
  }
  // Spaces that ended up at a run's end carry no ink; the width is what the pieces span.
  const width = x;
  let shift = 0;
  if (ragged || width > opts.measure) {
    const start = opts.rtl ? opts.measure - width : 0;
    if (opts.align === 'center') shift = (opts.measure - width) / 2;
    else if (opts.align === 'end') shift = opts.rtl ? 0 : opts.measure - width;
    else shift = start;
  }
  if (shift) {
    for (const run of runs) run.x += shift;
    for (const link of links) link.x += shift;
    for (const anchor of anchors) anchor.x += shift;
  }
  const line: LineBox = { runs, links, anchors, width, measure: opts.measure, leading: opts.leading, ascent, notes };
  // Struck-through runs get their line here, through the middle of the lower-case letters.
  for (const run of runs) {
    if (!run.strike) continue;
    const length = run.glyphs.reduce((w, g) => w + g.advance, 0);
    const y = -run.size * 0.3;
    (line.rules ??= []).push({ x1: run.x, y1: y, x2: run.x + length, y2: y, width: run.size * 0.06, colour: run.colour });
  }
  return line;
}

/** Columns of a tab stop in code (CommonMark's). */
const TAB = 4;

/** Tabs to spaces up to the next tab stop, so columns line up as in the source. */
function expandTabs(row: string): string {
  if (!row.includes('\t')) return row;
  let out = '';
  for (const ch of row) out += ch === '\t' ? ' '.repeat(TAB - (out.length % TAB)) : ch;
  return out;
}

/** Sets a code block: each source line starts a line, spaces are kept as they are, nothing is
 * justified or hyphenated. A line wider than the measure wraps after its last space that fits, or,
 * with no space, at the last character (cluster) that fits: every character is kept and no line
 * overflows. Code is set left to right in every edition, as it is
 * written. */
export function setCode(text: string, style: InlineStyle, opts: SetOptions, node: Node): LineBox[] {
  const chain = faceChain(opts.theme, style, false);
  const rows = text.split('\n');
  const start = node.position?.start ?? { line: 1, column: 1 };
  const end = node.position?.end ?? start;
  // A fenced block's first source line is the fence.
  const firstRow = start.line + (end.line - start.line + 1 > rows.length ? 1 : 0);
  const lines: LineBox[] = [];
  const ascentOf = (face: LoadedFace): number => (face.ascender / face.upem) * style.size;
  rows.forEach((raw, r) => {
    const row = expandTabs(raw);
    const { spans, missing } = splitByFace(row, chain);
    if (missing !== undefined) throw missingGlyph(row, missing, opts.file, { line: firstRow + r, column: start.column + missing });
    // Clusters with their face: a glyph without text continues the cluster before it.
    const clusters: { face: LoadedFace; glyphs: PlacedGlyph[]; width: number }[] = [];
    for (const span of spans) {
      for (const g of toPoints(span.face, style.size, shapeText(span.face, row.slice(span.start, span.end), false))) {
        const last = clusters[clusters.length - 1];
        if (g.text === '' && last && last.face === span.face) {
          last.glyphs.push(g);
          last.width += g.advance;
        } else clusters.push({ face: span.face, glyphs: [g], width: g.advance });
      }
    }
    let line: LineBox | undefined;
    let run: GlyphRun | undefined;
    const open = (): LineBox => {
      line = { runs: [], links: [], anchors: [], width: 0, measure: opts.measure, leading: opts.leading, ascent: ascentOf(chain[0]!), notes: [] };
      run = undefined;
      lines.push(line);
      return line;
    };
    // Where each line starts: after the last space that fits, else at the cluster that does not.
    const starts = new Set<number>();
    let width = 0;
    let from = 0;
    let space = -1;
    clusters.forEach((cluster, i) => {
      if (width + cluster.width > opts.measure + 0.01 && i > from) {
        const cut = space > from ? space + 1 : i;
        starts.add(cut);
        from = cut;
        space = -1;
        width = 0;
        for (let k = cut; k < i; k++) width += clusters[k]!.width;
      }
      if (cluster.glyphs.some((g) => g.text === ' ')) space = i;
      width += cluster.width;
    });
    open();
    clusters.forEach((cluster, i) => {
      let box = line!;
      if (starts.has(i)) box = open();
      if (!run || run.face !== cluster.face.path) {
        run = { face: cluster.face.path, size: style.size, colour: style.colour, x: box.width, rise: 0, glyphs: [] };
        box.runs.push(run);
        box.ascent = Math.max(box.ascent, ascentOf(cluster.face));
      }
      run.glyphs.push(...cluster.glyphs);
      box.width += cluster.width;
    });
  });
  return lines;
}
