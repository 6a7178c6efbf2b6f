// The stand-ins lib/ bundles in place of a few packages' modules (scripts/shims/) give what the
// packages give: the same inflated bytes, the same standard-font encodings, and a pdf-lib that
// still embeds a standard font through them (Folio never does; a library caller of pdf-lib might).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../scripts/ascii.js';
import { alias, shims } from '../scripts/shims/index.js';
import { root } from './helpers.ts';

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

  it('gives the standard-font names and encodings of @pdf-lib/standard-fonts', () => {
    const real = require('@pdf-lib/standard-fonts') as typeof import('@pdf-lib/standard-fonts');
    const standIn = require(join(root, 'scripts', 'shims', 'standard-fonts.cjs')) as typeof real;
    expect(standIn.FontNames).toEqual(real.FontNames);
    expect(standIn.Font).toBe(real.Font);
    expect(standIn.Encodings.WinAnsi.encodeUnicodeCodePoint(0x20ac)).toEqual(real.Encodings.WinAnsi.encodeUnicodeCodePoint(0x20ac));
    expect(standIn.Encodings.Symbol.supportedCodePoints).toEqual(real.Encodings.Symbol.supportedCodePoints);
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
