// Shaping with HarfBuzz: kerning, ligatures and Arabic joining and marks come from the font's
// GSUB/GPOS, which pdf-lib's own text drawing ignores. Words repeat a lot, so results are cached
// per face, direction and text for the life of the process.
import * as hb from 'harfbuzzjs';
import type { LoadedFace } from './fonts.ts';

/** A glyph in font units. */
export interface ShapedGlyph {
  gid: number;
  advance: number;
  xOffset: number;
  yOffset: number;
  /** Source text of the cluster this glyph starts ('' for a glyph continuing a cluster). */
  text: string;
}

export interface Shaped {
  glyphs: ShapedGlyph[];
  /** Sum of advances, in font units. */
  width: number;
}

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
  const seen = new Set<number>();
  const glyphs: ShapedGlyph[] = [];
  let width = 0;
  infos.forEach((info, k) => {
    const p = positions[k]!;
    const first = !seen.has(info.cluster);
    seen.add(info.cluster);
    glyphs.push({
      gid: info.codepoint,
      advance: p.xAdvance,
      xOffset: p.xOffset,
      yOffset: p.yOffset,
      text: first ? text.slice(info.cluster, endOf.get(info.cluster)) : '',
    });
    width += p.xAdvance;
  });
  const shaped = { glyphs, width };
  cache.set(key, shaped);
  return shaped;
}
