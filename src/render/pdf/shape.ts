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

/** The tables shapeText works in, indexed by UTF-16 offset, kept from one text to the next. */
function newTables(size: number) {
  return { isStart: new Uint8Array(size), endOf: new Int32Array(size), bearer: new Int32Array(size), carrier: new Int32Array(size) };
}
let tables = newTables(256);

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
  // Tables indexed by offset rather than Maps and a sorted list: this runs for every new word, and
  // unoptimised (a fresh process), each Map and sort is garbage for the collector.
  const n = text.length;
  if (tables.isStart.length < n + 1) tables = newTables(2 * (n + 1));
  const { isStart, endOf, bearer, carrier } = tables;
  isStart.fill(0, 0, n + 1);
  for (const info of infos) isStart[info.cluster] = 1;
  let next = n;
  endOf[n] = n;
  for (let c = n - 1; c >= 0; c--) {
    endOf[c] = next;
    if (isStart[c]) next = c;
  }
  // A cluster's text goes to one glyph: the first with an advance, so the base letter carries
  // the text and the dots and marks positioned on it (zero advance) carry none. Giving the text to
  // a mark would leave the base glyph without text and put the letter where the dot is.
  bearer.fill(-1, 0, n + 1);
  infos.forEach((info, k) => {
    const known = bearer[info.cluster]!;
    if (known < 0 || (positions[known]!.xAdvance === 0 && positions[k]!.xAdvance !== 0)) bearer[info.cluster] = k;
  });
  // In right-to-left text a cluster's marks (نَّ) go to a mark glyph of their own, which HarfBuzz
  // gives just before the letter: pdf.js takes a glyph whose text holds a combining mark for a
  // zero-width diacritic and does not advance over it, so a letter carrying its marks would put
  // the rest of the line out of step (and read as a word space after it).
  if (rtl) {
    carrier.fill(-1, 0, n + 1);
    for (let cluster = 0; cluster <= n; cluster++) {
      const k = bearer[cluster]!;
      if (k < 0) continue;
      for (let m = k - 1; m >= 0 && infos[m]!.cluster === cluster; m--) {
        if (positions[m]!.xAdvance === 0) {
          carrier[cluster] = m;
          break;
        }
      }
    }
  }
  const glyphs: ShapedGlyph[] = [];
  let width = 0;
  infos.forEach((info, k) => {
    const p = positions[k]!;
    const cluster = text.slice(info.cluster, endOf[info.cluster]);
    const carried = rtl && carrier[info.cluster]! >= 0;
    const marks = carried ? [...cluster].filter((c) => /\p{Mn}/u.test(c)) : [];
    let own = '';
    if (bearer[info.cluster] === k) own = visual(marks.length ? [...cluster].filter((c) => !/\p{Mn}/u.test(c)).join('') : cluster, rtl);
    else if (carried && carrier[info.cluster] === k) own = visual(marks.join(''), rtl);
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
