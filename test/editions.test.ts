// Every edition of the seed report (en, fr, es, ru, kk, ar) in every format: each holds every word
// of its source; each knows its language, direction and siblings; Arabic is set right to left.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
import { renderHtml } from '../src/render/html/index.ts';
import { createContext } from '../src/pipeline/context.ts';
import { fixedDate, loadReports, needs, run, sourceDir, templatesDir, words, writerContext } from './helpers.ts';

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
  return word.normalize('NFC').replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad]/gu, '')
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
  extracted = extracted.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '');
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
    expect(line.box.text).toMatch(/^\.2019 /);
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
