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
  // Each note's text, from its Word footnote; a note cited only in another note's text is read
  // from the paragraph bookmarked with its id in the footnote printing it (document.ts) on.
  const byId = new Map(report.footnotes.map((note) => [note.id, note]));
  const byNumber = new Map(report.footnotes.map((note) => [String(note.number), note]));
  const noteText: Record<string, string> = {};
  const cited = new Set([...document.matchAll(/<w:footnoteReference\b[^>]*\bw:id="(\d+)"/g)].map((m) => m[1]));
  for (const footnote of (parts['word/footnotes.xml'] ?? '').matchAll(/<w:footnote\b([^>]*)>([\s\S]*?)<\/w:footnote>/g)) {
    const id = /\bw:id="(-?\d+)"/.exec(footnote[1])?.[1];
    let note = id === undefined ? undefined : byNumber.get(id);
    if (!note) continue;
    // Word shows only the footnotes the text cites, and none inside a footnote (LibreOffice will
    // not open a file with one): such a note would be lost to its readers.
    if (!cited.has(id!)) throw new AuditError(`DOCX footnote ${id} is never cited in word/document.xml: Word would not show it`);
    if (footnote[2].includes('<w:footnoteReference')) throw new AuditError(`DOCX footnote ${id} holds a footnote reference, which Word and LibreOffice do not accept`);
    for (const paragraph of footnote[2].matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)) {
      const head = [...paragraph[0].matchAll(/<w:bookmarkStart\b[^>]*\bw:name="([^"]*)"/g)].map((m) => byId.get(decode(m[1]))).find((n) => n && n !== note);
      if (head) note = head;
      // A picture in a note is read by its description, where it stands, as a screen reader reads it.
      const xml = paragraph[0].replace(/<wp:docPr\b[^>]*\bdescr="([^"]*)"[^>]*>/g, (_, descr: string) => `<w:t>${descr}</w:t>`);
      noteText[note.id] = (noteText[note.id] ?? '') + textOf(xml);
    }
  }
  return { sections, notes: report.footnotes.map((n) => n.id).filter((id) => id in noteText), noteText };
}
