// Makes the package byte-identical from build to build, and adds what the docx library does not
// write. docx names hyperlink relationships with random ids, numbers bookmarks and drawings from
// counters that live as long as the process, stamps the current time into the core properties and the
// zip entries; all of these are rewritten here from the document itself and ctx.date.
import { Packer, type Document } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { zipParts } from './zip.ts';

export interface PackageFacts {
  lang: string;
  rtl: boolean;
  date: Date;
}

/** Parts whose bookmarks share one id space, in the order Word reads them. */
const storyParts = /^word\/(document|footnotes|endnotes|header\d*|footer\d*|comments)\.xml$/;

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** W3C date-time, to the second, as Word writes it. */
function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A zip entry stores local wall-clock time; the UTC fields of ctx.date, so every time zone
 * writes the same bytes. Zip times run from 1980 to 2107 (seven bits of years): a date outside
 * is written as the nearest end, not wrapped round to another year. */
export function zipTime(date: Date): Date {
  const earliest = Date.UTC(1980, 0, 1, 12);
  const latest = Date.UTC(2107, 11, 31, 23, 59, 58);
  const d = new Date(Math.min(Math.max(date.getTime(), earliest), latest));
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** The package's parts by path, in the order docx writes them: XML as text, media as bytes. */
export type Parts = Map<string, string | Uint8Array>;

/** The parts of a docx Document. docx's compiler gives them before zipping, which saves zipping
 * twice (a quarter of the time); should a docx release hide it, the public Packer is unzipped. */
export async function documentParts(document: Document): Promise<Parts> {
  const compiler = (Packer as unknown as { compiler?: { compile?: (file: Document) => unknown } }).compiler;
  const compiled = typeof compiler?.compile === 'function' ? compiler.compile(document) : undefined;
  if (compiled instanceof Map) return compiled as Parts;
  const files = unzipSync(await Packer.toBuffer(document));
  return new Map(Object.entries(files).map(([name, bytes]) => [name, /\.(xml|rels)$/.test(name) ? strFromU8(bytes) : bytes]));
}

export function finishPackage(parts: Parts, facts: PackageFacts): Uint8Array {
  const names = [...parts.keys()];
  const text = new Map<string, string>();
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of parts) {
    if (typeof data === 'string') text.set(name, data);
    else if (/\.(xml|rels)$/.test(name)) text.set(name, strFromU8(data));
    else files.set(name, data);
  }

  // Random relationship ids (rId + 21 characters) → rIdL1, rIdL2, … in order of appearance.
  const relIds = new Map<string, string>();
  const relId = /\brId[0-9a-z_-]{21}(?![0-9a-z_-])/g;
  // Bookmark ids, renumbered in reading order over all stories (ids are unique per document).
  const bookmarkIds = new Map<string, string>();
  const bookmarkId = /(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(-?\d+)"/g;
  const ordered = [...names].sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const name of ordered) {
    const xml = text.get(name);
    if (xml === undefined || !storyParts.test(name)) continue;
    for (const match of xml.matchAll(bookmarkId)) {
      if (!bookmarkIds.has(match[2])) bookmarkIds.set(match[2], String(bookmarkIds.size + 1));
    }
  }
  let drawings = 0;
  for (const name of ordered) {
    let xml = text.get(name);
    if (xml === undefined) continue;
    xml = xml.replace(relId, (id) => {
      let stable = relIds.get(id);
      if (!stable) relIds.set(id, (stable = `rIdL${relIds.size + 1}`));
      return stable;
    });
    if (storyParts.test(name)) {
      xml = xml
        .replace(bookmarkId, (_, head: string, id: string) => `${head}${bookmarkIds.get(id)}"`)
        // Drawing ids come from a process-wide counter too; unique per document is all Word needs.
        .replace(/(<wp:docPr id=")\d+"/g, (_, head: string) => `${head}${++drawings}"`)
        // docx puts a note-number mark in the separator lines, where Word has none. The match stays
        // inside the separator's own element: were the mark ever missing there, it must not run on
        // into a real note and take that note's number.
        .replace(/(<w:(?:footnote|endnote) w:type="(?:separator|continuationSeparator)"(?:(?!<\/w:(?:footnote|endnote)>)[\s\S])*?)<w:r><w:rPr><w:rStyle w:val="(?:Footnote|Endnote)Reference"\/><\/w:rPr><w:(?:footnote|endnote)Ref\/><\/w:r>/g, '$1');
    }
    text.set(name, xml);
  }

  const core = text.get('docProps/core.xml');
  if (core !== undefined) {
    const stamp = w3cdtf(facts.date);
    text.set(
      'docProps/core.xml',
      core
        .replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`)
        .replace('</cp:coreProperties>', `<dc:language>${xmlEscape(facts.lang)}</dc:language></cp:coreProperties>`),
    );
  }
  if (facts.rtl) rightToLeft(text);

  // [Content_Types].xml first, as Word writes it; then the parts in the order docx wrote them.
  const entries: [string, Uint8Array][] = [];
  for (const name of ['[Content_Types].xml', ...names.filter((n) => n !== '[Content_Types].xml')]) {
    const value = text.get(name);
    const bytes = value === undefined ? files.get(name) : Buffer.from(value, 'utf8');
    if (bytes) entries.push([name, bytes]);
  }
  return zipParts(entries, zipTime(facts.date));
}

/** Reading order of the parts for renumbering: the body, then notes, then everything else. */
function order(name: string): number {
  if (name === 'word/document.xml') return 0;
  if (name === 'word/footnotes.xml') return 1;
  if (name === 'word/endnotes.xml') return 2;
  if (name.startsWith('word/_rels/')) return 4;
  return 3;
}

/** What docx cannot say about a right-to-left edition: the section runs right to left (page
 * numbers, columns, gutter) and paragraphs are right-to-left by default (so what an editor types
 * is too). Elements go where the schema's
 * sequence puts them, as Word rejects them elsewhere. */
function rightToLeft(text: Map<string, string>): void {
  const document = text.get('word/document.xml');
  if (document !== undefined) {
    text.set(
      'word/document.xml',
      document.replace(/(<w:sectPr\b[\s\S]*?)(<w:docGrid\b|<\/w:sectPr>)/g, '$1<w:bidi/>$2'),
    );
  }
  const styles = text.get('word/styles.xml');
  if (styles !== undefined) {
    text.set('word/styles.xml', styles.replace(/<w:pPrDefault><w:pPr>/, '$&<w:bidi/>').replace(/<w:pPrDefault\/>/, '<w:pPrDefault><w:pPr><w:bidi/></w:pPr></w:pPrDefault>'));
  }
}
