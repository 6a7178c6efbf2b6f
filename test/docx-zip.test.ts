// The DOCX zip container written and read with Node's zlib (src/render/docx/zip.ts): another zip
// reader (fflate's) gets every part back with its name, time and bytes, and the audit's reader
// refuses a package whose bytes were damaged rather than reading something else.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipTime } from '../src/render/docx/package.ts';
import { unzipParts, zipParts } from '../src/render/docx/zip.ts';
import { readParts } from '../src/render/docx/inspect.ts';

const xml = `<?xml version="1.0"?><w:document>${'<w:p><w:t>Almaty — Алматы</w:t></w:p>'.repeat(200)}</w:document>`;
// Bytes deflate cannot shrink (as a JPEG's): stored, not deflated.
const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
const entries: [string, Uint8Array][] = [
  ['[Content_Types].xml', Buffer.from('<Types/>')],
  ['word/document.xml', Buffer.from(xml)],
  ['word/media/ünïcode.bin', noise],
  ['empty.xml', new Uint8Array(0)],
];
const when = new Date(2023, 2, 27, 12, 30, 46);

describe('DOCX zip container', () => {
  it('is read back whole by another zip reader, in order, with its time', () => {
    const zip = zipParts(entries, when);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(entries.map(([name]) => name));
    for (const [name, bytes] of entries) expect(Buffer.from(files[name]).equals(Buffer.from(bytes))).toBe(true);
    // The deflated part is much smaller than its text; the noise is stored as it is.
    expect(zip.length).toBeLessThan(xml.length / 4 + noise.length + 1000);
    // DOS time of the first local header: 2023-03-27 12:30:46.
    const dos = Buffer.from(zip).readUInt32LE(10);
    expect([(dos >>> 25) + 1980, (dos >>> 21) & 15, (dos >>> 16) & 31, (dos >>> 11) & 31, (dos >>> 5) & 63, (dos & 31) * 2]).toEqual([2023, 3, 27, 12, 30, 46]);
  });

  it('keeps a date outside zip times (1980 to 2107) at the nearest end, not wrapped round to another year', () => {
    const dosOf = (date: Date) => {
      const dos = Buffer.from(zipParts(entries, zipTime(date))).readUInt32LE(10);
      return [(dos >>> 25) + 1980, (dos >>> 21) & 15, (dos >>> 16) & 31];
    };
    expect(dosOf(new Date(Date.UTC(2108, 0, 1)))).toEqual([2107, 12, 31]);
    expect(dosOf(new Date(Date.UTC(9999, 11, 31)))).toEqual([2107, 12, 31]);
    expect(dosOf(new Date(0))).toEqual([1980, 1, 1]);
    expect(dosOf(new Date(Date.UTC(2107, 5, 15)))).toEqual([2107, 6, 15]);
  });

  it('writes the same bytes every time', () => {
    expect(Buffer.from(zipParts(entries, when)).equals(Buffer.from(zipParts(entries, when)))).toBe(true);
  });

  it('reads back only the parts asked for', () => {
    const parts = unzipParts(zipParts(entries, when), (name) => name.endsWith('.xml'));
    expect([...parts.keys()]).toEqual(['[Content_Types].xml', 'word/document.xml', 'empty.xml']);
    expect(parts.get('word/document.xml')!.toString('utf8')).toBe(xml);
  });

  it('refuses a damaged package in the audit, naming the part', () => {
    const zip = Buffer.from(zipParts(entries, when));
    // Flip a byte inside word/document.xml's deflated data.
    const at = zip.indexOf('word/document.xml') + 'word/document.xml'.length + 40;
    zip[at] ^= 0xff;
    expect(() => readParts(zip)).toThrow(/DOCX package cannot be read: .*(word\/document\.xml|invalid|incorrect)/);
    expect(() => readParts(Buffer.from('not a zip at all, just text long enough'))).toThrow(/DOCX package cannot be read: not a zip package/);
  });
});
