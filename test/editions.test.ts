// Every edition of the seed report (en, fr, es, ru, kk, ar) in every format: each holds every word
// of its source; each knows its language, direction and siblings; Arabic is set right to left.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/pipeline/build.ts';
import type { Report } from '../src/model/types.ts';
import { readSchema } from '../src/render/json/index.ts';
import { renderPdf } from '../src/render/pdf/index.ts';
import { pdfiumRead, pdfiumText, popplerText, popplerType } from '../src/render/pdf/bidi.ts';
import { dateInWords, label } from '../src/shared/label.ts';
import { renderHtml } from '../src/render/html/index.ts';
import { createContext } from '../src/pipeline/context.ts';
import { fixedDate, has, loadReports, needs, run, sourceDir, templatesDir, words, writerContext } from './helpers.ts';

const langs = ['en', 'ar', 'es', 'fr', 'kk', 'ru'];
const out = mkdtempSync(join(tmpdir(), 'folio-editions-'));
const file = (lang: string, format: string) => join(out, 'kazakhstan-2022', `kazakhstan-2022.${lang}.${format}`);

let result: BuildResult;
let reports: Map<string, Report>;
beforeAll(async () => {
  result = await build({ sourceDir, templatesDir, outDir: out, formats: ['html', 'pdf', 'docx', 'json'], date: fixedDate });
  reports = new Map(loadReports().map((r) => [r.lang, r]));
}, 60_000);

/** A word as compared across formats: NFC, without bidi controls, punctuation around it, or the
 * note number glued to it. */
function token(word: string): string {
  return word.normalize('NFC').replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad]/gu, '')
    .replace(/(\p{L}[\p{P}]+)\d+$/u, '$1').replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
}

/** Every word a reader reads in the edition: title, summary, headings, text, notes. */
function sourceWords(r: Report): string[] {
  const text = [r.meta.title, r.summaryText, ...r.sections.flatMap((s) => [s.titleText, s.text]), ...r.footnotes.map((n) => n.text)].join('\n');
  return words(text).map(token).filter(Boolean);
}

/** Source words not found in the extracted text; a word the line broke at a hyphen counts when
 * its two halves are there. */
function missingWords(r: Report, extracted: string): string[] {
  // Poppler's bidi pass moves the space beside a number in right-to-left text into the number's
  // embedding ("من 200 مدني" comes out "من  200مدني"), so a number and the letters it touches
  // count as two words.
  extracted = extracted.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '');
  const ws = words(extracted.replace(/(\d)(?=\p{Script=Arabic})|(\p{Script=Arabic})(?=\d)/gu, '$1$2 ')).map(token).filter(Boolean);
  const got = new Set(ws);
  ws.forEach((w, i) => {
    if (i + 1 < ws.length) got.add(`${w.replace(/-$/, '')}${ws[i + 1]}`);
  });
  const raw = words(extracted);
  raw.forEach((w, i) => {
    if (/-$/.test(w) && i + 1 < raw.length) {
      got.add(token(w.slice(0, -1) + raw[i + 1]));
      got.add(token(w + raw[i + 1]));
    }
  });
  // Poppler joins a word broken at its own hyphen across lines ("lui-" "même" → "luimême").
  return [...new Set(sourceWords(r))].filter((w) => !got.has(w) && !got.has(w.replace(/-/g, '')) && !w.split(/[-‐/]/).every((part) => part === '' || got.has(part)));
}

function htmlText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<\/(p|li|h\d|div|section|nav|header|footer|title|td|th)>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
}

function docxText(lang: string): string {
  const files = unzipSync(readFileSync(file(lang, 'docx')));
  return ['word/document.xml', 'word/footnotes.xml']
    .map((name) => strFromU8(files[name]!).replace(/<\/w:p>/g, '\n').replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, ''))
    .join('\n').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

describe('the six editions', () => {
  it('all build, with no font:missing-glyph and no other problem', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.built.sort()).toEqual(langs.map((l) => `kazakhstan-2022/${l}`).sort());
    expect(result.exitCode).toBe(0);
  });

  it.each(langs)('%s: the web page holds every word of its source', (lang) => {
    expect(missingWords(reports.get(lang)!, htmlText(readFileSync(file(lang, 'html'), 'utf8')))).toEqual([]);
  });

  it.each(langs)('%s: the data file holds every word, and is valid', (lang) => {
    const data = JSON.parse(readFileSync(file(lang, 'json'), 'utf8'));
    const text = [data.title, data.summary.text, ...data.sections.flatMap((s: { title: string; text: string }) => [s.title, s.text]),
      ...data.footnotes.map((n: { text: string }) => n.text)].join('\n');
    expect(missingWords(reports.get(lang)!, text)).toEqual([]);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(readSchema());
    expect(validate(data) ? [] : validate.errors).toEqual([]);
  });

  it.each(langs)('%s: the Word file holds every word, notes included', (lang) => {
    expect(missingWords(reports.get(lang)!, docxText(lang))).toEqual([]);
  });

  needs('pdftotext').each(langs)('%s: the PDF gives back every word of its source (pdftotext)', (lang) => {
    const text = run('pdftotext', ['-enc', 'UTF-8', file(lang, 'pdf'), '-']);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/u);
    expect(missingWords(reports.get(lang)!, text)).toEqual([]);
  });
});

describe('languages, directions and siblings', () => {
  const names: Record<string, string> = { en: 'English', fr: 'Français', es: 'Español', ru: 'Русский', kk: 'Қазақша', ar: 'العربية' };

  it.each(langs)('%s: the page has its language and direction, and links every sibling by its own name', (lang) => {
    const html = readFileSync(file(lang, 'html'), 'utf8');
    const dir = lang === 'ar' ? 'rtl' : 'ltr';
    expect(html).toContain(`<html lang="${lang}" dir="${dir}">`);
    for (const other of langs) {
      expect(html).toContain(`<link rel="alternate" hreflang="${other}" href="kazakhstan-2022.${other}.html">`);
      expect(html).toMatch(new RegExp(`<nav class="languages"[^>]*>.*<a href="kazakhstan-2022\\.${other}\\.html" hreflang="${other}" lang="${other}" dir="${other === 'ar' ? 'rtl' : 'ltr'}"[^>]*>${names[other]}</a>`));
    }
    expect(html).toContain('<link rel="alternate" hreflang="x-default" href="kazakhstan-2022.en.html">');
    expect(html).toContain(`aria-current="page">${names[lang]}</a>`);
    // The label carries its own punctuation; Folio prints none after "Other editions".
    const labels = createContext(reports.get(lang)!, { templatesDir, sourceDir, date: fixedDate }).labels;
    expect(html).toContain(`<h2 id="other-editions">${labels.editions}</h2>`);
    expect(html).not.toContain(`${labels.editions}:`);
  });

  it('gives absolute canonical, alternate and Open Graph addresses when templates/site.yaml names the site', () => {
    const templates = mkdtempSync(join(tmpdir(), 'folio-site-'));
    cpSync(templatesDir, templates, { recursive: true });
    writeFileSync(join(templates, 'site.yaml'), 'address: https://reports.example.org/folio\n');
    const fr = reports.get('fr')!;
    const html = renderHtml(fr, createContext(fr, { templatesDir: templates, sourceDir, date: fixedDate }));
    const base = 'https://reports.example.org/folio/kazakhstan-2022/';
    expect(html).toContain(`<link rel="canonical" href="${base}kazakhstan-2022.fr.html">`);
    expect(html).toContain(`<link rel="alternate" hreflang="ar" href="${base}kazakhstan-2022.ar.html">`);
    expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${base}kazakhstan-2022.en.html">`);
    expect(html).toContain(`<meta property="og:url" content="${base}kazakhstan-2022.fr.html">`);
    // Without the site's address there is no og:url (Open Graph wants it absolute).
    expect(readFileSync(file('fr', 'html'), 'utf8')).not.toContain('og:url');
  });

  it.each(langs)('%s: the data file names its language, direction, original, state and siblings', (lang) => {
    const data = JSON.parse(readFileSync(file(lang, 'json'), 'utf8'));
    expect(data).toMatchObject({ lang, dir: lang === 'ar' ? 'rtl' : 'ltr', translationOf: lang === 'en' ? null : 'en', state: 'current', original: lang === 'en' });
    expect(data.editions.map((e: { lang: string }) => e.lang)).toEqual(['en', 'ar', 'es', 'fr', 'kk', 'ru']);
    expect(data.editions.map((e: { languageName: string }) => e.languageName)).toEqual(['English', 'العربية', 'Español', 'Français', 'Қазақша', 'Русский']);
    expect(data.editions.every((e: { state: string }) => e.state === 'current')).toBe(true);
  });

  it('marks the Arabic Word file right to left: bidi paragraphs, rtl runs, Arabic font and language', () => {
    const files = unzipSync(readFileSync(file('ar', 'docx')));
    const document = strFromU8(files['word/document.xml']!);
    const styles = strFromU8(files['word/styles.xml']!);
    const paragraphs = [...document.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((m) => m[0]).filter((p) => /[\u0600-\u06ff]/u.test(p));
    expect(paragraphs.length).toBeGreaterThan(30);
    for (const p of paragraphs) expect(p).toContain('<w:bidi/>');
    const arabicRuns = [...document.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:t[^>]*>[^<]*[\u0600-\u06ff][^<]*<\/w:t><\/w:r>/g)].map((m) => m[0]);
    for (const r of arabicRuns) expect(r).toContain('<w:rtl/>');
    expect(styles).toContain('w:cs="Noto Naskh Arabic"');
    expect(styles).toMatch(/<w:lang [^>]*w:bidi="ar"/);
    // The runs take the complex-script font and language from the styles: none names others.
    for (const fonts of document.match(/<w:rFonts [^>]*>/g) ?? []) expect(fonts).toMatch(/w:cs="Noto Naskh Arabic"/);
    for (const lang of document.match(/<w:lang [^>]*>/g) ?? []) expect(lang).toMatch(/w:bidi="ar"/);
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
    expect(defaults).toMatch(/<w:rFonts [^>]*w:cs="Noto Naskh Arabic"/);
    expect(defaults).toMatch(/<w:lang [^>]*w:bidi="ar"/);
  });
});

describe('the publication date', () => {
  // fixedDate is 27 March 2023; each edition writes it as its readers do, under the title.
  const dates: Record<string, string> = {
    en: '27 March 2023', fr: '27 mars 2023', es: '27 de marzo de 2023', ru: '27 марта 2023 г.', kk: '2023 жылғы 27 наурыз', ar: '27 مارس/آذار 2023',
  };

  it.each(langs)('%s: the web page, the Word file and the PDF give it in the edition\'s language', (lang) => {
    const html = readFileSync(file(lang, 'html'), 'utf8');
    expect(html).toContain(`</h1><p class="published"><time datetime="2023-03-27">${dates[lang]}</time></p>`);
    const document = strFromU8(unzipSync(readFileSync(file(lang, 'docx')))['word/document.xml']!);
    expect(document.replace(/<[^>]+>/g, '')).toContain(dates[lang]);
    if (has('pdftotext')) {
      const lines = run('pdftotext', ['-enc', 'UTF-8', '-l', '1', file(lang, 'pdf'), '-']).split('\n').map(readLine);
      expect(lines[lines.indexOf(readLine(reports.get(lang)!.meta.title)) + 1]).toBe(dates[lang]);
    }
  });

  it('writes the first of a month as French does', () => {
    const fr = writerContext(reports.get('fr')!).labels;
    expect(dateInWords(new Date(Date.UTC(2022, 0, 1)), fr)).toBe('1er janvier 2022');
    expect(dateInWords(new Date(Date.UTC(2022, 0, 1)), writerContext(reports.get('en')!).labels)).toBe('1 January 2022');
  });
});

describe('the index page', () => {
  it('lists the editions under their report, the original first, each language named in itself', () => {
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const listed = [...index.matchAll(/<span class="edition" lang="([^"]+)" dir="(ltr|rtl)">([^<]+)<\/span>/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(listed).toEqual(['en ltr English', 'ar rtl العربية', 'es ltr Español', 'fr ltr Français', 'kk ltr Қазақша', 'ru ltr Русский']);
    expect(index).toContain('<h2>Kazakhstan 2022</h2>');
    expect(index).not.toContain('not yet updated');
  });
});

describe('the Arabic print edition', () => {
  it('starts its first line at the right margin and sets its lines right-aligned', async () => {
    const ar = reports.get('ar')!;
    const ctx = writerContext(ar);
    const { layout } = await renderPdf(ar, ctx);
    const right = ctx.theme.page.width - ctx.theme.page.margin.right;
    const edge = (line: (typeof layout.pages)[number]['lines'][number]) =>
      line.x + Math.max(...line.box.runs.map((run) => run.x + run.glyphs.reduce((w, g) => w + g.advance, 0)));
    const first = layout.pages[0]!.lines[0]!;
    expect(edge(first)).toBeCloseTo(right, 0);
    const body = layout.pages.flatMap((p) => p.lines.filter((l) => l.kind === 'body' && l.box.runs.length > 0));
    for (const line of body) expect(edge(line)).toBeCloseTo(right, 0);
  });

  it('puts a full stop after a number at the end of the sentence, on the left', async () => {
    const ar = reports.get('ar')!;
    const { layout } = await renderPdf(ar, writerContext(ar));
    // "… في عام 2019." ends a paragraph: the stop is the leftmost glyph of its line, then the number.
    const drawn = (l: (typeof layout.pages)[number]['lines'][number]) =>
      [...l.box.runs].sort((a, b) => a.x - b.x).flatMap((r) => r.glyphs.map((g) => g.text)).join('');
    const line = layout.pages.flatMap((p) => p.lines).find((l) => drawn(l).includes('2019'))!;
    expect(line).toBeDefined();
    expect(drawn(line).startsWith('.2019 ')).toBe(true);
    // Its text for extractors is in reading order.
    expect(line.box.text).toMatch(/ عام 2019\.$/);
  });

  it('draws the note separator at the right margin', async () => {
    const ar = reports.get('ar')!;
    const ctx = writerContext(ar);
    const { layout } = await renderPdf(ar, ctx);
    const rules = layout.pages.flatMap((p) => p.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule.x2).toBeCloseTo(ctx.theme.page.width - ctx.theme.page.margin.right, 3);
  });
});

/** What a reader may find on one line of the Arabic PDF, in reading order: the edition's title and
 * date, paragraphs, headings and notes (a note after its number), the labels it prints, and the running
 * footer (the title, then "Page n of N"). */
function arabicReferences(r: Report, pages: number): string[] {
  const labels = writerContext(r).labels;
  const refs = [labels.disclaimer, labels.backLink, labels.contents, r.meta.title, dateInWords(fixedDate, labels), r.summaryText,
    ...r.sections.flatMap((s) => [s.titleText, s.text]), ...r.footnotes.map((n) => `${n.number}. ${n.text}`)];
  for (let page = 1; page <= pages; page++) refs.push(`${r.meta.title} ${label(labels.pageOf, { page, pages })}`);
  return refs;
}

/** A line as read: without the bidi controls an extractor adds (the Arabic letter mark among
 * them), NFC, spaces collapsed. */
function readLine(line: string): string {
  return line.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Lines of `lines` holding Arabic that are not a stretch of one reference, read in order; a
 * contents entry (a section's title, then its page) counts as its title. */
function outOfOrder(lines: string[], refs: string[], titles: string[], squeeze: (s: string) => string): string[] {
  const known = refs.map((ref) => squeeze(readLine(ref)));
  const heads = new Set(titles.map((t) => squeeze(readLine(t))));
  return lines.map(readLine).filter((l) => /\p{Script=Arabic}/u.test(l)).filter((line) => {
    const read = squeeze(line);
    if (known.some((ref) => ref.includes(read))) return false;
    const entry = /^(.+?) ?(\d+)$/u.exec(read);
    return !(entry && heads.has(entry[1]!));
  });
}

/** Poppler's own reordering of a line of text (TextOutputDev.cc, reorderText), bidi controls left
 * out: what pdftotext makes of a line's ActualText. */
function popplerReorder(text: string, rtlPage: boolean): string {
  const t = [...text];
  const type = t.map(popplerType);
  const strong = (k: number) => type[k] === 'L' || type[k] === '#';
  let out = '';
  if (rtlPage) {
    let i = t.length - 1;
    while (i >= 0) {
      let j = i;
      while (j >= 0 && !strong(j)) j--;
      for (let k = i; k > j; k--) out += t[k];
      i = j;
      j = i;
      while (j >= 0 && type[j] !== 'R') j--;
      for (let k = j + 1; k <= i; k++) out += t[k];
      i = j;
    }
    return out;
  }
  let i = 0;
  while (i < t.length) {
    let j = i;
    while (j < t.length && type[j] !== 'R') j++;
    for (let k = i; k < j; k++) out += t[k];
    i = j;
    j = i;
    while (j < t.length && !strong(j)) j++;
    for (let k = j - 1; k >= i; k--) out += t[k];
    i = j;
  }
  return out;
}

describe('copying the Arabic print edition', () => {
  const presentationForms = /[\ufb50-\ufdff\ufe70-\ufefe]/u;

  it('gives poppler each line as text it reads back in reading order, on a right-to-left page and a left-to-right one', async () => {
    const ar = reports.get('ar')!;
    const { layout } = await renderPdf(ar, writerContext(ar));
    const texts = layout.pages.flatMap((p) => p.lines.map((l) => l.box.text)).filter((t): t is string => t !== undefined);
    expect(texts.length).toBeGreaterThan(80);
    const mixed = ['The name «نور سلطان» (2019), then “في عام 2019.” and 81% more', 'عام 2019 في', 'من 10,000 متظاهر)', 'كازاخستان: أمر'];
    for (const text of [...texts, ...mixed]) {
      for (const rtlPage of [true, false]) expect(readLine(popplerReorder(popplerText(text, rtlPage), rtlPage))).toBe(readLine(text));
    }
  });

  needs('pdftotext')('comes out of pdftotext line by line in reading order, numbers and punctuation included, in base letters', () => {
    const ar = reports.get('ar')!;
    const text = run('pdftotext', ['-enc', 'UTF-8', file('ar', 'pdf'), '-']);
    expect(text).not.toMatch(presentationForms);
    const lines = text.split('\n');
    const pages = text.split('\f').length - 1;
    expect(lines.filter((l) => /\p{Script=Arabic}/u.test(l)).length).toBeGreaterThan(80);
    expect(outOfOrder(lines, arabicReferences(ar, pages), ar.sections.map((s) => s.titleText), (l) => l)).toEqual([]);
    // "في عام 2019." ends a paragraph: the stop follows the number.
    expect(lines.map(readLine)).toContainEqual(expect.stringMatching(/ في عام 2019\.$/u));
  });

  it('comes out of pdf.js (what Firefox copies) line by line in reading order, numbers and punctuation included, in base letters', async () => {
    const ar = reports.get('ar')!;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file('ar', 'pdf'))), verbosity: 0 }).promise;
    const lines: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      // Unnormalised, as the font's mapping gives it: presentation forms would show here.
      const content = await (await doc.getPage(n)).getTextContent({ disableNormalization: true });
      const text = content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('');
      expect(text).not.toMatch(presentationForms);
      lines.push(...text.split('\n'));
    }
    expect(lines.filter((l) => /\p{Script=Arabic}/u.test(l)).length).toBeGreaterThan(80);
    // Compared space for space, contents leaders dropped. pdf.js puts no space between the running
    // footer's title and page: two lines of their own, the page drawn after the title and left of it.
    const leaders = (l: string) => l.replace(/\.(?: ?\.){2,}/gu, '').replace(/\s+/gu, ' ');
    const labels = writerContext(ar).labels;
    const apart = Array.from({ length: doc.numPages }, (_, k) => `${ar.meta.title}${label(labels.pageOf, { page: k + 1, pages: doc.numPages })}`);
    expect(outOfOrder(lines, [...arabicReferences(ar, doc.numPages), ...apart], ar.sections.map((s) => s.titleText), leaders)).toEqual([]);
    // A word ending in a mark keeps it, then the space: "حلّ الرئيس", not "حل ّ الرئيس"; a note's
    // number is followed by a space.
    expect(lines.map(readLine)).toContainEqual(expect.stringContaining('حلّ الرئيس'));
    for (const n of ar.footnotes) expect(lines.map(readLine)).toContainEqual(expect.stringMatching(new RegExp(`^${n.number}\\. \\S`, 'u')));
    // A contents entry: its title, a space, the leaders, a space, its page.
    for (const s of ar.sections) {
      const title = readLine(s.titleText).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(lines.map(readLine)).toContainEqual(expect.stringMatching(new RegExp(`^${title} \\.(?: \\.){2,} \\d+$`, 'u')));
    }
    expect(lines.map(readLine)).toContainEqual(expect.stringMatching(/ في عام 2019\.$/u));
  });

  it('gives PDFium each line as text it reads back in reading order, mixed with Latin, numbers, quotes and brackets', async () => {
    const ar = reports.get('ar')!;
    const { layout } = await renderPdf(ar, writerContext(ar));
    const texts = layout.pages.flatMap((p) => p.lines.map((l) => l.box.text)).filter((t): t is string => t !== undefined);
    for (const text of [...texts, ...mixedArabic]) expect(pdfiumRead(pdfiumText(text))).toBe(text);
    // The model is PDFium's: «» and “” mirrored in text it reads right to left, and the reading
    // undone by reading what it gives.
    expect(pdfiumRead('«كلمة» “نص”')).toBe('“صن” «ةملك»');
  });

  it('describes each link (its /Contents, what a screen reader announces) in reading order', async () => {
    const ar = reports.get('ar')!;
    const labels = writerContext(ar).labels;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file('ar', 'pdf'))), verbosity: 0 }).promise;
    const described: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      for (const a of (await (await doc.getPage(n)).getAnnotations()) as { contentsObj?: { str: string } }[]) described.push(a.contentsObj?.str ?? '');
    }
    await doc.destroy();
    // The back-link mixes Arabic with the country's name: it read "ناتسخازاك ىلإ ةدوعلا".
    expect(described[0]).toBe(labels.backLink);
    // Each contents entry is named by its section.
    for (const section of ar.sections) expect(described).toContain(section.titleText);
  });

  it('comes out of PDFium (what Chrome and Edge copy, search and read aloud) line by line in reading order, each line once, notes and footer included', async () => {
    const ar = reports.get('ar')!;
    const lines = await pdfiumLines(readFileSync(file('ar', 'pdf')));
    const pages = lines.filter((l) => l === '\f').length;
    const text = lines.join('\n');
    expect(text).not.toMatch(presentationForms);
    expect(lines.filter((l) => /\p{Script=Arabic}/u.test(l)).length).toBeGreaterThan(80);
    expect(missingWords(ar, text)).toEqual([]);
    const leaders = (l: string) => l.replace(/\.(?: ?\.){2,}/gu, '').replace(/\s+/gu, ' ');
    // Quotations as written («», “”), each note after its number, the footer's title before its page.
    expect(outOfOrder(lines, arabicReferences(ar, pages), ar.sections.map((s) => s.titleText), leaders)).toEqual([]);
    for (const n of ar.footnotes) {
      expect(lines.map(readLine)).toContainEqual(readLine(`${n.number}. ${n.text}`));
      // Once: the note's number is a link drawn apart from its text, which PDFium read twice.
      expect(lines.map(readLine).filter((l) => l.includes(readLine(n.text).slice(0, 30)))).toHaveLength(1);
    }
    expect(lines.map(readLine)).toContainEqual(expect.stringContaining('حلّ الرئيس'));
    expect(lines.map(readLine)).toContainEqual(expect.stringMatching(/ في عام 2019\.$/u));
  });

  it('comes out of PDFium in reading order where a line mixes Arabic with Latin, numbers, quotes and brackets', async () => {
    const lines = (await pdfiumLines(await seedWithParagraphs('ar', mixedArabic))).map(readLine);
    // A link prints its text.
    for (const paragraph of mixedArabic) expect(lines).toContainEqual(readLine(unlinked(paragraph)));
  });

  needs('pdftotext')('comes out of pdftotext in reading order where a line mixes Arabic with Latin, numbers, quotes and brackets', async () => {
    const pdf = join(mkdtempSync(join(tmpdir(), 'folio-mixed-')), 'ar.pdf');
    writeFileSync(pdf, await seedWithParagraphs('ar', mixedArabic));
    const lines = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).split('\n').map(readLine);
    for (const paragraph of mixedArabic) expect(lines).toContainEqual(readLine(unlinked(paragraph)));
  });

  it('comes out of PDFium in reading order where an English page quotes Arabic', async () => {
    const lines = (await pdfiumLines(await seedWithParagraphs('en', arabicInEnglish))).map(readLine);
    for (const paragraph of arabicInEnglish) expect(lines).toContainEqual(readLine(paragraph));
  });

  needs('pdftotext')('comes out of pdftotext in reading order where an English page quotes Arabic', async () => {
    const pdf = join(mkdtempSync(join(tmpdir(), 'folio-quoting-')), 'en.pdf');
    writeFileSync(pdf, await seedWithParagraphs('en', arabicInEnglish));
    const lines = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).split('\n').map(readLine);
    // Each phrase in Arabic is an element of its own (its language), within the line's one text.
    for (const paragraph of arabicInEnglish) expect(lines).toContainEqual(readLine(paragraph));
  });
});

/** The seed's edition in `lang` as a PDF, with `paragraphs` before its first section, set as the
 * edition's own (its report.yaml names it the original). */
async function seedWithParagraphs(lang: string, paragraphs: string[]): Promise<Uint8Array> {
  const source = readFileSync(join(sourceDir, 'kazakhstan-2022', `${lang}.md`), 'utf8').replace(/\n## /u, `\n${paragraphs.join('\n\n')}\n\n## `);
  const dir = mkdtempSync(join(tmpdir(), 'folio-mixed-'));
  mkdirSync(join(dir, 'demo'));
  writeFileSync(join(dir, 'demo', `${lang}.md`), source);
  writeFileSync(join(dir, 'demo', 'report.yaml'), readFileSync(join(sourceDir, 'kazakhstan-2022', 'report.yaml'), 'utf8').replace(/^original: en$/mu, `original: ${lang}`));
  const [report] = loadReports(dir);
  return (await renderPdf(report!, writerContext(report!, dir))).data;
}

/** A Markdown paragraph's text with its links as their text. */
const unlinked = (paragraph: string): string => paragraph.replace(/\[([^\]]+)\]\([^)]+\)/gu, '$1');

/** English paragraphs that each fit on a line, quoting Arabic: a phrase in quotation marks, one
 * after a colon with a number and brackets, and a name in brackets beside a Cyrillic one. */
const arabicInEnglish = [
  'The banner read «لا للعنف» (No to violence) and “الحرية الآن” in Almaty on 5 January 2022.',
  'Arabic alone: كازاخستان 2022، «نص» (قوس).',
  'The minister, Ахмет (أحمد قاسم), said: “لن نتراجع عن قرارنا، مهما كلف الأمر”, on 12 March.',
];

/** Arabic paragraphs that each fit on a line, mixing in what PDFium reorders: Latin words, an
 * apostrophe, brackets of four kinds, quotation marks, Western and Arabic-Indic digits, a link. */
const mixedArabic = [
  'قالت منظمة ‘العفو’ الدولية (Amnesty International’s office) إن [القانون] لم يُطبَّق.',
  'The name «نور سلطان» (2019), then “في عام 2019.” and 81% more — انتهى.',
  'في 5 يناير/كانون الثاني 2022، قُتل 219 شخصًا (منهم 19 من قوات الأمن) و{كذا} <هنا>.',
  'رابط [موقع المنظمة](https://www.amnesty.org/ar/) ثم نص بعده: ١٢٣ و٤٥٦٪.',
];

/** The text PDFium gives for each page (FPDFText_GetText over the page: ActualText honoured, then
 * its own bidi pass), line by line, each page ended by a form feed. */
async function pdfiumLines(pdf: Uint8Array): Promise<string[]> {
  const { PDFiumLibrary } = await import('@hyzyla/pdfium');
  const library = await PDFiumLibrary.init();
  const lines: string[] = [];
  try {
    const doc = await library.loadDocument(new Uint8Array(pdf));
    for (const page of doc.pages()) lines.push(...page.getText().split(/\r?\n/u), '\f');
    doc.destroy();
  } finally {
    library.destroy();
  }
  return lines;
}


/** How many of `a`'s items `b` holds in the same order (the longest common subsequence). */
function commonInOrder(a: string[], b: string[]): number {
  let previous = new Int32Array(b.length + 1);
  let row = new Int32Array(b.length + 1);
  for (const item of a) {
    for (let j = 1; j <= b.length; j++) row[j] = item === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!);
    [previous, row] = [row, previous];
  }
  return previous[b.length]!;
}

describe('the Arabic Word file, opened by LibreOffice', () => {
  const soffice = '/usr/bin/soffice';
  const tools = has(soffice) && has('pdftotext');
  const skipped = tools ? '' : ' (skipped: soffice or pdftotext is not installed)';
  let pdf = '';
  beforeAll(() => {
    if (!tools) return;
    // A profile of its own, so that runs side by side do not share LibreOffice's.
    const dir = mkdtempSync(join(tmpdir(), 'folio-ar-docx-'));
    mkdirSync(join(dir, 'out'));
    run(soffice, ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', join(dir, 'out'), file('ar', 'docx')]);
    pdf = join(dir, 'out', 'kazakhstan-2022.ar.pdf');
  }, 60_000);

  /** The lines of each page as pdf.js reads them: items on one baseline, with where they start
   * and end and their text as drawn. */
  async function pdfLines(): Promise<{ y: number; left: number; right: number; text: string }[]> {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
    const out: { y: number; left: number; right: number; text: string }[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const lines = new Map<number, { y: number; left: number; right: number; text: string }>();
      for (const item of (await (await doc.getPage(n)).getTextContent()).items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const y = Math.round(item.transform[5]!);
        const line = lines.get(y) ?? { y, left: Infinity, right: -Infinity, text: '' };
        line.left = Math.min(line.left, item.transform[4]!);
        line.right = Math.max(line.right, item.transform[4]! + item.width);
        line.text += item.str;
        lines.set(y, line);
      }
      out.push(...lines.values());
    }
    return out;
  }

  it.skipIf(!tools)(`sets the paragraphs right to left: every line ends at the right margin, short ones too${skipped}`, async () => {
    const ar = reports.get('ar')!;
    const { page } = writerContext(ar).theme;
    const right = page.width - page.margin.right;
    // The page's own lines: above the running footer, holding Arabic.
    const lines = (await pdfLines()).filter((l) => l.y > page.margin.bottom && /\p{Script=Arabic}/u.test(l.text));
    expect(lines.length).toBeGreaterThan(80);
    // A note's first line ends where its number (raised, on a baseline of its own) begins.
    for (const line of lines) expect(right - line.right, line.text).toBeLessThan(10);
    expect(lines.filter((l) => l.left > page.margin.left + 100).length).toBeGreaterThan(15);
  });

  it.skipIf(!tools)(`gives back the words in the order of the source (pdf.js)${skipped}`, async () => {
    const ar = reports.get('ar')!;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      text += content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : '')).join('');
    }
    // LibreOffice draws Arabic in DejaVu Sans, its fallback (the theme's Noto Naskh Arabic is not
    // installed), and its PDF copies less cleanly than Folio's: a vowel mark may come apart from
    // its letter, and lam-alef, one glyph, copies as alef then lam. Words are compared without
    // marks, the source's lam-alef written as LibreOffice gives it back.
    const bare = (w: string) => token(w).replace(/\p{Mn}/gu, '');
    const got = words(text).map(bare).filter(Boolean);
    const expected = sourceWords(ar).map((w) => bare(w).replace(/ل([اأإآ])/gu, '$1ل')).filter(Boolean);
    // The source's words found in the same order: a mark that came apart may cost a word, while
    // a line read backwards keeps about one of its words.
    expect(expected.length).toBeGreaterThan(1000);
    // (96% are found in order; with each line's words read backwards, 14% would be.)
    expect(commonInOrder(expected, got)).toBeGreaterThan(expected.length * 0.9);
  });
});
