// The seed round trip: every word of the published Kazakhstan 2022 text survives, in order, into
// the web page and the data file; sections and the note are there and linked both ways.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/model/types.ts';
import { renderHtml } from '../src/render/html/index.ts';
import { readSchema, reportData } from '../src/render/json/index.ts';
import { seedReport, seedReportText, words, writerContext } from './helpers.ts';

const sectionIds = [
  'background', 'freedom-of-assembly', 'excessive-use-of-force', 'torture-and-other-ill-treatment',
  'freedom-of-expression', 'freedom-of-association', 'refugees-and-migrants-rights', 'death-penalty',
  'failure-to-tackle-climate-crisis',
];

/** The seed's words, with the notes list's "1." marker dropped (lists number themselves). */
function seedWords(): string[] {
  return words(seedReportText().replace(/^\s*1\.\s+/m, ''));
}

/** The seed's words as plain text gives them: a note reference is a mark, not a word. */
function seedPlainWords(): string[] {
  return seedWords().map((w) => w.replace(/^(warning\.)1$/, '$1'));
}

/** Index of the first seed word not found, in order, in `target`; -1 when all are found. */
export function firstMissing(seed: string[], target: string[]): number {
  let at = 0;
  for (let i = 0; i < seed.length; i++) {
    const found = target.indexOf(seed[i], at);
    if (found === -1) return i;
    at = found + 1;
  }
  return -1;
}

function htmlText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<\/(p|li|h\d|div|section|nav|header|footer|title)>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
}

let report: Report;
let html: string;
beforeAll(async () => {
  report = await seedReport();
  html = renderHtml(report, writerContext(report));
});

describe('the source made from the seed', () => {
  it('has the nine planned sections, in order, and footnote 1 at "shoot without warning"', () => {
    expect(report.sections.map((s) => s.id)).toEqual(sectionIds);
    expect(report.sections.map((s) => s.titleText)).toContain('Refugees’ and migrants’ rights');
    expect(report.footnotes).toHaveLength(1);
    expect(report.footnotes[0].text).toBe('“Kazakhstan: Ordering security forces to ‘fire without warning’ a recipe for disaster”, 7 January');
    expect(report.footnotes[0].references).toEqual([{ refId: 'fnref-1', sectionId: 'excessive-use-of-force' }]);
    expect(report.sections[2].text).toContain('shoot without warning. According');
  });

  it('keeps the four untitled paragraphs after the summary as Background', () => {
    const background = report.sections[0];
    expect(background.blocks).toHaveLength(4);
    expect(background.text.startsWith('In January, protests erupted across Kazakhstan')).toBe(true);
    expect(background.text).toContain('“limited voters’ ability to make an informed choice”.');
  });
});

describe('HTML edition of the seed', () => {
  it('holds every word of the seed, in order, with curly quotes and dashes intact', () => {
    const target = words(htmlText(html));
    const seed = seedWords();
    const missing = firstMissing(seed, target);
    expect(missing === -1 ? 'all found' : `missing "${seed[missing]}" (word ${missing})`).toBe('all found');
    expect(htmlText(html)).toContain('international passports – documents issued');
  });

  it('has a section element per planned section, each in the contents', () => {
    for (const id of sectionIds) {
      expect(html).toContain(`<section id="${id}"`);
      expect(html).toContain(`<a href="#${id}">`);
    }
  });

  it('links footnote 1 both ways, with accessible names', () => {
    expect(html).toMatch(/shoot without warning\.<sup class="note-ref"><a href="#fn-1" id="fnref-1" dir="ltr" aria-label="Note 1">1<\/a><\/sup>/);
    expect(html).toMatch(/<li id="fn-1"><p>“Kazakhstan: Ordering security forces to ‘fire without warning’ a recipe for disaster”, 7 January <a class="back" href="#fnref-1" aria-label="Back to reference 1 in the text">↩<\/a><\/p><\/li>/);
  });

  it('carries the publisher boilerplate from the labels, and the language', () => {
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('Amnesty International takes no position on issues of sovereignty or territorial disputes.');
    expect(html).toContain('<a class="back-link" href="https://www.amnesty.org/en/location/europe-and-central-asia/kazakhstan/">Back to Kazakhstan</a>');
    expect(html).toContain('<title>Kazakhstan 2022 – Amnesty International</title>');
    expect(html).toMatch(/<meta name="description" content="The rights to freedom of expression, assembly and association were unduly restricted[^"]*…">/);
  });

  it('is self-contained: no external stylesheet, script or font', () => {
    expect(html).not.toMatch(/<script|<link rel="stylesheet"|@import|url\(/);
    expect(html).toContain('<style>');
  });
});

describe('JSON edition of the seed', () => {
  it('is valid against report.schema.json', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(readSchema());
    const data = JSON.parse(JSON.stringify(reportData(report, writerContext(report))));
    expect(validate(data) ? [] : validate.errors).toEqual([]);
    // The schema is not a rubber stamp: a section without its id is rejected.
    delete data.sections[0].id;
    expect(validate(data)).toBe(false);
  });

  it('holds every word of the seed in order, the sections and the note with its reference', () => {
    const data = reportData(report, writerContext(report)) as {
      title: string; summary: { text: string }; sections: { id: string; title: string; text: string; html: string }[];
      footnotes: { id: string; text: string; references: { id: string; section: string }[] }[]; contentHash: string;
    };
    const text = [data.title, data.summary.text, ...data.sections.flatMap((s) => [s.title, s.text]), ...data.footnotes.map((n) => n.text)].join('\n');
    expect(firstMissing(seedPlainWords(), words(text))).toBe(-1);
    expect(text).not.toMatch(/warning\.1/);
    expect(data.sections.map((s) => s.id)).toEqual(sectionIds);
    expect(data.footnotes).toMatchObject([{ id: 'fn-1', references: [{ id: 'fnref-1', section: 'excessive-use-of-force' }] }]);
    expect(data.sections[2].html).toContain('<a href="#fn-1" id="fnref-1"');
    expect(data.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
