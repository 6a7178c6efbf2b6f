// Images in the PDF: a local PNG alone in its paragraph is embedded once as an image XObject, drawn
// within the measure at most at its natural size, kept on one page, its alt text the figure's /Alt
// (not printed); one among words is drawn in its line, no taller than the line, a Figure with its
// alt text inside the paragraph; a remote one prints its alt text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Report } from '../src/model/types.ts';
import { renderPdf, type PdfLayout } from '../src/render/pdf/index.ts';
import { readPdf } from '../src/render/pdf/read.ts';
import type { PlacedLine } from '../src/render/pdf/types.ts';
import jpeg from 'jpeg-js';
import { loadImage } from '../src/shared/images.ts';
import { loadReports, run, tempProject, writerContext, planYaml, needs } from './helpers.ts';
import { png } from './stress.ts';

const plan = planYaml(['background', 'death-penalty']);

const markdown = `---
title: Images
---

Summary.

## Background

Text before the map.

![Map of the protest sites in Almaty](wide.png)

A small icon:

![Small icon](small.png)

An icon ![inline icon](small.png) among words, and a remote one:

![Remote picture](https://example.org/picture.png)

## Death penalty

Text.
`;

const out = mkdtempSync(join(tmpdir(), 'folio-pdf-images-'));
let report: Report;
let dir: string;
let data: Uint8Array;
let layout: PdfLayout;
let file: string;

beforeAll(async () => {
  dir = tempProject({ 'en.md': markdown, 'wide.png': '', 'small.png': '' }, plan);
  writeFileSync(join(dir, 'demo', 'wide.png'), png(1200, 400));
  writeFileSync(join(dir, 'demo', 'small.png'), png(40, 20));
  report = loadReports(dir)[0]!;
  ({ data, layout } = await renderPdf(report, writerContext(report, dir)));
  file = join(out, 'images.pdf');
  writeFileSync(file, data);
});

const lines = (): PlacedLine[] => layout.pages.flatMap((p) => p.lines);
const textOf = (line: PlacedLine): string => line.box.runs.flatMap((r) => r.glyphs.map((g) => g.text)).join('');

describe('PDF images', () => {
  it('lays out an image alone in its paragraph as a block within the measure, at most its natural size', () => {
    const placed = lines().flatMap((line) => (line.box.images ?? []).filter((image) => !image.inline).map((image) => ({ line, image })));
    expect(placed.map((p) => p.image.alt)).toEqual(['Map of the protest sites in Almaty', 'Small icon']);
    const [wide, small] = placed;
    // 1200 px is 900 pt at 96 px per inch, wider than the measure: scaled to it, proportions kept.
    expect(wide!.image.width).toBeCloseTo(layout.measure, 1);
    expect(wide!.image.height).toBeCloseTo(layout.measure / 3, 1);
    // 40 × 20 px stays at its natural 30 × 15 pt.
    expect(small!.image.width).toBeCloseTo(30, 3);
    expect(small!.image.height).toBeCloseTo(15, 3);
    for (const { line, image } of placed) {
      expect(image.x).toBeGreaterThanOrEqual(-0.01);
      expect(image.x + image.width).toBeLessThanOrEqual(line.box.measure + 0.01);
      expect(line.box.leading).toBeGreaterThan(image.height);
    }
  });

  it('keeps the alt text for the Figure element rather than printing it as a caption', () => {
    const all = lines();
    const at = all.findIndex((l) => l.box.images?.length);
    expect(all[at]!.box.struct).toMatchObject({ role: 'Figure', alt: 'Map of the protest sites in Almaty' });
    expect(all.map(textOf).join('\n')).not.toContain('Map of the protest sites');
  });

  it('floats an image that does not fit the rest of the page to the next page, text filling the gap', async () => {
    const filler = Array.from({ length: 20 }, (_, k) => `Paragraph ${k + 1} fills the page with a line of text.`).join('\n\n');
    const md = markdown.replace('Text before the map.', filler);
    const d = tempProject({ 'en.md': md }, plan);
    writeFileSync(join(d, 'demo', 'wide.png'), png(1200, 400));
    writeFileSync(join(d, 'demo', 'small.png'), png(40, 20));
    const r = loadReports(d)[0]!;
    const { layout: l } = await renderPdf(r, writerContext(r, d));
    const { theme } = writerContext(r, d);
    const figure = (x: PlacedLine): boolean => Boolean(x.box.images?.some((i) => !i.inline));
    const page = l.pages.find((p) => p.lines.some(figure))!;
    const line = page.lines.find(figure)!;
    const image = line.box.images![0]!;
    const top = line.y + image.y;
    expect(top).toBeGreaterThanOrEqual(theme.page.margin.top - 0.01);
    expect(top + image.height).toBeLessThanOrEqual(theme.page.height - theme.page.margin.bottom);
    // It went over: it opens page 2, the small icon after it, in order.
    expect(page.number).toBe(2);
    const body = page.lines.filter((x) => x.kind === 'body');
    expect(body[0]).toBe(line);
    expect(body[1]!.box.images?.[0]?.alt).toBe('Small icon');
    // Page 1 did not end early: the text after the figure, up to the next section, fills it.
    const before = l.pages[0]!.lines.filter((x) => x.kind === 'body').map((x) => textOf(x).replace(/\s+/g, ' '));
    const at = before.findIndex((t) => t.includes('Paragraph 20'));
    expect(at).toBeGreaterThan(0);
    expect(before.slice(at + 1)).toEqual(['A small icon:', 'An icon among words, and a remote one:', 'Remote picture']);
    // The next section starts after the figures, on their page.
    expect(page.lines.some((x) => x.kind === 'heading' && textOf(x) === 'Death penalty')).toBe(true);
  });

  it('draws an image among words in its line, no taller than the line, and prints the alt text of a remote one', async () => {
    const line = lines().find((l) => textOf(l).startsWith('An icon'))!;
    expect(textOf(line).replace(/\s+/g, ' ')).toBe('An icon among words, and a remote one:');
    const icon = line.box.images!.find((i) => i.inline)!;
    expect(icon.alt).toBe('inline icon');
    // 40 × 20 px is 30 × 15 pt at its natural size: scaled to the line's leading, proportions kept,
    // standing on the descenders' line, between the words "icon" and "among".
    expect(icon.height).toBeCloseTo(line.box.leading, 3);
    expect(icon.width).toBeCloseTo(line.box.leading * 2, 3);
    expect(icon.y + icon.height).toBeGreaterThan(0);
    expect(icon.y + icon.height).toBeLessThan(line.box.leading * 0.3);
    const runs = line.box.runs.map((r) => ({ text: r.glyphs.map((g) => g.text).join(''), from: r.x, to: r.x + r.glyphs.reduce((w, g) => w + g.advance, 0) }));
    const before = runs.find((r) => r.text.includes('icon'))!;
    const after = runs.find((r) => r.text.includes('among'))!;
    expect(icon.x).toBeGreaterThan(before.from + 10);
    expect(icon.x + icon.width).toBeLessThan(after.from + after.text.indexOf('among') + 1 + 10);
    expect(lines().map(textOf)).toContain('Remote picture');
    // In the file: a Figure of its own inside the paragraph, with its alt text.
    const figures = (await readPdf(data)).pages.flatMap((p) => p.figures.map((f) => ({ alt: f.alt, roles: p.styles[f.style]!.roles })));
    expect(figures.map((f) => f.alt)).toEqual(['Map of the protest sites in Almaty', 'Small icon', 'inline icon']);
    expect(figures[2]!.roles.slice(0, 2)).toEqual(['Figure', 'P']);
  });

  it('embeds each image once as an XObject of its pixel size and draws it on the page', async () => {
    const doc = await PDFDocument.load(data);
    const xobjects = doc.context.enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'))
      .map((o) => [(o.dict.get(PDFName.of('Width')) as PDFNumber).asNumber(), (o.dict.get(PDFName.of('Height')) as PDFNumber).asNumber()]);
    expect(xobjects).toEqual([[1200, 400], [40, 20]]);
    const resources = doc.getPage(0).node.Resources()!;
    const names = (resources.get(PDFName.of('XObject')) as PDFDict).keys().map((k) => k.asString());
    expect(names).toEqual(['/Im1', '/Im2']);

    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await pdfjs.getDocument({ data: data.slice(), verbosity: 0 }).promise;
    const page = await pdf.getPage(1);
    const list = await page.getOperatorList();
    const painted = list.fnArray.map((fn, k) => [fn, list.argsArray[k]] as const).filter(([fn]) => fn === pdfjs.OPS.paintImageXObject);
    // The icon twice: alone in its paragraph and among words.
    expect(painted.length).toBe(3);
    // pdf.js reports the decoded image's size with each paint.
    expect(painted.map(([, args]) => [args[1], args[2]])).toEqual([[1200, 400], [40, 20], [40, 20]]);
    // The transform before each paint is the image's size in points.
    const transforms = list.fnArray.map((fn, k) => [fn, list.argsArray[k]] as const).filter(([fn]) => fn === pdfjs.OPS.transform).map(([, a]) => a as number[]);
    expect(transforms.some((t) => Math.abs(t[0]! - layout.measure) < 0.01 && Math.abs(t[3]! - layout.measure / 3) < 0.01)).toBe(true);
    await pdf.destroy();
  });

  needs('pdfimages')('lists the images with their pixel sizes (pdfimages)', () => {
    const rows = run('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean).map((r) => r.trim().split(/\s+/));
    expect(rows.map((r) => [r[0], r[3], r[4]])).toEqual([['1', '1200', '400'], ['1', '40', '20'], ['1', '40', '20']]);
  });

  needs('pdftotext')('extracts the alt text printed in place of a remote image, not the drawn pictures\' (pdftotext)', () => {
    const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(text).not.toContain('Map of the protest sites in Almaty');
    expect(text).not.toContain('inline icon');
    expect(text).toMatch(/An icon\s+among words/);
    expect(text).toContain('Remote picture');
  });

  it('keeps a picture among words whole where the words beside it are cut to fit the line', async () => {
    // A word far wider than the line, glued to the picture on both sides: the emergency pass cuts
    // the word between letters, never the picture, which has none.
    const word = 'abcdefghij'.repeat(40);
    const d = tempProject({ 'en.md': markdown.replace('Text before the map.', `Before ${word}![glued icon](small.png)${word} after.`) }, plan);
    writeFileSync(join(d, 'demo', 'wide.png'), png(1200, 400));
    writeFileSync(join(d, 'demo', 'small.png'), png(40, 20));
    const r = loadReports(d)[0]!;
    const { layout: l } = await renderPdf(r, writerContext(r, d));
    const placed = l.pages.flatMap((p) => p.lines).filter((x) => x.box.images?.some((i) => i.alt === 'glued icon'));
    expect(placed.length).toBe(1);
    const icon = placed[0]!.box.images!.find((i) => i.alt === 'glued icon')!;
    expect(icon.x).toBeGreaterThanOrEqual(-0.01);
    expect(icon.x + icon.width).toBeLessThanOrEqual(placed[0]!.box.measure + 0.01);
    // Every letter of both words is set.
    const text = l.pages.flatMap((p) => p.lines).map(textOf).join('');
    expect(text.split(word.slice(0, 10)).length - 1).toBeGreaterThanOrEqual(80);
  });

  needs('pdftoppm')('embeds a JPEG as it is (DCTDecode), at its pixel size', async () => {
    // A JPEG made by poppler from the PDF above: 20 px per inch of an A4 page is 166 × 234 px.
    const d = tempProject({ 'en.md': markdown.replace(/!\[Small icon\]\(small\.png\)/, '![A photograph](photo.jpg)') }, plan);
    run('pdftoppm', ['-jpeg', '-r', '20', '-f', '1', '-l', '1', '-singlefile', file, join(d, 'demo', 'photo')]);
    writeFileSync(join(d, 'demo', 'wide.png'), png(1200, 400));
    writeFileSync(join(d, 'demo', 'small.png'), png(40, 20));
    const r = loadReports(d)[0]!;
    const { data: pdf, layout: l } = await renderPdf(r, writerContext(r, d));
    const image = l.pages.flatMap((p) => p.lines).flatMap((x) => x.box.images ?? []).find((i) => i.type === 'jpg')!;
    expect(image.pixels).toEqual({ width: 166, height: 234 });
    expect(image.width).toBeCloseTo(166 * 0.75, 3);
    const doc = await PDFDocument.load(pdf);
    const jpegs = doc.context.enumerateIndirectObjects().map(([, o]) => o)
      .filter((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Filter')) === PDFName.of('DCTDecode'));
    expect(jpegs.map((o) => (o.dict.get(PDFName.of('Width')) as PDFNumber).asNumber())).toEqual([166]);
  });

  it('turns a photo as its EXIF orientation says, as a browser shows it, for each of the eight', async () => {
    // Stored 90 × 60 as a sensor sees it: a red band down the left, a green one across the top.
    const w = 90;
    const h = 60;
    const pixels = Buffer.alloc(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) pixels.set(x < 30 ? [230, 20, 20, 255] : y < 20 ? [20, 200, 20, 255] : [20, 20, 200, 255], (y * w + x) * 4);
    const stored = jpeg.encode({ data: pixels, width: w, height: h }, 95).data;
    const withOrientation = (o: number): Uint8Array => {
      const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0];
      const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tiff)]);
      return Buffer.concat([stored.subarray(0, 2), Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload, stored.subarray(2)]);
    };
    // Where the red band and the green one are once turned: the colour at a point of each.
    const red = [230, 20, 20];
    const green = [20, 200, 20];
    const shown: Record<number, { size: [number, number]; at: [number, number, number[]][] }> = {
      1: { size: [90, 60], at: [[10, 40, red], [60, 8, green]] },
      2: { size: [90, 60], at: [[80, 40, red], [30, 8, green]] },
      3: { size: [90, 60], at: [[80, 20, red], [30, 52, green]] },
      4: { size: [90, 60], at: [[10, 20, red], [60, 52, green]] },
      5: { size: [60, 90], at: [[40, 10, red], [8, 60, green]] },
      6: { size: [60, 90], at: [[40, 10, red], [52, 60, green]] },
      7: { size: [60, 90], at: [[20, 80, red], [52, 30, green]] },
      8: { size: [60, 90], at: [[20, 80, red], [8, 30, green]] },
    };
    for (let o = 1; o <= 8; o++) {
      const d = tempProject({ 'en.md': markdown.replace(/!\[Small icon\]\(small\.png\)/, '![A photograph](photo.jpg)'), 'wide.png': '', 'small.png': '' }, plan);
      writeFileSync(join(d, 'demo', 'wide.png'), png(1200, 400));
      writeFileSync(join(d, 'demo', 'small.png'), png(40, 20));
      writeFileSync(join(d, 'demo', 'photo.jpg'), withOrientation(o));
      const image = loadImage('photo.jpg', join(d, 'demo'))!;
      expect([image.width, image.height], `orientation ${o}`).toEqual(shown[o]!.size);
      const decoded = jpeg.decode(image.data, { useTArray: true });
      for (const [x, y, colour] of shown[o]!.at) {
        const at = (y * decoded.width + x) * 4;
        for (let c = 0; c < 3; c++) expect(Math.abs(decoded.data[at + c]! - colour[c]!), `orientation ${o} at ${x},${y}`).toBeLessThan(40);
      }
      // The print edition draws it so: upright, at its turned size.
      const r = loadReports(d)[0]!;
      const { layout: l } = await renderPdf(r, writerContext(r, d));
      const drawn = l.pages.flatMap((p) => p.lines).flatMap((x) => x.box.images ?? []).find((i) => i.type === 'jpg')!;
      expect([drawn.pixels.width, drawn.pixels.height]).toEqual(shown[o]!.size);
      expect(drawn.height > drawn.width).toBe(o >= 5);
    }
  });

  it('decodes a photo to turn once, for the check and the turn alike', () => {
    const w = 64;
    const h = 32;
    const stored = jpeg.encode({ data: Buffer.alloc(w * h * 4, 128), width: w, height: h }, 90).data;
    const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
    const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tiff)]);
    const photo = Buffer.concat([stored.subarray(0, 2), Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload, stored.subarray(2)]);
    const d = mkdtempSync(join(tmpdir(), 'folio-photo-'));
    writeFileSync(join(d, 'photo.jpg'), photo);
    const decode = vi.spyOn(jpeg, 'decode');
    try {
      const image = loadImage('photo.jpg', d)!;
      expect([image.width, image.height]).toEqual([h, w]);
      expect(decode).toHaveBeenCalledTimes(1);
    } finally {
      decode.mockRestore();
    }
  });

  it('is byte-identical when rendered twice', async () => {
    const again = await renderPdf(report, writerContext(report, dir));
    expect(Buffer.from(again.data).equals(Buffer.from(data))).toBe(true);
  });
});
