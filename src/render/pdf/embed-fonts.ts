// Embeds the faces a layout uses as Type0/CIDFontType2 fonts: subset with glyph ids kept (TrueType
// outlines by glyf-subset.ts, anything else by HarfBuzz), W widths, and a ToUnicode map so text
// extracts as what it shows.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFString, type PDFDocument, type PDFRef } from './pdf-lib.ts';
import { loadFace, type LoadedFace } from './fonts.ts';
import { deflated, hex4, utf16Hex } from './operators.ts';
import { subsetGlyf } from './glyf-subset.ts';
import { subsetFont } from './subset.ts';
import { RecentMap } from '../../shared/recent.ts';
import type { PdfLayout } from './types.ts';

export interface FontUse {
  face: LoadedFace;
  name: string;
  /** CID of each glyph-and-text pair. A glyph standing for different text in different places
   * (Noto Naskh shares a dotless base between letters) gets one CID per text, so the ToUnicode map
   * can say exactly what each shows. The first text of a glyph keeps CID = glyph id. */
  cids: Map<string, number>;
  /** Glyph id and text of each CID. */
  byCid: Map<number, { gid: number; text: string }>;
  ref?: PDFRef;
}


/** Six capital letters derived from the glyphs used: the subset tag PDF readers recognise. */
function subsetTag(face: LoadedFace, gids: number[]): string {
  const digest = createHash('sha256').update(face.postscriptName).update(gids.join(',')).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i]! % 26));
  return tag;
}

export function cidKey(gid: number, text: string): string {
  return `${gid}\u0000${text}`;
}

/** Assigns CIDs: first every glyph's first text (CID = glyph id), then the extra pairs above the
 * face's glyph count, in order of first use. */
function assignCids(use: FontUse, pairs: { gid: number; text: string }[]): void {
  const extra: { gid: number; text: string }[] = [];
  // Once a page's glyphs: most are a glyph met before with its first text, whose CID is its
  // glyph id, found without making a key (an indexed loop: unoptimised, as the first PDF in a
  // process runs, a for…of allocates at every step).
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    const first = use.byCid.get(pair.gid);
    if (first === undefined) {
      use.cids.set(cidKey(pair.gid, pair.text), pair.gid);
      use.byCid.set(pair.gid, pair);
    } else if (first.text !== pair.text && !use.cids.has(cidKey(pair.gid, pair.text))) extra.push(pair);
  }
  let next = use.face.glyphCount;
  for (const pair of extra) {
    const key = cidKey(pair.gid, pair.text);
    if (use.cids.has(key)) continue;
    while (use.byCid.has(next)) next++;
    use.cids.set(key, next);
    use.byCid.set(next, pair);
  }
}

/** What a glyph without text of its own (an Arabic dot, a mark) maps to in the ToUnicode map. An
 * empty mapping would do for poppler, but pdf.js then falls back to the character code and shows a
 * stray control character; a zero-width space it recognises as a format mark and drops. */
const ZERO_WIDTH = '\u200b';


function toUnicodeCMap(byCid: Map<number, { gid: number; text: string }>): string {
  // A glyph continuing a cluster (an Arabic dot, a mark) is mapped too, rather than left unmapped:
  // unmapped codes make readers guess a character.
  const entries = [...byCid].map(([cid, p]) => [cid, p.text] as const).filter(([cid]) => cid !== 0).sort((a, b) => a[0] - b[0]);
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.map(([g, t]) => `<${hex4(g)}> <${utf16Hex(t || ZERO_WIDTH)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

export function widthOf(face: LoadedFace, gid: number): number {
  return (face.font.glyphHAdvance(gid) * 1000) / face.upem;
}

/** Unicode's default ignorable code points (DerivedCoreProperties.txt, Unicode 15), as ranges:
 * written out rather than matched with \p{Default_Ignorable_Code_Point}, whose class V8 expands
 * and sorts when the expression is compiled (some 8 M instructions of a fresh process's first
 * PDF, for a test most PDFs make a few times). */
const IGNORABLE = [
  0xad, 0xad, 0x34f, 0x34f, 0x61c, 0x61c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180b, 0x180f, 0x200b, 0x200f,
  0x202a, 0x202e, 0x2060, 0x206f, 0x3164, 0x3164, 0xfe00, 0xfe0f, 0xfeff, 0xfeff, 0xffa0, 0xffa0,
  0xfff0, 0xfff8, 0x1bca0, 0x1bca3, 0x1d173, 0x1d17a, 0xe0000, 0xe0fff,
];

function ignorable(code: number): boolean {
  for (let k = 0; k < IGNORABLE.length; k += 2) if (code >= IGNORABLE[k]! && code <= IGNORABLE[k + 1]!) return true;
  return false;
}

/** Whether a glyph standing for `text` is drawn with no advance whatever its font says: a format
 * character (a right-to-left mark, a zero-width joiner: Unicode's default ignorables), which
 * HarfBuzz sets with none. Its width in the file is 0 too (W, and the pen in content.ts): at the
 * font's own width, readers boxed it over the letters after it (pdftotext split "ұл\u200fттық"
 * in two overlapping words). */
export function drawnInvisible(text: string): boolean {
  if (text === '' || text.charCodeAt(0) < 0xad) return false;
  for (const char of text) if (!ignorable(char.codePointAt(0)!)) return false;
  return true;
}

/** Compressed font programs by face and glyph set: a rebuild of unchanged text reuses them. Only
 * the latest few are kept (least recently used first out): every edition has its own glyph sets,
 * and a worker rendering a thousand editions kept them all, tens of megabytes nobody reused. */
const programs = new RecentMap<string, { data: Uint8Array; length: number }>(64);

function fontProgram(face: LoadedFace, gids: number[]): { data: Uint8Array; length: number } {
  const key = `${face.path}\u0000${gids.join(',')}`;
  let program = programs.get(key);
  if (!program) {
    // TrueType outlines by hand (fast in a fresh process), anything else with HarfBuzz.
    const bytes = subsetGlyf(face.data, gids) ?? subsetFont(face.data, gids);
    // Level 6, zlib's default: on the seed's two subset faces (28.4 KB) level 9 saves 7 bytes of
    // 9.1 KB for four times the CPU.
    program = { data: new Uint8Array(deflateSync(bytes, { level: 6 })), length: bytes.length };
    programs.set(key, program);
  }
  return program;
}

function embedFont(doc: PDFDocument, use: FontUse): PDFRef {
  const { face } = use;
  const gids = [...new Set([...use.byCid.values()].map((p) => p.gid))].sort((a, b) => a - b);
  const name = `${subsetTag(face, gids)}+${face.postscriptName}`;
  const program = fontProgram(face, gids);
  const ctx = doc.context;
  const fontFile = ctx.register(ctx.stream(program.data, { Filter: 'FlateDecode', Length1: program.length }));
  const k = 1000 / face.upem;
  const italic = face.italicAngle !== 0;
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: name,
      // Nonsymbolic (32), plus Italic (64) for slanted faces.
      Flags: 32 | (italic ? 64 : 0),
      FontBBox: face.bbox.map((v) => Math.round(v * k)),
      ItalicAngle: face.italicAngle,
      Ascent: Math.round(face.ascender * k),
      Descent: Math.round(face.descender * k),
      CapHeight: Math.round(face.capHeight * k),
      StemV: 80,
      FontFile2: fontFile,
    }),
  );
  // W: runs of consecutive CIDs share one array.
  const cids = [...use.byCid.keys()].sort((a, b) => a - b);
  const w: (number | number[])[] = [];
  for (let i = 0; i < cids.length; ) {
    let j = i;
    while (j + 1 < cids.length && cids[j + 1] === cids[j]! + 1) j++;
    w.push(cids[i]!, cids.slice(i, j + 1).map((c) => {
      const { gid, text } = use.byCid.get(c)!;
      return drawnInvisible(text) ? 0 : Math.round(widthOf(face, gid));
    }));
    i = j + 1;
  }
  // CIDs are glyph ids unless some glyph needed a second CID: then a map says which glyph each is.
  const identity = cids.every((c) => use.byCid.get(c)!.gid === c);
  let cidToGid: PDFRef | string = 'Identity';
  if (!identity) {
    const max = cids[cids.length - 1]!;
    const map = new Uint8Array((max + 1) * 2);
    for (const [cid, p] of use.byCid) {
      map[cid * 2] = p.gid >> 8;
      map[cid * 2 + 1] = p.gid & 0xff;
    }
    cidToGid = ctx.register(ctx.stream(new Uint8Array(deflateSync(map)), { Filter: 'FlateDecode' }));
  }
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: w,
      CIDToGIDMap: cidToGid,
    }),
  );
  const toUnicode = ctx.register(deflated(ctx, toUnicodeCMap(use.byCid)));
  return ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: name,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
}


/** Every face the layout uses, its CIDs assigned, in order of first use so object numbers are
 * stable; then each embedded. */
export function embedFonts(doc: PDFDocument, layout: PdfLayout): Map<string, FontUse> {
  const fonts = new Map<string, FontUse>();
  for (const page of layout.pages) {
    for (const line of page.lines) {
      for (const run of line.box.runs) {
        let use = fonts.get(run.face);
        if (!use) {
          use = { face: loadFace(run.face), name: `F${fonts.size + 1}`, cids: new Map(), byCid: new Map() };
          fonts.set(run.face, use);
          assignCids(use, [{ gid: 0, text: '' }]);
        }
        assignCids(use, run.glyphs);
      }
    }
  }
  for (const use of fonts.values()) use.ref = embedFont(doc, use);
  return fonts;
}
