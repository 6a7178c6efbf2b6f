// The stand-ins lib/ bundles in place of a few packages' modules (scripts/shims/) give what the
// packages give: the same inflated bytes, the same standard-font encodings, and a pdf-lib that
// still embeds a standard font through them (Folio never does; a library caller of pdf-lib might).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it, onTestFinished } from 'vitest';
import { asciiOnly } from '../scripts/ascii.js';
import { alias, lazyPackages, shims } from '../scripts/shims/index.js';
import { planYaml, root, tempProject } from './helpers.ts';
import { png } from './stress.ts';

const require = createRequire(import.meta.url);

describe('bundling stand-ins', () => {
  it('inflates as tiny-inflate does, into the buffer given or its filled start', () => {
    const tiny = require('tiny-inflate') as (source: Uint8Array, dest: Uint8Array) => Uint8Array;
    const ours = require(alias['tiny-inflate']!) as typeof tiny;
    const text = Buffer.from('Folio publishes Markdown reports as HTML, PDF, DOCX and JSON. '.repeat(40));
    const packed = deflateRawSync(text);
    expect(Buffer.from(ours(packed, new Uint8Array(text.length)))).toEqual(Buffer.from(tiny(packed, new Uint8Array(text.length))));
    expect(Buffer.from(ours(packed, new Uint8Array(text.length)))).toEqual(text);
  });

  it('decodes and encodes base64 as base64-js does, the line-break table included', () => {
    type Base64 = { toByteArray(b64: string): Uint8Array; fromByteArray(bytes: Uint8Array): string };
    const real = require('base64-js') as Base64;
    const ours = require(alias['base64-js']!) as Base64;
    const table = /toByteArray\("([^"]+)"\)/.exec(readFileSync(join(root, 'node_modules', 'linebreak', 'dist', 'module.mjs'), 'utf8'))![1]!;
    for (const b64 of [table, '', 'Zm9s', 'Zm9saW8=', 'Zm9saW8h', real.fromByteArray(new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37) % 256)))]) {
      const bytes = ours.toByteArray(b64);
      expect(Buffer.from(bytes)).toEqual(Buffer.from(real.toByteArray(b64)));
      expect(bytes.byteOffset).toBe(0);
      expect(ours.fromByteArray(bytes)).toBe(real.fromByteArray(real.toByteArray(b64)));
    }
    expect(table.length).toBeGreaterThan(4000);
    expect(() => ours.toByteArray('abc')).toThrow();
  });

  it('gives the standard-font names and encodings of @pdf-lib/standard-fonts', () => {
    const real = require('@pdf-lib/standard-fonts') as typeof import('@pdf-lib/standard-fonts');
    const standIn = require(join(root, 'scripts', 'shims', 'standard-fonts.cjs')) as typeof real;
    expect(standIn.FontNames).toEqual(real.FontNames);
    expect(standIn.Font).toBe(real.Font);
    expect(standIn.Encodings.WinAnsi.encodeUnicodeCodePoint(0x20ac)).toEqual(real.Encodings.WinAnsi.encodeUnicodeCodePoint(0x20ac));
    expect(standIn.Encodings.Symbol.supportedCodePoints).toEqual(real.Encodings.Symbol.supportedCodePoints);
  });

  it('gives the PNG codec of @pdf-lib/upng, loaded when first used', async () => {
    const { encode } = await import('fast-png');
    // A 3×2 image with an alpha channel, as Folio's writer would be given.
    const png = encode({ width: 3, height: 2, channels: 4, data: new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]) });
    type Upng = { decode(data: ArrayBuffer | Uint8Array): { width: number; height: number; ctype: number }; toRGBA8(img: unknown): ArrayBuffer[] };
    const real = (require('@pdf-lib/upng') as { default: Upng }).default;
    const standIn = (require(join(root, 'scripts', 'shims', 'upng.cjs')) as { default: Upng; __esModule: boolean });
    expect(standIn.__esModule).toBe(true);
    const ours = standIn.default.decode(png);
    expect({ width: ours.width, height: ours.height, ctype: ours.ctype }).toEqual({ width: 3, height: 2, ctype: 6 });
    expect(new Uint8Array(standIn.default.toRGBA8(ours)[0]!)).toEqual(new Uint8Array(real.toRGBA8(real.decode(png))[0]!));
    expect(Object.keys(standIn.default).sort()).toEqual(Object.keys(real).sort());
  });

  it('leaves a bundled pdf-lib able to embed a standard font and encode its text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-shims-'));
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, [
      "import { PDFDocument, StandardFonts } from 'pdf-lib';",
      '(async () => {',
      'const doc = await PDFDocument.create();',
      'const font = await doc.embedFont(StandardFonts.Helvetica);',
      "doc.addPage().drawText('Prix: 12 €', { font, size: 12 });",
      'const bytes = await doc.save({ useObjectStreams: false });',
      "console.log(JSON.stringify({ hex: font.encodeText('Prix: 12 €').toString(), pdf: Buffer.from(bytes).toString('latin1') }));",
      '})();',
    ].join('\n'));
    const outfile = join(dir, 'out.cjs');
    await build({
      entryPoints: [entry], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20',
      nodePaths: [join(root, 'node_modules')], alias, plugins: [shims], logLevel: 'silent',
    });
    const run = spawnSync(process.execPath, [outfile], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { hex, pdf } = JSON.parse(run.stdout) as { hex: string; pdf: string };
    // WinAnsi codes: "Prix: 12 " as in ASCII, € as 0x80.
    expect(hex).toBe('<507269783A2031322080>');
    expect(pdf).toMatch(/\/BaseFont \/Helvetica\b/);
    expect(pdf).toContain('/Encoding /WinAnsiEncoding');
  });
  it('reads object streams and compressed streams with zlib in place of pdf-lib\'s JavaScript inflate', async () => {
    const dir = mkdtempSync(join(root, 'node_modules', '.folio-shims-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, [
      "import * as pdfLib from 'pdf-lib';",
      "import { deflateSync } from 'node:zlib';",
      'const { PDFDocument, PDFContext, PDFRawStream, decodePDFRawStream } = pdfLib;',
      "const text = Array.from({ length: 400 }, (_, i) => `${i} 0 obj << /Type /StructElem /S /P /K ${i} >>`).join('\\n');",
      "const packed = deflateSync(Buffer.from(text, 'latin1'));",
      'const context = PDFContext.create();',
      "const decode = (bytes) => Buffer.from(decodePDFRawStream(PDFRawStream.of(context.obj({ Filter: 'FlateDecode' }), bytes)).decode()).toString('latin1');",
      '(async () => {',
      'const doc = await PDFDocument.create({ updateMetadata: false });',
      "doc.setTitle('Kazakhstan 2022');",
      'doc.addPage();',
      'doc.addPage();',
      'const read = await PDFDocument.load(await doc.save({ useObjectStreams: true }), { updateMetadata: false });',
      'const cut = decode(packed.subarray(0, packed.length >> 1));',
      'console.log(JSON.stringify({ whole: decode(packed) === text, noChecksum: decode(packed.subarray(0, packed.length - 4)) === text,',
      '  cut: [cut.length > 1000, text.startsWith(cut)], title: read.getTitle(), pages: read.getPageCount() }));',
      '})();',
    ].join('\n'));
    const outfile = join(dir, 'out.cjs');
    await build({ entryPoints: [entry], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', mainFields: ['module', 'main'], alias, plugins: [shims], logLevel: 'silent' });
    // pdf.js's inflate (its Huffman tables) is not in the bundle.
    expect(readFileSync(outfile, 'utf8')).not.toContain('generateHuffmanTable');
    const run = spawnSync(process.execPath, [outfile], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ whole: true, noChecksum: true, cut: [true, true], title: 'Kazakhstan 2022', pages: 2 });
  });
});

describe('image decoders required on first use', () => {
  // The same program run on the packages and bundled with their stand-ins: same names, same results.
  const program = [
    "import { decode, encode, hasPngSignature } from 'fast-png';",
    "import jpeg from 'jpeg-js';",
    "import { GifReader, GifWriter } from 'omggif';",
    "import { imageSize } from 'image-size';",
    'const png = encode({ width: 2, height: 1, data: new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255]), channels: 4, depth: 8 });',
    "const jpg = jpeg.encode({ width: 1, height: 1, data: Buffer.from([0, 128, 255, 255]) }, 90).data;",
    'const gif = Buffer.alloc(200);',
    'const writer = new GifWriter(gif, 2, 2, { palette: [0xff0000, 0x0000ff] });',
    'writer.addFrame(0, 0, 2, 2, [0, 1, 1, 0]);',
    'const pixels = new Uint8Array(16);',
    'new GifReader(gif.subarray(0, writer.end())).decodeAndBlitFrameRGBA(0, pixels);',
    'console.log(JSON.stringify({',
    '  png: [hasPngSignature(png), Array.from(decode(png).data), imageSize(png)],',
    '  jpg: [imageSize(jpg), Array.from(jpeg.decode(jpg, { useTArray: true }).data).length],',
    '  gif: [imageSize(gif), Array.from(pixels)],',
    '}));',
  ].join('\n');

  it('give what the packages give', async () => {
    // Inside node_modules, where the program run as it is finds the packages.
    const dir = mkdtempSync(join(root, 'node_modules', '.folio-shims-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, program);
    const real = spawnSync(process.execPath, [entry], { encoding: 'utf8' });
    expect(real.stderr).toBe('');
    const outfile = join(dir, 'out.cjs');
    await build({ entryPoints: [entry], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', alias, plugins: [shims], logLevel: 'silent' });
    // Bundled as stand-ins, which require each package from inside the bundle.
    for (const name of lazyPackages) expect(readFileSync(outfile, 'utf8')).toContain(`folio-lazy:${name}`);
    const bundled = spawnSync(process.execPath, [outfile], { encoding: 'utf8' });
    expect(bundled.stderr).toBe('');
    expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(real.stdout));
    expect(JSON.parse(real.stdout).png[1]).toEqual([255, 0, 0, 255, 0, 0, 255, 255]);
  });

  it('decode the images of an edition built by the compiled command, and refuse a damaged one at its line', () => {
    const { GifWriter } = require('omggif') as typeof import('omggif');
    const gif = Buffer.alloc(200);
    const writer = new GifWriter(gif, 2, 2, { palette: [0xff0000, 0x0000ff] });
    writer.addFrame(0, 0, 2, 2, [0, 1, 1, 0]);
    const text = (images: string) => `---\ntitle: Images\n---\n\nSummary.\n\n## Background\n\n${images}\n\n## Death penalty\n\nText.\n`;
    const dir = tempProject({ 'en.md': text('![A map](map.png)\n\n![A chart](chart.gif)') }, planYaml(['background', 'death-penalty']));
    writeFileSync(join(dir, 'demo', 'map.png'), png(3, 2));
    writeFileSync(join(dir, 'demo', 'chart.gif'), gif.subarray(0, writer.end()));
    const outputs = mkdtempSync(join(tmpdir(), 'folio-shims-out-'));
    const folio = (out: string) => spawnSync(process.execPath, [join(root, 'bin', 'folio.js'), 'build', '--source', dir, '--templates', join(root, 'templates'), '--out', join(outputs, out), '--jobs', '1'], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1679918400', CI: '1' } });
    const built = folio('dist');
    expect(built.status, built.stderr).toBe(0);
    const html = readFileSync(join(outputs, 'dist', 'demo', 'demo.en.html'), 'utf8');
    expect(html).toMatch(/<img[^>]+alt="A map"/);
    expect(html).toMatch(/<img[^>]+alt="A chart"/);
    writeFileSync(join(dir, 'demo', 'map.png'), png(3, 2).subarray(0, 40));
    const refused = folio('dist2');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/en\.md:9:1: error .*map\.png/);
  }, 60_000);
});

describe('the bundle as ASCII text', () => {
  it('escapes comments and regular expressions, which then match what they matched', () => {
    const source = [
      "const kk = /^[әғқңөұүһі]+$/u; // Kazakh letters, it’s",
      '/* don’t */ const quote = /[\\’é]/;',
      'const face = /[😀]/u;',
      'const half = (a, b) => a / b / 2;',
      "const text = 'Қазақстан';",
      'return [kk.test("әүі"), kk.test("uly"), quote.test("’"), quote.test("e"), face.test("😀"), half(8, 2), text];',
    ].join('\n');
    const out = asciiOnly(source);
    // Only string literals are left as written (esbuild escapes those itself).
    expect(out.replace(/"[^"]*"|'[^']*'/g, '')).toMatch(/^[\x00-\x7f]*$/);
    expect(out).toContain('\\u0493');
    expect(new Function(out)()).toEqual(new Function(source)());
    expect(new Function(out)()).toEqual([true, false, true, false, true, 2, 'Қазақстан']);
  });

  it('is what the compiled command loads', () => {
    // One non-ASCII character would make V8 hold the whole bundle as a two-byte string.
    const bundle = readFileSync(join(root, 'lib', 'folio.cjs'));
    expect(bundle.findIndex((byte) => byte > 0x7f)).toBe(-1);
  });
});
