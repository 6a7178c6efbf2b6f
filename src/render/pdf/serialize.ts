// Writes a laid-out report as PDF with pdf-lib's object layer: Type0/CIDFontType2 fonts (subset
// with HarfBuzz, glyph ids kept, W widths, ToUnicode so text extracts), one content stream per page
// of positioned glyph runs, link annotations, outline and metadata. Nothing here depends on the
// clock or on chance, so two runs give the same bytes.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFPage } from 'pdf-lib';
import type { Report } from '../../model/types.ts';
import type { WriterContext } from '../types.ts';
import { loadFace, type LoadedFace } from './fonts.ts';
import { subsetFont } from './subset.ts';
import { readImage } from '../../shared/images.ts';
import type { GlyphRun, LineImage, PdfLayout, PlacedLine, Rule } from './types.ts';

interface FontUse {
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

function rgb(hex: string): string {
  const v = hex.replace('#', '');
  const n = (k: number): string => fmt(parseInt(v.slice(k, k + 2), 16) / 255);
  return `${n(0)} ${n(2)} ${n(4)}`;
}

function fmt(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

/** Six capital letters derived from the glyphs used: the subset tag PDF readers recognise. */
function subsetTag(face: LoadedFace, gids: number[]): string {
  const digest = createHash('sha256').update(face.postscriptName).update(gids.join(',')).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i]! % 26));
  return tag;
}

function cidKey(gid: number, text: string): string {
  return `${gid}\u0000${text}`;
}

/** Assigns CIDs: first every glyph's first text (CID = glyph id), then the extra pairs above the
 * face's glyph count, in order of first use. */
function assignCids(use: FontUse, pairs: { gid: number; text: string }[]): void {
  const extra: { gid: number; text: string }[] = [];
  for (const pair of pairs) {
    const key = cidKey(pair.gid, pair.text);
    if (use.cids.has(key)) continue;
    if (!use.byCid.has(pair.gid)) {
      use.cids.set(key, pair.gid);
      use.byCid.set(pair.gid, pair);
    } else extra.push(pair);
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

/** Marks are drawn inside this marked-content span: its empty ActualText (UTF-16BE, just the BOM)
 * tells poppler and Acrobat the marks stand for no text, so the zero-width space never reaches an
 * extractor that honours ActualText. pdf.js ignores ActualText and drops the zero-width space. */
const NO_TEXT = '/Span <</ActualText <FEFF>>> BDC';

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

function widthOf(face: LoadedFace, gid: number): number {
  return (face.font.glyphHAdvance(gid) * 1000) / face.upem;
}

/** Compressed font programs by face and glyph set: a rebuild of unchanged text reuses them. */
const programs = new Map<string, { data: Uint8Array; length: number }>();

function fontProgram(face: LoadedFace, gids: number[]): { data: Uint8Array; length: number } {
  const key = `${face.path}\u0000${gids.join(',')}`;
  let program = programs.get(key);
  if (!program) {
    const bytes = subsetFont(face.data, gids);
    program = { data: new Uint8Array(deflateSync(bytes, { level: 9 })), length: bytes.length };
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
    w.push(cids[i]!, cids.slice(i, j + 1).map((c) => Math.round(widthOf(face, use.byCid.get(c)!.gid))));
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

/** A glyph drawn on top of another (an Arabic dot, an accent): no advance and no text of its own. */
function isMark(g: GlyphRun['glyphs'][number]): boolean {
  return g.advance === 0 && g.text === '';
}

/** The operators of one run, the text matrix at the run's origin: first the glyphs that advance
 * the pen, in one TJ with the adjustments that put each where the shaper placed it (kerning,
 * justification), then the marks, each moved to its place with Td. Drawing the marks apart keeps
 * the letters of a word contiguous in the text position: a mark drawn in between makes the pen go
 * back and forth, and text extractors (poppler, pdf.js) read the jump as a word space. */
function showRun(run: GlyphRun, use: FontUse): string {
  const face = use.face;
  const parts: string[] = [];
  const marks: { cid: number; x: number; y: number }[] = [];
  let array = '';
  let cur = 0;
  let pen = 0;
  const cidOf = (g: GlyphRun['glyphs'][number]): number => use.cids.get(cidKey(g.gid, g.text))!;
  const flush = (): void => {
    if (array) parts.push(`[${array}] TJ`);
    array = '';
  };
  for (const g of run.glyphs) {
    if (isMark(g)) {
      marks.push({ cid: cidOf(g), x: pen + g.xOffset, y: g.yOffset });
      continue;
    }
    const desired = pen + g.xOffset;
    const adjust = -((desired - cur) * 1000) / run.size;
    if (Math.abs(adjust) > 0.05) array += ` ${fmt(adjust)} `;
    if (g.yOffset) {
      flush();
      parts.push(`${fmt(g.yOffset)} Ts [<${hex4(cidOf(g))}>] TJ 0 Ts`);
    } else array += `<${hex4(cidOf(g))}>`;
    cur = desired + (widthOf(face, g.gid) * run.size) / 1000;
    pen += g.advance;
  }
  flush();
  // Td moves from the previous Td origin (the run's origin at first), whatever was drawn since.
  let x = 0;
  let y = 0;
  if (marks.length) parts.push(NO_TEXT);
  for (const mark of marks) {
    const dx = fmt(mark.x - x);
    const dy = fmt(mark.y - y);
    parts.push(`${dx} ${dy} Td <${hex4(mark.cid)}> Tj`);
    x += Number(dx);
    y += Number(dy);
  }
  if (marks.length) parts.push('EMC');
  return parts.join(' ');
}

/** The marked-content tag each kind of line is drawn in: readers (and the output audit) tell the
 * notes from the text by it, and the running footer is an artifact, not content. */
const TAGS: Record<PlacedLine['kind'], string> = {
  title: 'H1', heading: 'H2', body: 'P', contents: 'TOCI', note: 'Note', footer: 'Artifact',
};

function ruleOps(rule: Rule, dx: number, yTop: (y: number) => number): string {
  return `${fmt(rule.width)} w ${rgb(rule.colour)} RG ${fmt(rule.x1 + dx)} ${fmt(yTop(rule.y1))} m ${fmt(rule.x2 + dx)} ${fmt(yTop(rule.y2))} l S`;
}

/** Draws an image: the unit square scaled to its size, its lower left corner at (x, bottom). */
function imageOps(image: LineImage, name: string, lineX: number, bottom: number): string {
  return `q ${fmt(image.width)} 0 0 ${fmt(image.height)} ${fmt(lineX + image.x)} ${fmt(bottom)} cm /${name} Do Q`;
}

export async function serialize(layout: PdfLayout, report: Report, ctx: WriterContext): Promise<Uint8Array> {
  const { theme, labels } = ctx;
  const height = theme.page.height;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(report.meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(labels.publisher);
  doc.setCreator(labels.publisher);
  doc.setProducer('Folio');
  doc.setSubject(report.summaryText);
  doc.setKeywords([report.meta.country, report.meta.region, String(report.meta.year), report.meta.type]);
  doc.setLanguage(report.lang);
  doc.setCreationDate(ctx.date);
  doc.setModificationDate(ctx.date);

  // Fonts, in order of first use so object numbers are stable.
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

  // Images, each file once, in order of first use (pdf-lib numbers their objects as they embed).
  const images = new Map<string, { name: string; ref: PDFRef }>();
  for (const page of layout.pages) {
    for (const line of page.lines) {
      for (const image of line.box.images ?? []) {
        if (images.has(image.path)) continue;
        const file = readImage(image.path);
        if (!file) throw new Error(`image ${image.path} can no longer be read`);
        const embedded = image.type === 'png' ? await doc.embedPng(file.data) : await doc.embedJpg(file.data);
        images.set(image.path, { name: `Im${images.size + 1}`, ref: embedded.ref });
      }
    }
  }

  const yTop = (y: number): number => height - y;
  const pages: PDFPage[] = layout.pages.map(() => doc.addPage([theme.page.width, height]));
  const dest = (id: string): PDFArray | undefined => {
    const anchor = layout.anchors[id];
    if (!anchor) return undefined;
    return doc.context.obj([pages[anchor.page - 1]!.ref, 'XYZ', null, fmtNum(yTop(anchor.y) + 4), null]);
  };

  layout.pages.forEach((page, index) => {
    const pdfPage = pages[index]!;
    const ops: string[] = [];
    const used = new Set<FontUse>();
    const pictures = new Set<string>();
    const annots: PDFRef[] = [];
    for (const line of page.lines) {
      if (line.box.runs.length) {
        ops.push(`/${TAGS[line.kind]} BMC`, 'BT');
        for (const run of line.box.runs) {
          const use = fonts.get(run.face)!;
          used.add(use);
          ops.push(`/${use.name} ${fmt(run.size)} Tf ${rgb(run.colour)} rg 1 0 0 1 ${fmt(line.x + run.x)} ${fmt(yTop(line.y - run.rise))} Tm ${showRun(run, use)}`);
        }
        ops.push('ET', 'EMC');
      }
      for (const run of line.box.runs) {
        if (!run.strike) continue;
        const width = run.glyphs.reduce((w, g) => w + g.advance, 0);
        const y = line.y - run.size * 0.3;
        ops.push(ruleOps({ x1: run.x, y1: y, x2: run.x + width, y2: y, width: run.size * 0.06, colour: run.colour }, line.x, yTop));
      }
      for (const image of line.box.images ?? []) {
        const embedded = images.get(image.path)!;
        pictures.add(image.path);
        ops.push(imageOps(image, embedded.name, line.x, yTop(line.y + image.y + image.height)));
      }
      for (const rule of line.box.rules ?? []) {
        ops.push(ruleOps({ ...rule, y1: rule.y1 + line.y, y2: rule.y2 + line.y }, line.x, yTop));
      }
      for (const link of line.box.links) {
        const rect = [line.x + link.x, yTop(line.y + link.descent), line.x + link.x + link.width, yTop(line.y - link.ascent)].map(fmtNum);
        const annot: Record<string, unknown> = { Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0], F: 4 };
        if ('uri' in link.target) annot.A = { Type: 'Action', S: 'URI', URI: PDFString.of(link.target.uri) };
        else {
          const d = dest(link.target.dest);
          if (!d) continue;
          annot.Dest = d;
        }
        annots.push(doc.context.register(doc.context.obj(annot as never)));
      }
    }
    for (const rule of page.rules) ops.push(ruleOps(rule, 0, yTop));
    const stream = doc.context.register(deflated(doc.context, ops.join('\n')));
    pdfPage.node.set(PDFName.of('Contents'), stream);
    for (const use of [...used].sort((a, b) => a.name.localeCompare(b.name))) pdfPage.node.setFontDictionary(PDFName.of(use.name), use.ref!);
    for (const path of pictures) {
      const { name, ref } = images.get(path)!;
      pdfPage.node.setXObject(PDFName.of(name), ref);
    }
    if (annots.length) pdfPage.node.set(PDFName.of('Annots'), doc.context.obj(annots));
  });

  // Outline: one bookmark per section, in order.
  if (layout.outline.length) {
    const outlineRef = doc.context.nextRef();
    const refs = layout.outline.map(() => doc.context.nextRef());
    layout.outline.forEach((entry, k) => {
      const item: Record<string, unknown> = {
        Title: PDFHexString.fromText(entry.title),
        Parent: outlineRef,
        Dest: [pages[entry.page - 1]!.ref, 'XYZ', null, fmtNum(yTop(entry.y) + 4), null],
      };
      if (k > 0) item.Prev = refs[k - 1];
      if (k < refs.length - 1) item.Next = refs[k + 1];
      doc.context.assign(refs[k]!, doc.context.obj(item as never));
    });
    doc.context.assign(outlineRef, doc.context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs[refs.length - 1]!, Count: refs.length }));
    doc.catalog.set(PDFName.of('Outlines'), outlineRef);
    doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }
  return doc.save({ useObjectStreams: true });
}

/** A Flate-compressed stream, compressed with Node's zlib (native, and the same bytes every time). */
function deflated(context: PDFDocument['context'], text: string): ReturnType<PDFDocument['context']['stream']> {
  return context.stream(new Uint8Array(deflateSync(Buffer.from(text, 'latin1'), { level: 6 })), { Filter: 'FlateDecode' });
}

function fmtNum(n: number): PDFNumber {
  return PDFNumber.of(Math.round(n * 100) / 100);
}
