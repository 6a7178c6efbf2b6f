// Shaping with HarfBuzz: kerning, ligatures and Arabic joining and marks come from the font's
// GSUB/GPOS, which pdf-lib's own text drawing ignores. Words repeat a lot, so results are cached
// per face, direction and text, up to a bound: a worker rendering a whole collection meets every
// word of every report, and a cache that only grows holds them all.
import * as hb from 'harfbuzzjs';
import type { LoadedFace } from './fonts.ts';

/** A glyph in font units. */
export interface ShapedGlyph {
  gid: number;
  advance: number;
  xOffset: number;
  yOffset: number;
  /** Source text of the cluster, on the one glyph that carries it ('' for the cluster's other glyphs). */
  text: string;
}

export interface Shaped {
  glyphs: ShapedGlyph[];
  /** Sum of advances, in font units. */
  width: number;
}

/** Shaped texts kept per face: a shaped word is some hundreds of bytes, so a face holds a few MB
 * at most; past the bound the cache starts again (cheaper than tracking recency, and the words
 * that matter come back within a paragraph). */
export const SHAPED_KEPT = 20_000;
const caches = new WeakMap<LoadedFace, Map<string, Shaped>>();
let buffer: hb.Buffer | undefined;

export function shapeText(face: LoadedFace, text: string, rtl: boolean): Shaped {
  let cache = caches.get(face);
  if (!cache) caches.set(face, (cache = new Map()));
  const key = (rtl ? 'r' : 'l') + text;
  const known = cache.get(key);
  if (known) return known;
  buffer ??= new hb.Buffer();
  buffer.reset();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  hb.shape(face.font, buffer);
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();
  // Cluster values are UTF-16 offsets into `text`; a cluster's text runs to the next larger one.
  const starts = [...new Set(infos.map((i) => i.cluster))].sort((a, b) => a - b);
  const endOf = new Map<number, number>();
  starts.forEach((s, k) => endOf.set(s, starts[k + 1] ?? text.length));
  // A cluster's text goes to one glyph: the first with an advance, so the base letter carries
  // the text and the dots and marks positioned on it (zero advance) carry none. Giving the text to
  // a mark would leave the base glyph without text and put the letter where the dot is.
  const bearer = new Map<number, number>();
  infos.forEach((info, k) => {
    const known = bearer.get(info.cluster);
    if (known === undefined || (positions[known]!.xAdvance === 0 && positions[k]!.xAdvance !== 0)) bearer.set(info.cluster, k);
  });
  // In right-to-left text a cluster's marks (نَّ) go to a mark glyph of their own, which HarfBuzz
  // gives just before the letter: pdf.js takes a glyph whose text holds a combining mark for a
  // zero-width diacritic and does not advance over it, so a letter carrying its marks would put
  // the rest of the line out of step (and read as a word space after it).
  const carrier = new Map<number, number>();
  if (rtl) {
    bearer.forEach((k, cluster) => {
      for (let m = k - 1; m >= 0 && infos[m]!.cluster === cluster; m--) {
        if (positions[m]!.xAdvance === 0) {
          carrier.set(cluster, m);
          return;
        }
      }
    });
  }
  const glyphs: ShapedGlyph[] = [];
  let width = 0;
  infos.forEach((info, k) => {
    const p = positions[k]!;
    const cluster = text.slice(info.cluster, endOf.get(info.cluster));
    const marks = carrier.has(info.cluster) ? [...cluster].filter((c) => /\p{Mn}/u.test(c)) : [];
    let own = '';
    if (bearer.get(info.cluster) === k) own = visual(marks.length ? [...cluster].filter((c) => !/\p{Mn}/u.test(c)).join('') : cluster, rtl);
    else if (carrier.get(info.cluster) === k) own = visual(marks.join(''), rtl);
    glyphs.push({ gid: info.codepoint, advance: p.xAdvance, xOffset: p.xOffset, yOffset: p.yOffset, text: own });
    width += p.xAdvance;
  });
  const shaped = { glyphs, width };
  if (cache.size >= SHAPED_KEPT) cache.clear();
  cache.set(key, shaped);
  return shaped;
}

/** How many texts are cached for a face (for tests of the bound). */
export function shapedCount(face: LoadedFace): number {
  return caches.get(face)?.size ?? 0;
}

/** A right-to-left glyph's text in visual order (a ligature's letters, a mark glyph's marks):
 * extractors reverse a line of right-to-left text as a whole, each glyph's text with it. */
function visual(text: string, rtl: boolean): string {
  return rtl && text.length > 1 ? [...text].reverse().join('') : text;
}
