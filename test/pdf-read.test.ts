// The audit's PDF reader (src/render/pdf/read.ts) against a content stream written by hand, whose
// every glyph's place can be worked out on paper, and against pdf.js on a page Folio set.
import { PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../src/render/pdf/index.ts';
import { readPdf, type ReadGlyph, type ReadPdf } from '../src/render/pdf/read.ts';
import { loadReports, seedReport, writerContext } from './helpers.ts';

/** A one-page PDF whose content is `streams` (the first Flate-compressed, the rest not), with a
 * font F1 that gives codes 1, 2, 0x41 and 0x42 the widths 500, 600, 400, 700 and the texts x, y,
 * A, B, and every other code the default width, 1000, and no text. No font program: the reader needs only the widths and the ToUnicode map. */
async function handMade(streams: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([600, 800]);
  const { context } = doc;
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '2 beginbfchar <0001> <0078> <0002> <0079> endbfchar',
    '1 beginbfrange <0041> <0042> <0041> endbfrange',
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const cidFont = context.obj({ Type: 'Font', Subtype: 'CIDFontType2', BaseFont: 'Test', DW: 1000, W: [1, [500, 600], 0x41, [400, 700]] });
  const font = context.obj({
    Type: 'Font', Subtype: 'Type0', BaseFont: 'Test', Encoding: 'Identity-H',
    DescendantFonts: [context.register(cidFont)], ToUnicode: context.register(context.flateStream(cmap)),
  });
  page.node.setFontDictionary(PDFName.of('F1'), context.register(font));
  const refs = streams.map((s, k) => context.register(k === 0 ? context.flateStream(s) : context.stream(s)));
  page.node.set(PDFName.of('Contents'), context.obj(refs));
  return doc.save({ useObjectStreams: false });
}

const plain = (g: ReadGlyph) => ({ text: g.text, x: g.x, y: g.y, width: g.width, size: g.size, tags: g.tags, mcid: g.mcid });

describe('the PDF reader, on a content stream written by hand', () => {
  let read: ReadPdf;
  beforeAll(async () => {
    read = await readPdf(await handMade([
      // Comments, a scaled and moved CTM, kerning in a TJ array, a marked-content tag.
      '% a comment holding ( [ << BT Tj\nq 2 0 0 2 10 20 cm /Artifact BMC BT /F1 10 Tf 1 0 0 1 5 6 Tm [<0001> -500 <0002>] TJ ET EMC Q',
      // The page's content may be split between streams at any token: this one opens with a
      // dictionary operand holding a hex string that ends where the dictionary does.
      '/P <</MCID 7 /ActualText <FEFF>>> BDC BT /F1 12 Tf 14 TL 100 700 Td (AB) Tj T* (A\\102\\\nB) Tj 0 -20 TD (\\(B\\)) \' ET EMC',
      // Horizontal scaling (Tz), which q and Q save and restore with the rest of the text state.
      'BT /F1 10 Tf 1 0 0 1 0 100 Tm 50 Tz [<0001> -1000 <0002>] TJ 100 Tz (A) Tj q 50 Tz Q (B) Tj ET',
    ]));
  });

  it('places each glyph by the CTM, the text matrix, the advances and the kerning', () => {
    const glyphs = read.pages[0]!.glyphs.map(plain);
    expect(glyphs.slice(0, 2)).toEqual([
      // (5, 6) scaled by 2 and moved by (10, 20); 500/1000 of 10 pt, scaled by 2.
      { text: 'x', x: 20, y: 32, width: 10, size: 20, tags: ['Artifact'], mcid: undefined },
      // 5 pt of advance and 5 pt of kerning (500/1000 of 10 pt) later, scaled by 2.
      { text: 'y', x: 40, y: 32, width: 12, size: 20, tags: ['Artifact'], mcid: undefined },
    ]);
  });

  it('reads literal strings with their escapes, and moves to the next line by T*, TD and \'', () => {
    const glyphs = read.pages[0]!.glyphs.slice(2, 10).map(plain);
    const expected: [string, number, number][] = [
      // 400/1000 of 12 pt is 4.8.
      ['A', 100, 700], ['B', 104.8, 700],
      // T* goes down by the leading (14); \102 is B in octal; a backslash at a line's end continues the string.
      ['A', 100, 686], ['B', 104.8, 686], ['B', 113.2, 686],
      // TD goes down 20 and makes 20 the leading, so ' goes down 20 more; \( and \) are
      // parentheses, which the font's ToUnicode map leaves out: no text, the default width (12 pt).
      ['', 100, 646], ['B', 112, 646], ['', 120.4, 646],
    ];
    expect(glyphs.map((g) => [g.text, g.x, g.y])).toEqual(expected.map(([text, x, y]) => [text, expect.closeTo(x, 9), expect.closeTo(y, 9)]));
    expect(glyphs[5]!.width).toBeCloseTo(12, 9);
    expect(glyphs.every((g) => g.tags.join() === 'P' && g.mcid === 7 && g.size === 12)).toBe(true);
  });

  it('scales advances and kerning by Tz, and restores it with Q', () => {
    const glyphs = read.pages[0]!.glyphs.slice(10);
    // At 50%: x's 5 pt become 2.5, the kerning's 10 pt 5; at 100% again A and B take 4 and 7 pt.
    expect(glyphs.map((g) => [g.text, g.x, g.width])).toEqual([
      ['x', 0, 2.5], ['y', 7.5, 3], ['A', 10.5, 4], ['B', 14.5, 7],
    ].map(([text, x, width]) => [text, expect.closeTo(x as number, 9), expect.closeTo(width as number, 9)]));
  });
});

describe('the PDF reader, against pdf.js', () => {
  it('finds the text pdf.js finds on every page of the seed, each piece where pdf.js puts it', async () => {
    const report = await seedReport();
    const { data } = await renderPdf(report, writerContext(report));
    const read = await readPdf(data);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: data.slice(), verbosity: 0 }).promise;
    expect(read.pages.length).toBe(doc.numPages);
    const letters = (text: string): string => (text.normalize('NFC').match(/[\p{L}\p{N}]/gu) ?? []).join('');
    let items = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const mine = read.pages[n - 1]!;
      const [, , width, height] = page.view;
      expect([mine.width, mine.height]).toEqual([width, height]);
      const found = (await page.getTextContent()).items.filter((i) => 'str' in i && letters(i.str) !== '') as { str: string; transform: number[] }[];
      // The same letters in the same order (the seed's English edition is drawn in reading order).
      expect(letters(mine.glyphs.map((g) => g.text).join('')), `page ${n}`).toBe(letters(found.map((i) => i.str).join('')));
      // Each piece pdf.js finds starts at a glyph the reader placed there, showing its first letter.
      for (const item of found) {
        const [x, y] = [item.transform[4]!, item.transform[5]!];
        const at = mine.glyphs.find((g) => Math.abs(g.x - x) < 0.01 && Math.abs(g.y - y) < 0.01 && g.text !== '');
        expect(at?.text, `"${item.str}" at ${x}, ${y} on page ${n}`).toBe(item.str[0]);
        items++;
      }
    }
    expect(items).toBeGreaterThan(100);
    await doc.destroy();
  }, 60_000);

  it('places the glyphs of the Arabic seed where pdf.js does, spaces scaled by Tz included', async () => {
    const report = loadReports().find((r) => r.meta.slug === 'kazakhstan-2022' && r.lang === 'ar')!;
    const { data } = await renderPdf(report, writerContext(report));
    const read = await readPdf(data);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: data.slice(), verbosity: 0 }).promise;
    const missed: string[] = [];
    let items = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const glyphs = read.pages[n - 1]!.glyphs;
      for (const item of (await (await doc.getPage(n)).getTextContent()).items as { str: string; transform: number[]; width: number }[]) {
        if (!item.str?.trim()) continue;
        items++;
        // pdf.js reorders a piece's text, not where it starts and ends: a glyph starts where the
        // piece does, and one ends where it ends.
        const [x, y] = [item.transform[4]!, item.transform[5]!];
        const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.02;
        if (!glyphs.some((g) => near(g.x, x) && near(g.y, y))) missed.push(`start of "${item.str}" on page ${n}`);
        if (!glyphs.some((g) => near(g.x + g.width, x + item.width) && near(g.y, y))) missed.push(`end of "${item.str}" on page ${n}`);
      }
    }
    expect(items).toBeGreaterThan(100);
    expect(missed).toEqual([]);
    await doc.destroy();
  }, 60_000);
});
