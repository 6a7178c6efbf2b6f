// The last stage of paragraph setting: one broken line's pieces and spaces, in visual order,
// become a line box of glyph runs (one per face, size, colour and rise), with its links, anchors,
// note references, pictures among its words and strike-through rules, aligned in its measure.
import type { GlueItem, Piece, SetOptions } from './pieces.ts';
import type { GlyphRun, LineAnchor, LineBox, LineImage, LineLink, PlacedGlyph, Rule, StructNode } from './types.ts';

export type Element = { kind: 'piece'; piece: Piece } | { kind: 'space'; width: number; glue: GlueItem };

/** A line box. Every line box is made here (or copied from one), its optional fields present and
 * in the same order, set later or not: V8 then gives every line one shape, where lines of
 * several shapes (with and without a text, rules, a structure element…) make every read of a
 * line's field search a cache, as the first PDF in a process runs (unoptimised). */
export function lineBox(
  runs: GlyphRun[], links: LineLink[], anchors: LineAnchor[], width: number, measure: number, leading: number, ascent: number, notes: string[],
  rules?: Rule[], images?: LineImage[], struct?: StructNode,
): LineBox {
  return { runs, links, anchors, width, measure, leading, ascent, notes, text: undefined, hyphenated: undefined, rules, images, struct };
}

/** A glyph run, made here (or copied from one) with the same fields in the same order, as line
 * boxes are (see lineBox). */
export function glyphRun(face: string, size: number, colour: string, x: number, rise: number, glyphs: PlacedGlyph[], strike?: boolean, struct?: StructNode, order?: number[]): GlyphRun {
  return { face, size, colour, x, rise, glyphs, strike, struct, order };
}

export function levelOf(e: Element): number {
  return e.kind === 'piece' ? e.piece.level : e.glue.level;
}

function sameRun(run: GlyphRun, piece: Piece, rise: number): boolean {
  return run.face === piece.face.path && run.size === piece.size && run.colour === piece.colour &&
    run.rise === rise && Boolean(run.strike) === piece.strike;
}

function sameTarget(a: LineLink['target'], b: LineLink['target']): boolean {
  return 'uri' in a ? 'uri' in b && a.uri === b.uri : 'dest' in b && a.dest === b.dest;
}

/** `rank`, for a line holding right-to-left text, gives each element's place in reading order:
 * the runs then record where each of their glyphs comes (GlyphRun.order). */
export function buildLine(elements: Element[], opts: SetOptions, ragged: boolean, rank?: (e: Element) => number): LineBox {
  const runs: GlyphRun[] = [];
  const links: LineLink[] = [];
  const anchors: LineAnchor[] = [];
  const notes: string[] = [];
  let images: LineImage[] | undefined;
  let x = 0;
  let ascent = 0;
  let current: GlyphRun | undefined;
  for (let e = 0; e < elements.length; e++) {
    const element = elements[e]!;
    if (element.kind === 'space') {
      const space = element.glue.space!;
      const glyph = space.glyphs[0];
      // A space joins the run before it only if struck through alike: the rule of "~~struck~~ and"
      // ends with "struck", not across the space after it.
      if (current && current.face === space.face.path && current.rise === 0 && Boolean(current.strike) === Boolean(space.strike) && glyph) {
        current.glyphs.push({ ...glyph, advance: element.width });
        current.order?.push(rank!(element));
      } else if (glyph) {
        current = glyphRun(space.face.path, space.size, space.colour, x, 0, [{ ...glyph, advance: element.width }], space.strike || undefined, undefined, rank ? [rank(element)] : undefined);
        runs.push(current);
      }
      x += element.width;
      continue;
    }
    const piece = element.piece;
    const image = piece.image;
    if (image) {
      // A picture among words: drawn with the line, the text after it in a run of its own.
      (images ??= []).push({ path: image.path, type: image.type, pixels: image.pixels, x, y: image.y, width: piece.width, height: image.height, alt: image.alt, inline: true });
      ascent = Math.max(ascent, -image.y);
      current = undefined;
    } else {
      if (!current || !sameRun(current, piece, piece.rise)) {
        current = glyphRun(piece.face.path, piece.size, piece.colour, x, piece.rise, [], piece.strike || undefined, undefined, rank ? [] : undefined);
        runs.push(current);
      }
      const glyphs = piece.glyphs;
      for (let i = 0; i < glyphs.length; i++) current.glyphs.push(glyphs[i]!);
      if (rank) {
        // A piece's glyphs are in visual order: reversed for right-to-left text.
        const at = rank(element);
        const n = piece.glyphs.length;
        for (let i = 0; i < n; i++) current.order!.push(at + (piece.level % 2 === 1 ? n - 1 - i : i) / n);
      }
      ascent = Math.max(ascent, (piece.face.ascender / piece.face.upem) * piece.size + piece.rise);
    }
    if (piece.link) {
      const previous = links[links.length - 1];
      if (previous && sameTarget(previous.target, piece.link) && Math.abs(previous.x + previous.width - x) < 4) previous.width = x + piece.width - previous.x;
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
    for (const image of images ?? []) image.x += shift;
  }
  const line = lineBox(runs, links, anchors, width, opts.measure, opts.leading, ascent, notes, undefined, images);
  // Struck-through runs get their line here, through the middle of the lower-case letters.
  for (const run of runs) {
    if (!run.strike) continue;
    const length = run.glyphs.reduce((w, g) => w + g.advance, 0);
    const y = -run.size * 0.3;
    (line.rules ??= []).push({ x1: run.x, y1: y, x2: run.x + length, y2: y, width: run.size * 0.06, colour: run.colour });
  }
  return line;
}
