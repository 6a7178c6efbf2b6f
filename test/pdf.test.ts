// The PDF writer, checked on the PDF itself (text, fonts, links, outline, ink) and on its layout
// data (line widths, note placement).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContentError, ContentErrors } from '../src/shared/errors.ts';
import type { Report } from '../src/model/types.ts';
import { inspectPdf, pdfWriter, renderPdf, type PdfLayout } from '../src/render/pdf/index.ts';
import { loadFace } from '../src/render/pdf/fonts.ts';
import { SHAPED_KEPT, shapedCount, shapeText } from '../src/render/pdf/shape.ts';
import { readPdf } from '../src/render/pdf/read.ts';
import { drawnInvisible } from '../src/render/pdf/embed-fonts.ts';
import { resolveFontFile } from '../src/templates/load.ts';
import { runCases, seedWith } from './harness.ts';
import { extractedWords, has, reportFrom, run, seedReport, words, writerContext, planYaml, needs } from './helpers.ts';

const plan = planYaml(['background', 'death-penalty']);

let report: Report;
let pdf: Uint8Array;
let layout: PdfLayout;
let file: string;
const dir = mkdtempSync(join(tmpdir(), 'folio-pdf-'));

beforeAll(async () => {
  report = await seedReport();
  ({ data: pdf, layout } = await renderPdf(report, writerContext(report)));
  file = join(dir, 'seed.pdf');
  writeFileSync(file, pdf);
});

/** The model's text in reading order: title, summary, contents, sections, notes. */
function modelWords(r: Report): string[] {
  const parts = [r.summaryText, ...r.sections.flatMap((s) => [s.titleText, s.text])];
  return words(parts.join('\n')).map(clean);
}

/** Footnote reference numbers are glued to the word they follow in extracted text. */
function clean(word: string): string {
  return word.replace(/\d+$/u, (d) => d).normalize('NFC');
}


describe('PDF text', () => {
  needs('pdftotext')('gives back every word of the source in reading order (pdftotext)', () => {
    const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const expected = modelWords(report);
    // Hyphens aside: pdftotext joins any line that ends in a hyphen with the next, dropping the
    // hyphen, so "ill-" at a line end comes out "illtreatment" (Folio's own break hyphens carry no
    // text at all, see content.ts).
    const unhyphen = (w: string): string => w.replace(/^(\D+?)(\d+)$/u, '$1').replace(/-/g, '');
    const got = extractedWords(text, new Set(expected)).map(unhyphen);
    // Every source word appears, in order, among the extracted ones (which also hold the title
    // block, contents and footers).
    let at = 0;
    const missing: string[] = [];
    for (const word of expected) {
      const found = got.indexOf(unhyphen(word), at);
      if (found < 0) missing.push(word);
      else at = found + 1;
    }
    expect(missing).toEqual([]);
    expect(text).toContain('“lacking competitiveness”');
    expect(text).toContain('country’s');
  });

  it('keeps the note text and its number (pdfjs)', async () => {
    const pages = await pdfjsPages(pdf);
    const all = pages.map((p) => p.text).join(' ');
    expect(all).toContain('Kazakhstan: Ordering security forces');
    expect(all).toContain('Page 1 of');
  });
});

describe('PDF layout', () => {
  it('sets no line wider than its measure', () => {
    for (const page of layout.pages) {
      for (const line of page.lines) {
        expect(line.box.width).toBeLessThanOrEqual(line.box.measure + 0.01);
      }
    }
  });

  it('justifies body lines: all but paragraph ends fill the measure', () => {
    const body = layout.pages.flatMap((p) => p.lines.filter((l) => l.kind === 'body'));
    const full = body.filter((l) => Math.abs(l.box.width - l.box.measure) < 0.5);
    expect(full.length / body.length).toBeGreaterThan(0.6);
  });

  it('puts note 1 at the foot of the page that cites it', () => {
    expect(layout.anchors['fn-1']!.page).toBe(layout.anchors['fnref-1']!.page);
    const page = layout.pages[layout.anchors['fn-1']!.page - 1]!;
    expect(page.notes).toContain('fn-1');
    const note = page.lines.find((l) => l.kind === 'note')!;
    const lowestBody = Math.max(...page.lines.filter((l) => l.kind === 'body').map((l) => l.y));
    expect(note.y).toBeGreaterThan(lowestBody);
  });

  it('audits from the bytes: every section bookmarked and every note placed', async () => {
    const found = await pdfWriter.inspect({ data: pdf, layout }, report);
    expect(found.sections).toEqual(report.sections.map((s) => s.id));
    expect(found.notes).toEqual(report.footnotes.map((f) => f.id));
  });

  it('cuts a running title too long for the footer after a word, with an ellipsis, clear of the page number', async () => {
    const title = `Kazakhstan 2022: ${Array.from({ length: 30 }, (_, k) => ['freedom', 'of', 'assembly', 'and', 'expression'][k % 5]).join(' ')}`;
    const body = Array.from({ length: 80 }, () => 'Filler text for the page, enough to fill lines.').join(' ');
    const r = reportFrom(`---\ntitle: "${title}"\n---\n\nSummary.\n\n## Background\n\n${body}\n\n## Death penalty\n\nText.\n`, { reportYaml: plan });
    const { data } = await renderPdf(r, writerContext(r));
    const read = await readPdf(data);
    expect(read.pages.length).toBeGreaterThan(1);
    for (const [k, page] of read.pages.entries()) {
      // The footer: the glyphs of the page's lowest baseline.
      const bottom = Math.min(...page.glyphs.map((g) => g.y));
      const footer = page.glyphs.filter((g) => Math.abs(g.y - bottom) < 0.5).sort((a, b) => a.x - b.x);
      const text = footer.map((g) => g.text).join('');
      const number = `Page ${k + 1} of ${read.pages.length}`;
      expect(text.endsWith(number), text).toBe(true);
      const shown = text.slice(0, -number.length).trimEnd();
      expect(shown.endsWith('…')).toBe(true);
      expect(title.startsWith(shown.slice(0, -1).trimEnd())).toBe(true);
      // Cut after a whole word, and the title's last glyph ends an em or more before the number.
      expect(title[shown.length - 1]).toBe(' ');
      const numberStart = footer[footer.length - number.length]!.x;
      const titleEnd = Math.max(...footer.slice(0, shown.length).map((g) => g.x + g.width));
      expect(numberStart - titleEnd).toBeGreaterThan(footer[0]!.size);
    }
  });

  it('gives a format character (a right-to-left mark, a joiner) no width in the file, as it is drawn, so that no reader boxes it over the next letter', async () => {
    const r = reportFrom(`---\ntitle: Marks\n---\n\nSummary.\n\n## Background\n\nҰл\u200fттық and a\u200db and \`\u200fcode\`.\n\n## Death penalty\n\nText.\n`, { reportYaml: plan });
    const { data } = await renderPdf(r, writerContext(r));
    const glyphs = (await readPdf(data)).pages.flatMap((p) => p.glyphs);
    // (The joiner is shaped into the letter before it: one glyph stands for both.)
    const marks = glyphs.flatMap((g, k) => (g.text === '\u200f' ? [k] : []));
    expect(marks).toHaveLength(2);
    for (const k of marks) {
      expect(glyphs[k]!.width).toBe(0);
      // The letter after it starts where the mark is.
      expect(glyphs[k + 1]!.x).toBeCloseTo(glyphs[k]!.x, 2);
    }
  });

  it('knows the format characters as Unicode does (Default_Ignorable_Code_Point)', () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      const char = String.fromCodePoint(c);
      if (drawnInvisible(char) !== /^\p{Default_Ignorable_Code_Point}$/u.test(char)) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
    expect(drawnInvisible('\u200f\u200e')).toBe(true);
    expect(drawnInvisible('a\u200d')).toBe(false);
    expect(drawnInvisible('')).toBe(false);
  });

  it('continues a note too long for one page foot on the next page', async () => {
    const long = Array.from({ length: 60 }, (_, k) => `Sentence ${k + 1} of a very long note that keeps going.`).join(' ');
    const body = Array.from({ length: 30 }, () => 'Filler text for the page, enough to fill lines and push the note.').join(' ');
    const md = `---\ntitle: Long notes\n---\n\nSummary.\n\n## Background\n\n${body} Here.[^1] ${body}\n\n${body}\n\n## Death penalty\n\nText.\n\n[^1]: ${long}\n`;
    const r = reportFrom(md, { reportYaml: plan });
    const { layout: l } = await renderPdf(r, writerContext(r));
    const pagesWithNote = l.pages.filter((p) => p.notes.includes('fn-1')).map((p) => p.number);
    expect(pagesWithNote.length).toBeGreaterThan(1);
    expect(pagesWithNote[0]).toBe(l.anchors['fnref-1']!.page);
  });
});

describe('PDF parts', () => {
  /** Each line's text, in the order the lines were set on the page. */
  const lineTexts = (l: PdfLayout): string[] =>
    l.pages.flatMap((p) => p.lines.map((line) => line.box.runs.flatMap((r) => r.glyphs.map((g) => g.text)).join('')));

  it('sets the parts in the order the report type gives, and only those', async () => {
    const ctx = { ...writerContext(report), parts: ['title', 'contents', 'summary', 'sections', 'notes'] as const };
    const { layout: l, data } = await renderPdf(report, ctx);
    const texts = lineTexts(l);
    const contents = texts.indexOf(ctx.labels.contents);
    const summary = texts.findIndex((t) => t.startsWith(words(report.summaryText).slice(0, 3).join(' ')));
    expect(contents).toBeGreaterThan(0);
    expect(summary).toBeGreaterThan(contents);
    expect(texts.indexOf(report.meta.title)).toBe(0);
    expect(texts.some((t) => t.includes(words(ctx.labels.disclaimer).slice(0, 4).join(' ')))).toBe(false);
    expect(texts.some((t) => t.includes(ctx.labels.backLink))).toBe(false);
    // Still every section and note, and the notes at the foot of the page that cites them.
    expect(await inspectPdf(data, report)).toEqual({ sections: report.sections.map((s) => s.id), notes: report.footnotes.map((f) => f.id), problems: [] });
    expect(l.anchors['fn-1']!.page).toBe(l.anchors['fnref-1']!.page);
  });

  it('keeps notes at the page feet wherever the type lists them, and drops them when it does not', async () => {
    const first = await renderPdf(report, { ...writerContext(report), parts: ['notes', 'title', 'summary', 'contents', 'sections'] });
    expect(first.layout.anchors['fn-1']!.page).toBe(first.layout.anchors['fnref-1']!.page);
    expect(first.layout.pages.flatMap((p) => p.lines).find((x) => x.kind === 'note')).toBeDefined();
    const none = await renderPdf(report, { ...writerContext(report), parts: ['title', 'summary', 'contents', 'sections'] });
    expect((await inspectPdf(none.data, report)).notes).toEqual([]);
  });
});

describe('PDF structure', () => {
  it('has an outline entry per section and working links both ways', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
    const outline = await doc.getOutline();
    expect(outline.map((o) => o.title)).toEqual(report.sections.map((s) => s.titleText));
    const links: { dest?: unknown; url?: string }[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      links.push(...((await page.getAnnotations()) as { subtype: string; dest?: unknown; url?: string }[]).filter((a) => a.subtype === 'Link'));
    }
    expect(links.some((l) => l.url === writerContext(report).labels.backLinkUrl)).toBe(true);
    // Contents entries (one per section), the reference to note 1 and the note's back-link.
    expect(links.filter((l) => Array.isArray(l.dest)).length).toBeGreaterThanOrEqual(report.sections.length + 2);
    const info = (await doc.getMetadata()).info as Record<string, unknown>;
    expect(info.Title).toBe('Kazakhstan 2022');
    expect(info.Author).toBe('Amnesty International');
    expect(info.Language).toBe('en');
  });

  needs('pdffonts')('embeds its fonts as tagged subsets (pdffonts)', () => {
    const rows = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    }
  });

  needs('qpdf')('passes qpdf --check', () => {
    expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');
  });

  needs('pdftoppm')('draws the glyphs: the text area of page 1 has ink (pdftoppm)', () => {
    const base = join(dir, 'ink');
    run('pdftoppm', ['-gray', '-r', '40', '-f', '1', '-l', '1', file, base]);
    const pgm = readFileSync(`${base}-1.pgm`);
    const pixels = darkShare(pgm);
    // A page of set text is several percent ink; blank glyphs would leave almost nothing.
    expect(pixels).toBeGreaterThan(0.015);
  });

  it('opens, renders and extracts in pdf.js without a warning', async () => {
    // A damaged copy must warn, so an empty list below means pdf.js had nothing to say (not that
    // its messages went elsewhere).
    const damaged = Buffer.from(pdf).toString('latin1').replace(/startxref\s+(\d+)/, (_, at: string) => `startxref\n${Number(at) + 3}`);
    expect(await pdfjsWarnings(new Uint8Array(Buffer.from(damaged, 'latin1')))).not.toEqual([]);
    expect(await pdfjsWarnings(pdf)).toEqual([]);
  });

  needs('pdftotext')('opens in poppler without a message (pdftotext stderr)', () => {
    const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('is byte-identical when rendered twice', async () => {
    const again = await renderPdf(report, writerContext(report));
    expect(Buffer.from(again.data).equals(Buffer.from(pdf))).toBe(true);
  });

  it('stays small', () => {
    expect(pdf.byteLength).toBeLessThan(150 * 1024);
  });
});

describe('PDF content errors', () => {
  it('finds the character on the right line of a paragraph that spans several', async () => {
    const md = `---\ntitle: Glyphs\n---\n\nSummary.\n\n## Background\n\nA paragraph that\nwraps in the source,\nwith a 😀 on its third line.\n\n## Death penalty\n\nText.\n`;
    const r = reportFrom(md, { reportYaml: plan });
    const error = (await renderPdf(r, writerContext(r)).then(() => undefined, (e: unknown) => e)) as ContentError;
    expect([error.ruleId, error.line, error.column]).toEqual(['font:missing-glyph', 11, 8]);
  });

  it('reports a character no font can draw with its line (font:missing-glyph)', async () => {
    const md = `---\ntitle: Glyphs\n---\n\nSummary.\n\n## Background\n\nA line.\n\nA smile 😀 here.\n\n## Death penalty\n\nText.\n`;
    const r = reportFrom(md, { reportYaml: plan });
    const error = await renderPdf(r, writerContext(r)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    const e = error as ContentError;
    expect(e.ruleId).toBe('font:missing-glyph');
    expect(e.line).toBe(11);
    expect(e.column).toBe(9);
    expect(e.message).toContain('U+1F600');
  });

  it('lists every run of characters no font can draw, each where it was written, not only the first', async () => {
    const md = [
      '---', 'title: Glyphs', '---', '', 'Summary with 中文 and 🙂.', '', '## Background', '',
      '- A list item in ქართული', '', '| a | b |', '| - | - |', '| x | ภาษา |', '', '```', 'code 🙂🙂 here', '```', '',
      '## Death penalty', '', '> Quoted `代码`[^1].', '', '[^1]: A note in 한국어.', '',
    ].join('\n');
    const r = reportFrom(md, { reportYaml: plan });
    const error = await renderPdf(r, writerContext(r)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ContentErrors);
    const found = (error as ContentErrors).errors.map((e) => [e.ruleId, e.line, e.column, /"([^"]+)"/.exec(e.message)?.[1]]);
    expect(found).toEqual([
      ['font:missing-glyph', 5, 14, '中文'],
      ['font:missing-glyph', 5, 21, '🙂'],
      ['font:missing-glyph', 9, 18, 'ქართული'],
      ['font:missing-glyph', 13, 7, 'ภาษา'],
      ['font:missing-glyph', 16, 6, '🙂🙂'],
      ['font:missing-glyph', 21, 11, '代码'],
      ['font:missing-glyph', 23, 17, '한국어'],
    ]);
    expect((error as ContentErrors).errors[5]!.message).toContain('U+4EE3, U+7801');
  });

  it('refuses the edition with all of them at once through the build (exit 1, a diagnostic each)', async () => {
    const outcomes = await runCases([{ markdown: seedWith('A paragraph with 中文.\n\nAnother with 🙂.'), lang: 'en' }], ['pdf']);
    expect(outcomes[0]!.kind).toBe('refused');
    const errors = (outcomes[0] as { errors: { ruleId: string; message: string }[] }).errors;
    expect(errors.map((e) => [e.ruleId, /"([^"]+)"/.exec(e.message)?.[1]])).toEqual([['font:missing-glyph', '中文'], ['font:missing-glyph', '🙂']]);
  });

  it('sets an arrow or sign the text faces lack in the monospaced face, in any style, rather than refusing the edition', async () => {
    // Noto Serif and Noto Sans have none of → ≈ ∞ ⇒ ─; Noto Sans Mono has them all.
    const md = `---\ntitle: Signs\n---\n\nCases rose from 12 → 40 (≈ 3×), *italic ⇒ too*, **bold ∞**.\n\n## Background\n\nA rule ─── here.[^1]\n\n## Death penalty\n\nText.\n\n[^1]: A note → with an arrow.\n`;
    const r = reportFrom(md, { reportYaml: plan });
    const { data } = await renderPdf(r, writerContext(r));
    const text = (await pdfjsPages(data)).map((p) => p.text).join('\n');
    // The helper joins pdf.js's text items with spaces, and a change of face starts an item.
    const squeezed = text.replace(/\s+/g, '');
    for (const phrase of ['12→40', '(≈3×)', 'italic⇒too', 'bold∞', 'rule───here', 'note→with']) expect(squeezed).toContain(phrase);
    const { PDFDict, PDFDocument, PDFName } = await import('pdf-lib');
    const doc = await PDFDocument.load(data, { updateMetadata: false });
    const fonts = doc.context.enumerateIndirectObjects().flatMap(([, o]) => (o instanceof PDFDict && o.get(PDFName.of('Subtype')) === PDFName.of('Type0') ? [o.get(PDFName.of('BaseFont'))!.toString().replace(/^\/[A-Z]{6}\+/, '')] : []));
    expect(fonts).toEqual(expect.arrayContaining(['NotoSerif-Regular', 'NotoSansMono-Regular', 'NotoSansMono-Bold']));
  });

  it('reports a Tibetan letter too', async () => {
    const md = `---\ntitle: Glyphs\n---\n\nSummary with ཀ.\n\n## Background\n\nText.\n\n## Death penalty\n\nText.\n`;
    const r = reportFrom(md, { reportYaml: plan });
    const error = (await renderPdf(r, writerContext(r)).catch((e: unknown) => e)) as ContentError;
    expect(error.ruleId).toBe('font:missing-glyph');
    expect(error.line).toBe(5);
    expect(error.message).toContain('U+0F40');
  });
});

describe('PDF right-to-left', () => {
  const arabic = `---\ntitle: كازاخستان 2022\n---\n\nقيدت السلطات الحق في حرية التعبير والتجمع السلمي وتكوين الجمعيات دون مبرر، بما في ذلك في سياق الاحتجاجات الجماهيرية في يناير.\n\n## خلفية {#background}\n\nفي يناير، اندلعت احتجاجات في أنحاء كازاخستان بعد إلغاء دعم الوقود.[^1]\n\n## عقوبة الإعدام {#death-penalty}\n\nألغت كازاخستان عقوبة الإعدام.\n\n[^1]: ملاحظة قصيرة.\n`;

  let r: Report;
  let data: Uint8Array;
  let l: PdfLayout;
  beforeAll(async () => {
    r = reportFrom(arabic, { reportYaml: plan.replace('original: en', 'original: ar'), lang: 'ar' });
    ({ data, layout: l } = await renderPdf(r, writerContext(r)));
  });

  it('sets Arabic right-aligned in the Arabic face, and its text extracts', async () => {
    expect(r.dir).toBe('rtl');
    const { theme } = writerContext(r);
    // Short body lines end at the right margin.
    const body = l.pages.flatMap((p) => p.lines.filter((x) => x.kind === 'body'));
    for (const line of body) {
      const right = Math.max(...line.box.runs.map((run) => run.x + run.glyphs.reduce((w, g) => w + g.advance, 0)));
      expect(line.x + right).toBeCloseTo(theme.page.width - theme.page.margin.right, 0);
    }
    expect(l.pages[0]!.lines.some((x) => x.box.runs.some((run) => run.face.includes('NotoNaskhArabic')))).toBe(true);
    if (!has('pdftotext')) return;
    const out = join(dir, 'ar.pdf');
    writeFileSync(out, data);
    // Word by word, with the spaces: the dots and marks Noto Naskh draws as glyphs of their own
    // must neither split a word nor leave a character behind.
    const text = run('pdftotext', ['-enc', 'UTF-8', out, '-']);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f\u200b\ufffd]/u);
    // Poppler's bidi pass sets neutral punctuation (the Arabic comma) in an embedding of its own
    // and moves the space next to it, so punctuation is compared apart from the words.
    const tokens = (ws: string[]): string[] => ws.map((w) => w.replace(/[\p{P}]+/gu, '')).filter(Boolean);
    expect(inOrder(tokens(modelWords(r).map(bare)), tokens(words(unmark(text))))).toEqual([]);
    expect(unmark(text)).toContain('ملاحظة قصيرة.');
  });

  it('gives back the Arabic words with pdf.js too', async () => {
    expect(await pdfjsWarnings(data)).toEqual([]);
    const text = (await pdfjsPages(data)).map((p) => p.text).join('\n');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f\u200b\ufffd]/u);
    // pdf.js keeps each line's pieces in visual order, so compare the words as a set and whole
    // lines as text.
    const got = new Set(words(unmark(text)));
    expect(modelWords(r).map(bare).filter((w) => !got.has(w))).toEqual([]);
    expect(text).toContain('ألغت كازاخستان عقوبة الإعدام.');
    expect(text).toContain('في يناير، اندلعت احتجاجات في أنحاء كازاخستان بعد إلغاء دعم الوقود.');
  });

  it('keeps a bounded number of shaped words per face, and shapes a word the same after the cache starts again', async () => {
    const face = loadFace(resolveFontFile(writerContext(r).theme.fonts.arabic.regular!));
    const before = shapeText(face, 'كازاخستان', true).glyphs.map((g) => g.gid);
    // Every word of a large collection passes through one worker's faces.
    for (let i = 0; i < SHAPED_KEPT + 500; i++) shapeText(face, `كلمة${i}`, true);
    expect(shapedCount(face)).toBeLessThanOrEqual(SHAPED_KEPT);
    expect(shapeText(face, 'كازاخستان', true).glyphs.map((g) => g.gid)).toEqual(before);
  });

  it('shapes vowelled words whole, so letters keep their joining forms and marks stay on them', async () => {
    const sentence = 'إِنَّ الحُرِّيَّةَ حَقٌّ لِلْجَمِيعِ.';
    const vowelled = reportFrom(arabic.replace('ألغت كازاخستان عقوبة الإعدام.', sentence), { reportYaml: plan.replace('original: en', 'original: ar'), lang: 'ar' });
    const { layout: vl, data: pdf } = await renderPdf(vowelled, writerContext(vowelled));
    const drawn = vl.pages.flatMap((p) => p.lines).flatMap((line) => line.box.runs.flatMap((run) => run.glyphs.map((g) => g.gid))).join(',');
    // Each word as HarfBuzz shapes it on its own, whole: joined forms, marks after their bases.
    const face = loadFace(resolveFontFile(writerContext(vowelled).theme.fonts.arabic.regular!));
    for (const word of ['إِنَّ', 'الحُرِّيَّةَ', 'حَقٌّ', 'لِلْجَمِيعِ']) {
      expect(drawn, word).toContain(shapeText(face, word, true).glyphs.map((g) => g.gid).join(','));
    }
    if (!has('pdftotext')) return;
    const out = join(dir, 'ar-vowelled.pdf');
    writeFileSync(out, pdf);
    expect(unmark(run('pdftotext', ['-enc', 'UTF-8', out, '-'])).normalize('NFC')).toContain(sentence.normalize('NFC'));
  });

  it('sets inline code left to right as an isolate: the slash of `dist/` is drawn after "dist", not before "folio"', async () => {
    const code = reportFrom(arabic.replace('ألغت كازاخستان عقوبة الإعدام.', 'شغّل الأمر `folio build --out dist/` لبناء كل شيء.'), { reportYaml: plan.replace('original: en', 'original: ar'), lang: 'ar' });
    const glyphs = (await readPdf((await renderPdf(code, writerContext(code))).data)).pages.flatMap((p) => p.glyphs);
    const f = glyphs.find((g) => g.text === 'f')!;
    // The code's line, left to right as drawn, the spaces left out.
    const drawn = glyphs.filter((g) => Math.abs(g.y - f.y) < 0.5).sort((a, b) => a.x - b.x).map((g) => g.text).join('').replace(/\s/gu, '');
    expect(drawn).toContain('foliobuild--outdist/');
  });

  it('prints the Arabic labels (templates/labels/ar.yaml)', async () => {
    const ctx = writerContext(r);
    expect(ctx.labels.contents).toBe('المحتويات');
    const text = (await pdfjsPages(data)).map((p) => p.text).join('\n');
    for (const value of [ctx.labels.contents, 'الصفحة 1 من 1', 'العودة إلى Kazakhstan', 'لا تتخذ منظمة العفو الدولية أي موقف']) {
      expect(text).toContain(value);
    }
    expect(text).not.toContain('Contents');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: data.slice(), verbosity: 0 }).promise;
    const info = (await doc.getMetadata()).info as Record<string, unknown>;
    expect(info.Author).toBe('منظمة العفو الدولية');
    expect(info.Language).toBe('ar');
    const links = (await (await doc.getPage(1)).getAnnotations()) as { url?: string }[];
    expect(links.some((a) => a.url === 'https://www.amnesty.org/ar/location/europe-and-central-asia/kazakhstan/')).toBe(true);
  });
});

/** Text without the bidi embedding and mark characters extractors add around runs. */
function unmark(text: string): string {
  return text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '');
}

/** A word without the note reference number the model glues to it. */
function bare(word: string): string {
  return word.replace(/^(\D+?)(\d+)$/u, '$1');
}

/** Words of `expected` missing from `got` when read in order. */
function inOrder(expected: string[], got: string[]): string[] {
  let at = 0;
  const missing: string[] = [];
  for (const word of expected) {
    const found = got.indexOf(word, at);
    if (found < 0) missing.push(word);
    else at = found + 1;
  }
  return missing;
}

async function pdfjsPages(data: Uint8Array): Promise<{ text: string }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: data.slice(), verbosity: 0 }).promise;
  const out: { text: string }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    out.push({ text: content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(' ') });
  }
  return out;
}

/** Everything pdf.js says at warning level while it loads a PDF, draws every page (on a canvas
 * when @napi-rs/canvas is installed, else into an operator list) and extracts its text, outline,
 * links and metadata. pdf.js prints warnings with console.warn in Node (its fake worker runs in
 * this thread). */
async function pdfjsWarnings(data: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const said: string[] = [];
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const capture = (...args: unknown[]): void => void said.push(args.map(String).join(' '));
  Object.assign(console, { log: capture, warn: capture, error: capture });
  try {
    const doc = await pdfjs.getDocument({ data: data.slice(), verbosity: pdfjs.VerbosityLevel.WARNINGS }).promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      let drawn = false;
      try {
        const { canvas, context } = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: unknown } } })
          .canvasFactory.create(viewport.width, viewport.height);
        await page.render({ canvasContext: context, viewport, canvas } as never).promise;
        drawn = true;
      } catch (error) {
        // No canvas in this install: parse the page's drawing (fonts included) all the same.
        if (!/canvas/i.test(String(error))) throw error;
      }
      if (!drawn) await page.getOperatorList();
      await page.getTextContent();
      await page.getAnnotations();
    }
    await doc.getOutline();
    await doc.getMetadata();
    await doc.destroy();
  } finally {
    Object.assign(console, saved);
  }
  return said;
}

/** Share of dark pixels in a binary PGM (P5). */
function darkShare(pgm: Buffer): number {
  const header = pgm.subarray(0, 64).toString('latin1');
  const match = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header)!;
  const [width, height] = [Number(match[1]), Number(match[2])];
  const pixels = pgm.subarray(match[0].length, match[0].length + width * height);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / (width * height);
}
