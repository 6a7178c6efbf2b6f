// The TrueType subsetter of the print edition (src/render/pdf/glyf-subset.ts), read back with
// HarfBuzz: the glyphs kept draw exactly as in the whole font, at the same ids, with the same
// advances; composite glyphs bring their parts; glyphs not asked for are empty; hinting is gone.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as hb from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { subsetGlyf } from '../src/render/pdf/glyf-subset.ts';

const require = createRequire(import.meta.url);
const file = require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf');
const whole = new Uint8Array(readFileSync(file));

function open(bytes: Uint8Array): { face: hb.Face; font: hb.Font } {
  const face = new hb.Face(new hb.Blob(bytes), 0);
  return { face, font: new hb.Font(face) };
}

const original = open(whole);
const gid = (char: string): number => original.font.nominalGlyph(char.codePointAt(0)!)!;

describe('subsetting a TrueType font for the PDF', () => {
  const asked = ['A', 'g', 'é', 'Ə', '€'].map(gid);
  const subset = subsetGlyf(whole, asked)!;
  const small = open(subset);

  it('keeps the glyphs asked for at their ids, drawn and advanced as in the whole font', () => {
    for (const g of asked) {
      expect(small.font.glyphToPath(g)).toBe(original.font.glyphToPath(g));
      expect(small.font.glyphToPath(g)).not.toBe('');
      expect(small.font.glyphHAdvance(g)).toBe(original.font.glyphHAdvance(g));
    }
    expect(small.face.upem).toBe(original.face.upem);
  });

  it('keeps the parts of composite glyphs and empties every other glyph', () => {
    const maxp = small.face.referenceTable('maxp')!;
    const count = (maxp[4]! << 8) | maxp[5]!;
    expect(count).toBe(Math.max(...asked) + 1);
    const drawn = Array.from({ length: count }, (_, g) => g).filter((g) => small.font.glyphToPath(g) !== '');
    // 'é' is drawn from 'e' and the acute accent in this font: both are kept, as .notdef is; a
    // few parts of other composites too, and nothing else.
    expect(drawn).toEqual(expect.arrayContaining([0, ...asked, gid('e')]));
    expect(drawn.length).toBeLessThan(asked.length + 6);
    const letterB = gid('B');
    expect(letterB).toBeLessThan(count);
    expect(small.font.glyphToPath(letterB)).toBe('');
  });

  it('writes only the tables a PDF reader needs, without hinting, much smaller than the font', () => {
    for (const tag of ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf']) expect(small.face.referenceTable(tag)?.length).toBeGreaterThan(0);
    for (const tag of ['fpgm', 'prep', 'cvt ', 'GSUB', 'GPOS', 'cmap']) expect(small.face.referenceTable(tag)?.length ?? 0).toBe(0);
    expect(subset.length).toBeLessThan(whole.length / 10);
  });

  it('leaves a font with CFF outlines to HarfBuzz', () => {
    const otto = whole.slice();
    otto.set([0x4f, 0x54, 0x54, 0x4f], 0);
    expect(subsetGlyf(otto, asked)).toBeUndefined();
  });
});
