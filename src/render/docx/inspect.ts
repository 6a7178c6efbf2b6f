// Reads a rendered DOCX back for the output audit: which sections have their bookmark on a
// Heading 1 paragraph in word/document.xml, and which notes have their text in a footnote of
// word/footnotes.xml.
import { AuditError } from '../../shared/errors.ts';
import type { Report } from '../../model/types.ts';
import type { Found } from '../types.ts';
import { styleId } from './styles.ts';
import { unzipParts } from './zip.ts';

function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The visible text of some WordprocessingML: the contents of its w:t elements. */
export function textOf(xml: string): string {
  let out = '';
  for (const match of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)) out += decode(match[1]);
  return out;
}

export function readParts(data: Uint8Array | string): Record<string, string> {
  if (typeof data === 'string') throw new AuditError('DOCX writer returned text, expected the bytes of a zip package');
  let files: Map<string, Buffer>;
  try {
    files = unzipParts(data, (name) => /\.(xml|rels)$/.test(name));
  } catch (error) {
    throw new AuditError(`DOCX package cannot be read: ${(error as Error).message}`);
  }
  return Object.fromEntries([...files].map(([name, bytes]) => [name, bytes.toString('utf8')]));
}

export function inspectDocx(data: Uint8Array | string, report: Report): Found {
  const parts = readParts(data);
  const document = parts['word/document.xml'] ?? '';
  const sections: string[] = [];
  const headingStyle = `<w:pStyle w:val="${styleId.heading(1)}"/>`;
  for (const paragraph of document.matchAll(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g)) {
    if (!paragraph[0].includes(headingStyle)) continue;
    for (const bookmark of paragraph[0].matchAll(/<w:bookmarkStart\b[^>]*\bw:name="([^"]*)"/g)) {
      const name = decode(bookmark[1]);
      if (!name.startsWith('_')) sections.push(name);
    }
  }
  const footnotes = new Map<string, string>();
  for (const note of (parts['word/footnotes.xml'] ?? '').matchAll(/<w:footnote\b([^>]*)>([\s\S]*?)<\/w:footnote>/g)) {
    const id = /\bw:id="(-?\d+)"/.exec(note[1])?.[1];
    // A picture in a note is read by its description, where it stands, as a screen reader reads it.
    const xml = note[2].replace(/<wp:docPr\b[^>]*\bdescr="([^"]*)"[^>]*>/g, (_, descr: string) => `<w:t>${descr}</w:t>`);
    if (id !== undefined) footnotes.set(id, textOf(xml));
  }
  const noteText: Record<string, string> = {};
  for (const note of report.footnotes) {
    const text = footnotes.get(String(note.number));
    if (text !== undefined) noteText[note.id] = text;
  }
  return { sections, notes: Object.keys(noteText), noteText };
}
