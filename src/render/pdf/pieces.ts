// The shaping stage of paragraph setting: text of one style becomes shaped pieces of one face
// (HarfBuzz, with the theme's fallback faces), in points; and the items Knuth–Plass breaking
// works on, each carrying the piece it stands for.
import type { Box, Glue, Penalty } from 'tex-linebreak';
import type { Node } from 'unist';
import { ContentError } from '../../shared/errors.ts';
import { placeAt, type TextOrigin } from '../../shared/origin.ts';
import type { Theme } from '../../templates/types.ts';
import { faceChain, splitByFace, type LoadedFace } from './fonts.ts';
import type { ImageAtom, InlineStyle } from './inline.ts';
import { shapeText } from './shape.ts';
import type { LinkTarget, PlacedGlyph } from './types.ts';

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
export interface Piece {
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
  /** Bidi embedding level (odd: right to left). */
  level: number;
  /** A picture among words (no glyphs: the piece is as wide as the picture). */
  image?: PieceImage;
}

/** A picture drawn as a piece of a line: its file, pixels and alternate text, its height and its
 * top edge from the baseline (down is positive, as for rules). */
export interface PieceImage {
  path: string;
  type: 'png' | 'jpg';
  pixels: { width: number; height: number };
  alt: string;
  y: number;
  height: number;
}

export type BoxItem = Box & { piece: Piece };
export type GlueItem = Glue & { space?: Piece; level: number };
export type PenaltyItem = Penalty & { hyphen?: Piece };
export type Item = BoxItem | GlueItem | PenaltyItem;

/** Shaped glyphs scaled to a size, cached: the same words recur at the same sizes. Callers never
 * mutate the arrays or glyphs they get. */
const scaled = new WeakMap<ReturnType<typeof shapeText>, Map<number, PlacedGlyph[]>>();

export function toPoints(face: LoadedFace, size: number, shaped: ReturnType<typeof shapeText>): PlacedGlyph[] {
  let bySize = scaled.get(shaped);
  if (!bySize) scaled.set(shaped, (bySize = new Map()));
  let glyphs = bySize.get(size);
  if (!glyphs) bySize.set(size, (glyphs = scale(face, size, shaped)));
  return glyphs;
}

function scale(face: LoadedFace, size: number, shaped: ReturnType<typeof shapeText>): PlacedGlyph[] {
  const scale = size / face.upem;
  return shaped.glyphs.map((g) => placedGlyph(g.gid, g.advance * scale, g.xOffset * scale, g.yOffset * scale, g.text));
}

/** Source line and column of a character of a text node; a soft line break inside the node moves
 * to the next source line (text nodes span the lines of their paragraph). */
export function position(node: Node, offset: number): { line: number; column: number } {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const value = 'value' in node && typeof node.value === 'string' ? node.value : '';
  const before = value.slice(0, offset);
  const breaks = before.split('\n').length - 1;
  if (breaks === 0) return { line: start.line, column: start.column + offset };
  // Continuation lines of a paragraph start at its indentation, which the text value drops.
  return { line: start.line + breaks, column: offset - before.lastIndexOf('\n') };
}

export function missingGlyph(text: string, at: number, file: string, where: { line: number; column: number }): ContentError {
  return missingGlyphs(String.fromCodePoint(text.codePointAt(at)!), file, where);
}

/** The error for a run of characters no configured font has a glyph for, at its first. */
export function missingGlyphs(run: string, file: string, where: { line: number; column: number }): ContentError {
  const chars = [...run];
  const codes = [...new Set(chars)].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  const listed = codes.length > 4 ? `${codes.slice(0, 4).join(', ')}, …` : codes.join(', ');
  return new ContentError(
    `No configured font has a glyph for "${run}" (${listed}); ` +
      `add a font that covers ${chars.length > 1 ? 'them' : 'it'} to templates/theme.yaml or replace the ${chars.length > 1 ? 'characters' : 'character'}`,
    { file, line: where.line, column: where.column, ruleId: 'font:missing-glyph' },
  );
}

/** A paragraph's text and the bidi level of each of its UTF-16 units (null: all left to right). */
export interface Paragraph {
  text: string;
  levels: Uint8Array | null;
}

/** Shapes `text` (one style) into pieces, one per face of the fallback chain it needs and per
 * direction; `at` is where the text starts in the paragraph. */
export function shapePieces(opts: SetOptions, para: Paragraph, text: string, style: InlineStyle, extra: Partial<Piece>, node: Node, offset: number, at: number): Piece[] {
  const { levels } = para;
  const chain = faceChain(opts.theme, style, opts.rtl);
  const { spans, missing } = splitByFace(text, chain);
  if (missing !== undefined) {
    // Text from a label, report.yaml or the front matter carries where it was written.
    const origin = (node.data as { origin?: TextOrigin } | undefined)?.origin;
    const written = origin && 'value' in node && typeof node.value === 'string' ? placeAt(origin, node.value, offset + missing) : undefined;
    throw missingGlyph(text, missing, written?.file ?? opts.file, written ?? position(node, offset + missing));
  }
  return byLevel(para, spans, at).map((span) => {
    const part = text.slice(span.start, span.end);
    const level = levels ? levels[at + span.start]! : 0;
    const size = extra.rise ? style.size * opts.superscript : style.size;
    const glyphs = toPoints(span.face, size, shapeText(span.face, part, level % 2 === 1));
    let width = 0;
    for (let i = 0; i < glyphs.length; i++) width += glyphs[i]!.advance;
    return piece(part, span.face, size, style.colour, extra.rise ?? 0, style.strike, glyphs, width, level, extra.link, extra.anchor, extra.note);
  });
}

/** Face spans cut where the bidi level changes, so each piece has one direction: in "عام 2019."
 * the full stop resolves to the paragraph's right-to-left level (rule N1) while the digits are
 * left to right, and set as one piece the stop would sit between the word and the number. */
function byLevel<S extends { start: number; end: number }>(para: Paragraph, spans: S[], at: number): S[] {
  const levels = para.levels;
  if (!levels) return spans;
  const out: S[] = [];
  for (const span of spans) {
    let start = span.start;
    for (let i = span.start + 1; i < span.end; i++) {
      // A surrogate pair's second half has its first half's level.
      if (levels[at + i] !== levels[at + start] && !isLowSurrogate(para.text, at + i)) {
        out.push({ ...span, start, end: i });
        start = i;
      }
    }
    out.push({ ...span, start, end: span.end });
  }
  return out;
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The hyphen Folio prints at a line break inside a word. It stands for no text of the source
 * (see content.ts for what extractors are told): copied or searched, "arres-/ted" reads
 * "arrested", while a hyphen of the source ("Nur-Sultan") is text like any other. */
export function hyphenPiece(after: Piece): Piece {
  const shaped = toPoints(after.face, after.size, shapeText(after.face, '-', false));
  let glyphs = insertedHyphens.get(shaped);
  if (!glyphs) insertedHyphens.set(shaped, (glyphs = shaped.map((g) => placedGlyph(g.gid, g.advance, g.xOffset, g.yOffset, '', true))));
  return piece('-', after.face, after.size, after.colour, after.rise, after.strike, glyphs, glyphs[0]?.advance ?? 0, after.level, after.link);
}

/** The inserted hyphen's glyphs for each face and size (by the shaped hyphen's glyphs, which
 * toPoints keeps), made once: never changed once made, as no glyph is. */
const insertedHyphens = new WeakMap<PlacedGlyph[], PlacedGlyph[]>();

/** A placed glyph, made here (or copied from one) with the same fields in the same order, as
 * pieces are (see piece). */
export function placedGlyph(gid: number, advance: number, xOffset: number, yOffset: number, text: string, inserted?: true): PlacedGlyph {
  return { gid, advance, xOffset, yOffset, text, inserted };
}

/** A piece. Every piece is made here or as a copy of one, with the same fields in the same order,
 * so V8 gives them all one shape: unoptimised (a fresh process sets its first pages in V8's
 * baseline tiers), reading a field of objects of many shapes searches a cache where one shape is
 * a comparison. */
export function piece(text: string, face: LoadedFace, size: number, colour: string, rise: number, strike: boolean, glyphs: PlacedGlyph[], width: number, level: number, link?: LinkTarget, anchor?: string, note?: string, image?: PieceImage): Piece {
  return { text, face, size, colour, rise, strike, glyphs, width, level, link, anchor, note, image };
}

/** A picture among words, as a piece of its line: at its natural size (96 pixels to the inch) or
 * smaller, no taller than the line's leading and no wider than the measure, its foot at the
 * descenders' line. It takes the room of a line of text and no more, so lines keep their spacing
 * and never overlap: a picture meant to be seen at its size goes in a paragraph of its own. */
export function imagePiece(opts: SetOptions, { levels }: Paragraph, atom: ImageAtom, at: number, link?: LinkTarget): Piece {
  const natural = { width: (atom.pixels.width * 72) / 96, height: (atom.pixels.height * 72) / 96 };
  const scale = Math.min(1, opts.leading / natural.height, opts.measure / natural.width);
  const width = natural.width * scale;
  const height = natural.height * scale;
  const face = faceChain(opts.theme, atom.style, opts.rtl)[0]!;
  const image: PieceImage = { path: atom.path, type: atom.type, pixels: atom.pixels, alt: atom.alt, y: atom.style.size * 0.22 - height, height };
  return piece('', face, atom.style.size, atom.style.colour, 0, false, [], width, levels ? levels[at]! : 0, link, undefined, undefined, image);
}

/** An interword space of a style: its glyph (drawn, so extractors see a space) and its glue. */
export function spaceGlue(opts: SetOptions, { levels }: Paragraph, style: InlineStyle, at: number): GlueItem {
  const chain = faceChain(opts.theme, style, opts.rtl);
  const face = chain.find((f) => f.glyphOf(0x20) !== undefined) ?? chain[0]!;
  const glyphs = toPoints(face, style.size, shapeText(face, ' ', false));
  const width = glyphs[0]?.advance ?? style.size / 4;
  const level = levels ? levels[at]! : 0;
  const space = piece(' ', face, style.size, style.colour, 0, style.strike, glyphs, width, level);
  // A third of a space to shrink, as in TeX's fonts (Computer Modern's 1.11 pt of 3.33): the
  // breaker then finds a tight set of breaks more often where it would otherwise hyphenate.
  return { type: 'glue', width, stretch: width * 0.6, shrink: width / 3, space, level };
}
