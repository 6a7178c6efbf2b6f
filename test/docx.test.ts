// The Word edition, read back as XML: styles defined once and used, real footnotes at their
// references, bookmarks, hyperlinks, properties, right-to-left editions, every Markdown construct,
// byte-identical rebuilds, and (where LibreOffice is installed) every word in a PDF of it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/model/types.ts';
import { docxWriter, renderDocx } from '../src/render/docx/index.ts';
import { textOf } from '../src/render/docx/inspect.ts';
import { audit } from '../src/render/audit.ts';
import { fixedDate, has, loadReports, run, seedReport, tempProject, words, writerContext } from './helpers.ts';
import { png } from './stress.ts';

type Parts = Record<string, string>;

function parts(data: Uint8Array): Parts {
  const files = unzipSync(data);
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** The paragraphs of a part, as XML strings. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
}

function style(styles: string, id: string): string {
  const match = new RegExp(`<w:style\\b[^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles);
  if (!match) throw new Error(`style ${id} not defined`);
  return match[0];
}

function relationships(rels: string): Map<string, { target: string; external: boolean }> {
  const out = new Map<string, { target: string; external: boolean }>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    out.set(attr('Id'), { target: attr('Target').replace(/&amp;/g, '&'), external: attr('TargetMode') === 'External' });
  }
  return out;
}

const demoYaml = (original: string) => `type: country-report
country: Demoland
year: 2022
region: Europe and Central Asia
original: ${original}
sections: [background, death-penalty]
`;

const constructs = `---
title: Demoland 2022
---

Summary with *emphasis*, **strong**, ~~deleted~~, \`inline code\`, a [web link](https://example.org/a?b=1&c=2) and a [jump to the death penalty](#death-penalty).

## Background

Text with a note.[^1] The same note again.[^1] A second note.[^2]

- bullet one
- bullet two
  - nested bullet
    1. deep ordered
- [x] done task

3. third item
4. fourth item

> A quote with *italics*.
>
> > A nested quote.

\`\`\`js
const answer = 42;
  indented();
\`\`\`

| Name | Value |
|:-----|------:|
| alpha | 1 |
| beta *em* | 2 |

---

### Sub heading {#sub-heading}

Line one  
line two

![Map of Demoland](https://example.org/map.png)

## Death penalty

Last words about the death penalty.

[^1]: Note one with *italic words* and [a note link](https://example.org/note).
[^2]: Note two, first paragraph.

    Note two, second paragraph.
`;

/** The constructs with a note cited only in another note, which also cites one the text cites. */
const notesCitingNotes = constructs
  .replace('[^2]: Note two, first paragraph.', '[^2]: Note two, first paragraph, citing a third,[^3] and the first.[^1]')
  .replace(/\n$/, '\n\n[^3]: Note three, cited only in note two.\n');

const arabic = `---
title: ديمولاند 2022
---

ملخص التقرير عن منظمة OSCE في البلد.

## الخلفية {#background}

نص الخلفية مع حاشية.[^1]

## عقوبة الإعدام {#death-penalty}

ألغيت عقوبة الإعدام.

[^1]: نص الحاشية.
`;

/** Where each demo report's sources are, for its images. */
const sourceDirs = new WeakMap<Report, string>();

function demo(markdown: string, lang = 'en', extra: Record<string, Uint8Array> = {}): Report {
  const dir = tempProject({ [`${lang}.md`]: markdown }, demoYaml(lang));
  for (const [name, data] of Object.entries(extra)) writeFileSync(join(dir, 'demo', name), data);
  const report = loadReports(dir)[0];
  sourceDirs.set(report, dir);
  return report;
}

async function render(report: Report): Promise<Uint8Array> {
  const dir = sourceDirs.get(report);
  return renderDocx(report, dir ? writerContext(report, dir) : writerContext(report));
}

describe('DOCX of Kazakhstan 2022', () => {
  let report: Report;
  let data: Uint8Array;
  let xml: Parts;

  beforeAll(async () => {
    report = await seedReport();
    data = await render(report);
    xml = parts(data);
  });

  it('defines the named styles once, from the theme', () => {
    const styles = xml['word/styles.xml'];
    const ids = ['Title', 'Subtitle', 'Heading1', 'Heading2', 'Normal', 'FootnoteText', 'FootnoteReference', 'Hyperlink', 'TOC1'];
    for (const id of ids) {
      expect(styles.match(new RegExp(`w:styleId="${id}"`, 'g')), id).toHaveLength(1);
    }
    expect(style(styles, 'Normal')).toContain('w:ascii="Noto Serif"');
    expect(style(styles, 'Normal')).toContain('<w:sz w:val="21"/>');
    expect(style(styles, 'Normal')).toContain('<w:color w:val="1A1A1A"/>');
    expect(style(styles, 'Heading1')).toContain('w:ascii="Noto Sans"');
    expect(style(styles, 'Heading1')).toContain('<w:sz w:val="30"/>');
    expect(style(styles, 'Heading1')).toContain('<w:outlineLvl w:val="0"/>');
    expect(style(styles, 'Title')).toContain('<w:sz w:val="48"/>');
    expect(style(styles, 'FootnoteText')).toContain('<w:sz w:val="17"/>');
    expect(style(styles, 'Hyperlink')).toContain('<w:color w:val="0B4F8A"/>');
    expect(style(styles, 'FootnoteReference')).toContain('<w:vertAlign w:val="superscript"/>');
    expect(style(styles, 'TOC1')).toContain('<w:name w:val="toc 1"/>');
  });

  it('uses the styles rather than direct formatting', () => {
    const document = xml['word/document.xml'];
    for (const id of ['Title', 'Heading1', 'TOC1', 'SmallPrint']) expect(document).toContain(`<w:pStyle w:val="${id}"/>`);
    expect(document).toContain('<w:rStyle w:val="Hyperlink"/>');
    expect(document).toContain('<w:rStyle w:val="FootnoteReference"/>');
    expect(xml['word/footnotes.xml']).toContain('<w:pStyle w:val="FootnoteText"/>');
    // No run in the body carries its own font, size or colour.
    expect(document).not.toMatch(/<w:rFonts|<w:sz |<w:color /);
  });

  it('puts each note in word/footnotes.xml and its reference in the paragraph that cites it', () => {
    const note = report.footnotes[0];
    const footnote = /<w:footnote w:id="1">([\s\S]*?)<\/w:footnote>/.exec(xml['word/footnotes.xml']);
    expect(footnote).not.toBeNull();
    expect(textOf(footnote![1]).trim()).toBe(note.text);
    expect(footnote![1]).toContain('<w:footnoteRef/>');

    const document = xml['word/document.xml'];
    const citing = paragraphs(document).filter((p) => p.includes('<w:footnoteReference w:id="1"/>'));
    expect(citing).toHaveLength(1);
    expect(textOf(citing[0])).toContain('ordered the law enforcement agencies and army to shoot without warning.');
    // …inside the section the model says holds it.
    const section = note.references[0].sectionId!;
    const at = document.indexOf('<w:footnoteReference w:id="1"/>');
    const sectionStart = document.indexOf(`w:name="${section}"`);
    const next = report.sections[report.sections.findIndex((s) => s.id === section) + 1];
    expect(sectionStart).toBeGreaterThan(-1);
    expect(at).toBeGreaterThan(sectionStart);
    expect(at).toBeLessThan(document.indexOf(`w:name="${next.id}"`));
  });

  it('bookmarks every section heading with its id, and the audit finds every section and note', async () => {
    const headings = paragraphs(xml['word/document.xml']).filter((p) => p.includes('<w:pStyle w:val="Heading1"/>'));
    expect(headings.map((p) => /<w:bookmarkStart w:name="([^"_][^"]*)"/.exec(p)?.[1])).toEqual(report.sections.map((s) => s.id));
    expect(headings.map((p) => textOf(p))).toEqual(report.sections.map((s) => s.titleText));
    const found = await docxWriter.inspect({ data }, report);
    expect(found.sections).toEqual(report.sections.map((s) => s.id));
    expect(found.notes).toEqual(report.footnotes.map((n) => n.id));
    expect(() => audit(report, 'docx', found)).not.toThrow();
  });

  it('writes disclaimer, back-link, title, summary and contents in order', () => {
    const ctx = writerContext(report);
    const text = paragraphs(xml['word/document.xml']).map(textOf);
    const at = (needle: string) => text.findIndex((t) => t.includes(needle));
    expect(at(ctx.labels.disclaimer)).toBe(0);
    expect(at(ctx.labels.backLink)).toBe(1);
    expect(at(report.meta.title)).toBe(2);
    expect(at(report.summaryText.slice(0, 40))).toBeGreaterThan(2);
    expect(at(ctx.labels.contents)).toBeGreaterThan(at(report.summaryText.slice(0, 40)));
    expect(at(report.sections[0].titleText)).toBeGreaterThan(at(ctx.labels.contents));
  });

  it('links the back-link to the country page as an external hyperlink', () => {
    const ctx = writerContext(report);
    const document = xml['word/document.xml'];
    const back = paragraphs(document).find((p) => textOf(p) === ctx.labels.backLink)!;
    const id = /<w:hyperlink\b[^>]*r:id="([^"]+)"/.exec(back)![1];
    expect(relationships(xml['word/_rels/document.xml.rels']).get(id)).toEqual({ target: ctx.labels.backLinkUrl, external: true });
  });

  it('has a contents field with an entry per section, linked to its heading, with a page number', () => {
    const document = xml['word/document.xml'];
    const sdt = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(document)![0];
    expect(sdt).toContain('<w:docPartGallery w:val="Table of Contents"/>');
    expect(sdt).toMatch(/<w:instrText[^>]*>TOC \\o &quot;1-1&quot; \\h \\z \\u<\/w:instrText>/);
    const entries = paragraphs(sdt).filter((p) => p.includes('<w:pStyle w:val="TOC1"/>'));
    expect(entries).toHaveLength(paragraphs(sdt).length);
    const headings = paragraphs(document).filter((p) => p.includes('<w:pStyle w:val="Heading1"/>'));
    entries.forEach((entry, i) => {
      const anchor = /<w:hyperlink\b[^>]*w:anchor="([^"]+)"/.exec(entry)![1];
      expect(headings[i]).toContain(`w:name="${anchor}"`);
      // Title, tab (dot leader), then a PAGEREF field as Word writes one: a run per field character,
      // its cached result a page number.
      const pageRef = new RegExp(
        `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGEREF ${anchor} \\\\h</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">(\\d+)</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`,
      );
      expect(entry).toMatch(pageRef);
      expect(textOf(entry)).toMatch(new RegExp(`^${report.sections[i].titleText}\\d+$`));
      expect(entry).toMatch(/<w:tab w:val="right" w:pos="9426" w:leader="dot"\/>/);
    });
    // The TOC field begins in the first entry and ends in the last: no empty paragraph around it.
    expect(entries[0]).toContain('TOC \\o');
    expect(entries.at(-1)).toMatch(/<w:fldChar w:fldCharType="end"\/><\/w:r><\/w:p>$/);
    const pages = entries.map((e) => Number(/(\d+)$/.exec(textOf(e))![1]));
    expect(pages[0]).toBe(1);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
    // Word replaces the cached numbers: it is asked to update the fields on opening.
    expect(xml['word/settings.xml']).toContain('<w:updateFields/>');
  });

  it('sets the parts in the order the report type gives, and only those', async () => {
    const ctx = { ...writerContext(report), parts: ['title', 'contents', 'summary', 'sections', 'notes'] as const };
    const document = parts(await renderDocx(report, ctx))['word/document.xml'];
    const text = paragraphs(document).map(textOf);
    const at = (needle: string) => text.findIndex((t) => t.includes(needle));
    expect(at(ctx.labels.disclaimer)).toBe(-1);
    expect(at(ctx.labels.backLink)).toBe(-1);
    expect(at(report.meta.title)).toBe(0);
    expect(document.indexOf('<w:sdt>')).toBeLessThan(document.indexOf(report.summaryText.slice(0, 40)));
    expect(at(ctx.labels.contents)).toBeLessThan(at(report.summaryText.slice(0, 40)));
    // Notes stay Word footnotes wherever 'notes' sits in the list.
    expect(document).toContain('<w:footnoteReference w:id="1"/>');
  });

  it('sets page size and margins from the theme, and the running footer as in print: title, then page numbers at the end', () => {
    const sectPr = /<w:sectPr\b[\s\S]*?<\/w:sectPr>/.exec(xml['word/document.xml'])![0];
    expect(sectPr).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(sectPr).toMatch(/<w:pgMar w:top="1200" w:right="1240" w:bottom="1280" w:left="1240"/);
    const footerId = /<w:footerReference w:type="default" r:id="([^"]+)"/.exec(sectPr)![1];
    const footerFile = relationships(xml['word/_rels/document.xml.rels']).get(footerId)!.target;
    const footer = xml[`word/${footerFile}`];
    expect(footer).toContain('<w:pStyle w:val="Footer"/>');
    expect(footer).toMatch(/>PAGE<\/w:instrText>/);
    expect(footer).toMatch(/>NUMPAGES<\/w:instrText>/);
    expect(textOf(footer)).toBe('Kazakhstan 2022Page  of ');
    // The page numbers sit at a tab stop on the text column's end edge (page width less margins).
    expect(footer).toMatch(/<w:tab w:val="right" w:pos="9426"\/>[\s\S]*Kazakhstan 2022[\s\S]*<w:tab\/>[\s\S]*>PAGE</);
  });

  it('sets the title and the date under it, as the web page and print do (the publisher is in the properties)', () => {
    const text = paragraphs(xml['word/document.xml']).map(textOf);
    const title = text.indexOf('Kazakhstan 2022');
    expect(text[title + 1]).toBe('27 March 2023');
    expect(text).not.toContain('Amnesty International');
  });

  it('writes the core properties, language and dates', () => {
    const core = xml['docProps/core.xml'];
    expect(core).toContain('<dc:title>Kazakhstan 2022</dc:title>');
    expect(core).toContain('<dc:creator>Amnesty International</dc:creator>');
    expect(core).toContain('<dc:subject>Kazakhstan, 2022</dc:subject>');
    expect(core).toMatch(/<cp:keywords>Kazakhstan; Europe and Central Asia; 2022/);
    expect(core).toContain('<dc:language>en</dc:language>');
    const stamp = fixedDate.toISOString().replace('.000', '');
    expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>`);
    expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>`);
    const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(xml['word/styles.xml'])![0];
    expect(defaults).toMatch(/<w:lang w:val="en"\/>/);
    expect(defaults).toContain('w:cs="Noto Naskh Arabic"');
  });

  it('rebuilds byte for byte, even after other documents in the same process', async () => {
    await render(demo(constructs));
    const again = await render(report);
    expect(Buffer.from(again).equals(Buffer.from(data))).toBe(true);
  });
});

/** A table of 24 columns whose longest words do not fit side by side at any size a reader reads. */
const tooWide = (() => {
  const columns = 24;
  const head = Array.from({ length: columns }, (_, c) => `Column${c}`);
  const cell = (r: number, c: number) => (c === 0 ? `Row${r}` : (r + c) % 5 === 0 ? `Supercalifragilistic${r}x${c}` : `${r}x${c}`);
  const rows = [0, 1, 2].map((r) => `| ${head.map((_, c) => cell(r, c)).join(' | ')} |`);
  return { columns, head, cell, wideTable: [`| ${head.join(' | ')} |`, `|${'---|'.repeat(columns)}`, ...rows].join('\n') };
})();

const nested = `---
title: Demoland 2022
---

Summary.

## Background

1. An item holding a table:

   | Region | Detained people in custody |
   |:--|--:|
   | Almaty | 1,071 |

   - A second level:

     > A quote inside the list.

> A quote holding a list:
>
> - a quoted item
>
> \`\`\`
> quoted code
> \`\`\`

Text with a note.[^1]

## Death penalty

Last words.

| Year | Cases |
|--|--|
| 2022 | 5 |

[^1]: A note quoting:

    > The quoted words of the note.
`;

describe('DOCX of blocks inside blocks', () => {
  let document: string;
  let notes: string;
  // The theme's list and blockquote indents, 18 pt each, in twips.
  const step = 360;

  beforeAll(async () => {
    const xml = parts(await render(demo(nested)));
    document = xml['word/document.xml'];
    notes = xml['word/footnotes.xml'];
  });

  const paragraphWith = (xml: string, text: string) => paragraphs(xml).find((p) => textOf(p).includes(text))!;
  const indentOf = (p: string) => Number(/<w:ind\b[^>]*w:left="(\d+)"/.exec(p)?.[1]);
  const bar = /<w:pBdr><w:left w:val="single"/;

  it('keeps a quote inside a list item a quote: the item\'s indent, one step more, and the bar', () => {
    const quote = paragraphWith(document, 'A quote inside the list');
    // The second level's text starts two list indents in; the quote one blockquote indent further.
    expect(indentOf(quote)).toBe(2 * step + step);
    expect(quote).toMatch(bar);
  });

  it('stops moving quotes nested 30 deep in once their text would be narrower than 40% of the column, as print does', async () => {
    const quotes = Array.from({ length: 30 }, (_, d) => `${'> '.repeat(d + 1)}deep quote ${d}\n${'> '.repeat(d + 1)}`).join('\n');
    const xml = parts(await render(demo(nested.replace('Last words.', `Last words.\n\n${quotes}`))));
    // A4 less the margins, in twips.
    const column = ((595.28 - 62 - 62) * 20);
    const lefts = paragraphs(xml['word/document.xml']).filter((p) => textOf(p).startsWith('deep quote')).map((p) => Number(/<w:ind w:left="(\d+)"/.exec(p)?.[1] ?? 0));
    expect(lefts).toHaveLength(30);
    expect(Math.max(...lefts)).toBeLessThanOrEqual(0.6 * column);
    // Each level in until then.
    expect(lefts[5]!).toBeGreaterThan(lefts[4]!);
  });

  it('moves a list with numbers wider than the indent ("100.") in by as much, with what its items hold; a list below 100 keeps the indent', async () => {
    const items = Array.from({ length: 11 }, (_, i) => `${95 + i}. wide item ${95 + i}`).join('\n');
    const md = `${items}\n\n     continued under 105\n\n     - bullet under 105\n\nBetween.\n\n1. narrow item one\n2. narrow item two`;
    const xml = parts(await render(demo(nested.replace('Last words.', `Last words.\n\n${md}`))));
    const all = paragraphs(xml['word/document.xml']);
    const left = (text: string) => Number(/<w:ind w:left="(\d+)"/.exec(all.find((p) => textOf(p).includes(text))!)?.[1] ?? NaN);
    // "105." estimated at 0.64 em a digit and 0.32 a full stop, at 10.5 pt, with the 4 pt gap: 37.6 pt.
    const widened = Math.round((3 * 0.64 + 0.32) * 10.5 * 20) + 80;
    for (const n of [95, 100, 105]) {
      const item = all.find((p) => textOf(p).includes(`wide item ${n}`))!;
      expect(item).toContain('<w:numPr>');
      expect(item, `${n}.`).toContain(`<w:ind w:left="${widened}" w:right="0" w:hanging="80"/>`);
    }
    expect(left('continued under 105')).toBe(widened);
    expect(left('bullet under 105')).toBe(widened + 360);
    // The narrow list is left to its numbering's indents, as before.
    expect(all.find((p) => textOf(p).includes('narrow item one'))).not.toContain('<w:ind');
  });

  it('hangs a numbered item in a quote as its numbering does: the number flush right, 4 pt before the text', async () => {
    const xml = parts(await render(demo(nested.replace('Last words.', 'Last words.\n\n> 1. a numbered quoted item\n> 2. another'))));
    const item = paragraphs(xml['word/document.xml']).find((p) => textOf(p).includes('a numbered quoted item'))!;
    expect(item).toContain('<w:numPr>');
    expect(item).toMatch(/w:hanging="80"/);
    expect(item).toMatch(bar);
  });

  it('sets a list inside a quote one quote indent in, its items with the bar', () => {
    const item = paragraphWith(document, 'a quoted item');
    expect(item).toContain('<w:numPr>');
    expect(indentOf(item)).toBe(step + step);
    expect(item).toMatch(/w:hanging="360"/);
    expect(item).toMatch(bar);
    expect(paragraphWith(document, 'A quote holding a list')).toContain('<w:pStyle w:val="BlockText"/>');
  });

  it('sets code in a quote at the quote\'s indent, with its bar', () => {
    const code = paragraphWith(document, 'quoted code');
    expect(code).toContain('<w:pStyle w:val="SourceCode"/>');
    expect(indentOf(code)).toBe(step);
    expect(code).toMatch(bar);
  });

  it('starts a table in a list item at the item\'s text, its columns as wide as their content asks', () => {
    const [table, outside] = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(table).toContain(`<w:tblInd w:type="dxa" w:w="${step}"/>`);
    expect(outside).not.toContain('<w:tblInd');
    const widthOf = (t: string) => Number(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/.exec(t)![1]);
    const grid = [...table!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(widthOf(table!));
    // The text width, less the item's indent.
    expect(widthOf(outside!) - widthOf(table!)).toBe(step);
    // The column of longer text is the wider.
    expect(grid[1]!).toBeGreaterThan(grid[0]! * 1.5);
  });

  it('draws a quote\'s bar on the right in a right-to-left edition, in its style and on a quote in a list', async () => {
    const xml = parts(await render(demo(arabic.replace('ألغيت عقوبة الإعدام.', 'ألغيت عقوبة الإعدام.\n\n> اقتباس.\n\n- بند:\n\n  > اقتباس داخل القائمة.'), 'ar')));
    expect(style(xml['word/styles.xml'], 'BlockText')).toMatch(/<w:pBdr><w:right w:val="single"/);
    expect(style(xml['word/styles.xml'], 'BlockText')).not.toContain('<w:left w:val="single"');
    const quote = paragraphs(xml['word/document.xml']).find((p) => textOf(p).includes('اقتباس داخل القائمة'))!;
    expect(quote).toMatch(/<w:pBdr><w:right w:val="single"/);
    expect(quote).toContain('<w:bidi/>');
  });

  it('gives a column holding a long URL no more than its longest stretch between the URL\'s punctuation asks', async () => {
    // As many columns as fit side by side at their longest words (Word's cell margins are wide).
    const head = Array.from({ length: 7 }, (_, k) => `Detained${k}`);
    const table = [`| ${head.join(' | ')} | Source |`, `|${'--:|'.repeat(7)}:--|`, `| ${head.map((_, k) => k).join(' | ')} | https://www.amnesty.org/en/documents/eur57/6339/2022/en/ |`].join('\n');
    const xml = parts(await render(demo(nested.replace('Last words.', `Last words.\n\n${table}`))));
    const wide = [...xml['word/document.xml'].matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes('Detained6'))!;
    const grid = [...wide.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(8);
    // Read whole, the URL would ask five times a numeric column's width, and squeeze the others.
    expect(grid[7]!).toBeLessThan(2 * grid[0]!);
  });

  it('sets a table whose longest words do not fit side by side in smaller type, as the print edition does', async () => {
    const head = ['Region', 'Registrations', 'Investigations', 'Prosecutions', 'Convictions', 'Acquittals', 'Complaints'];
    const wideTable = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, `| ${head.map((_, k) => k * 37).join(' | ')} |`].join('\n');
    const narrowTable = '| Year | Cases |\n|---|---|\n| 2022 | 16 |';
    const xml = parts(await render(demo(nested.replace('Last words.', `Last words.\n\n${narrowTable}\n\nBetween.\n\n${wideTable}`))));
    const tables = [...xml['word/document.xml'].matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const sizes = (table: string) => [...table.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]));
    // The styles' size, in half points: 0.9 of the body.
    const styled = Number(/<w:sz w:val="(\d+)"\/>/.exec(style(xml['word/styles.xml'], 'TableContents'))![1]);
    const wide = tables.find((t) => t.includes('Registrations'))!;
    expect(sizes(tables.find((t) => t.includes('Year'))!)).toEqual([]);
    expect(new Set(sizes(wide)).size).toBe(1);
    expect(sizes(wide)[0]).toBeLessThan(styled);
    expect(sizes(wide)[0]).toBeGreaterThanOrEqual(Math.floor((styled * 0.7) / 0.9));
  });

  it('sets a table too wide even in the smallest type in parts, as the print edition does: every column at least its longest word', async () => {
    const { columns, head, cell, wideTable } = tooWide;
    const xml = parts(await render(demo(nested.replace('Last words.', `Last words.\n\n${wideTable}`))));
    const body = xml['word/document.xml'];
    const tables = [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).filter((t) => t.includes('Column0'));
    expect(tables.length).toBeGreaterThan(2);
    // Each part headed by the first column; together, every other column once, in order.
    const texts = tables.map((t) => paragraphs(t).map(textOf));
    for (const text of texts) expect(text[0]).toBe('Column0');
    expect(texts.flatMap((text) => text.filter((t) => /^Column\d+$/.test(t) && t !== 'Column0'))).toEqual(head.slice(1));
    for (const r of [0, 1, 2]) for (let c = 1; c < columns; c++) expect(texts.flat()).toContain(cell(r, c));
    // Word joins tables that touch: a paragraph stands between the parts.
    for (let k = 1; k < tables.length; k++) {
      const between = body.slice(body.indexOf(tables[k - 1]!) + tables[k - 1]!.length, body.indexOf(tables[k]!));
      expect(between).toMatch(/^<w:p[ />]/);
    }
    // Every column at least as wide as its longest word asks (half an em a letter at the part's
    // size, with Word's cell margins), where 24 columns side by side were narrower than the margins.
    for (const table of tables) {
      const size = Number(/<w:sz w:val="(\d+)"\/>/.exec(table)?.[1] ?? 0) / 2 || 9;
      const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      const longest = paragraphs(table).map(textOf);
      grid.forEach((width, c) => {
        const words = longest.filter((_, k) => k % grid.length === c);
        const letters = Math.max(...words.map((w) => w.length));
        expect(width).toBeGreaterThanOrEqual(2 * 108 + letters * size * 10 - 1);
      });
    }
  });

  it('gives a word too long for any page what the other columns leave, and them their longest word, in one table', async () => {
    const giant = 'x'.repeat(300);
    const table = `| Source | Account | Note |\n|---|---|---|\n| https://example.org/${'very/'.repeat(12)}end | ${giant} | Unconfirmed |`;
    const xml = parts(await render(demo(nested.replace('Last words.', `Last words.\n\n${table}`))));
    const tables = [...xml['word/document.xml'].matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).filter((t) => t.includes('Unconfirmed'));
    // One table, at the table size (no part of its own for a word no size would fit).
    expect(tables).toHaveLength(1);
    expect(tables[0]).toContain(giant);
    expect(tables[0]).not.toMatch(/<w:sz w:val=/);
    // Its URL column fits "https://" (a URL breaks after its punctuation) and its last
    // "Unconfirmed" (half an em a letter at 9 pt, with Word's cell margins); the giant word's
    // column takes the rest.
    const grid = [...tables[0]!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid[0]).toBeGreaterThanOrEqual(2 * 108 + 'https://'.length * 9 * 10 - 1);
    expect(grid[2]).toBeGreaterThanOrEqual(2 * 108 + 'Unconfirmed'.length * 9 * 10 - 1);
    expect(grid[1]).toBeGreaterThan(grid[0]! + grid[2]!);
  });

  it('keeps a quote in a note at the note\'s size, indented, with the bar', () => {
    const quote = paragraphWith(notes, 'The quoted words of the note');
    expect(quote).toContain('<w:pStyle w:val="FootnoteText"/>');
    expect(indentOf(quote)).toBe(step);
    expect(quote).toMatch(bar);
  });
});

describe('DOCX of every Markdown construct', () => {
  let report: Report;
  let xml: Parts;
  let document: string;

  beforeAll(async () => {
    report = demo(constructs);
    xml = parts(await render(report));
    document = xml['word/document.xml'];
  });

  const paragraphWith = (text: string) => paragraphs(document).find((p) => textOf(p).includes(text));

  it('keeps inline formatting as runs', () => {
    const summary = paragraphWith('Summary with')!;
    expect(summary).toMatch(/<w:r><w:rPr><w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">emphasis<\/w:t>/);
    expect(summary).toMatch(/<w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">strong</);
    expect(summary).toMatch(/<w:strike\/><\/w:rPr><w:t xml:space="preserve">deleted</);
    expect(summary).toMatch(/<w:rStyle w:val="VerbatimChar"\/><\/w:rPr><w:t xml:space="preserve">inline code</);
    expect(xml['word/styles.xml']).toContain('w:styleId="VerbatimChar"');
  });

  it('writes external links as relationships and internal links as anchors', () => {
    const summary = paragraphWith('Summary with')!;
    const rels = relationships(xml['word/_rels/document.xml.rels']);
    const external = /<w:hyperlink\b[^>]*r:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/.exec(summary)!;
    expect(textOf(external[2])).toBe('web link');
    expect(rels.get(external[1])).toEqual({ target: 'https://example.org/a?b=1&c=2', external: true });
    const internal = /<w:hyperlink\b[^>]*w:anchor="death-penalty"[^>]*>([\s\S]*?)<\/w:hyperlink>/.exec(summary)!;
    expect(textOf(internal[1])).toBe('jump to the death penalty');
    expect(document).toContain('<w:bookmarkStart w:name="death-penalty"');
  });

  it('writes as text the numbers of a list counting past what Word numbers, and numbers the others', async () => {
    const report = demo('---\ntitle: Demoland 2022\n---\n\nSummary.\n\n## Background\n\n99999999. Far past Word.\n100000000. Further still.\n\nBetween.\n\n2022. A year Word can count to.\n\n## Death penalty\n\nAbolished.\n');
    const xml = parts(await render(report));
    const body = paragraphs(xml['word/document.xml']);
    const withText = (text: string) => body.find((p) => textOf(p).includes(text))!;
    expect(textOf(withText('Far past Word'))).toBe('99999999. Far past Word.');
    expect(textOf(withText('Further still'))).toBe('100000000. Further still.');
    expect(withText('Far past Word')).not.toContain('<w:numPr>');
    // A list Word can number keeps Word's numbering, from its own start.
    expect(withText('A year Word can count to')).toContain('<w:numPr>');
    expect(textOf(withText('A year Word can count to'))).toBe('A year Word can count to.');
    expect(xml['word/numbering.xml']).toContain('<w:start w:val="2022"/>');
    for (const [, start] of xml['word/numbering.xml'].matchAll(/<w:start w:val="(\d+)"\/>/g)) expect(Number(start)).toBeLessThanOrEqual(32767);
  });

  it('numbers lists with Word numbering, nested lists one level deeper', () => {
    const level = (text: string) => /<w:ilvl w:val="(\d)"\/>/.exec(paragraphWith(text)!)?.[1];
    const num = (text: string) => /<w:numId w:val="(\d+)"\/>/.exec(paragraphWith(text)!)?.[1];
    expect(level('bullet one')).toBe('0');
    expect(level('nested bullet')).toBe('1');
    expect(level('deep ordered')).toBe('2');
    expect(num('bullet one')).toBe(num('bullet two'));
    expect(num('nested bullet')).not.toBe(num('bullet one'));
    // A task's box is its marker, where a bullet would be: not in its text, and no bullet beside it.
    expect(textOf(paragraphWith('done task')!)).toBe('done task');
    const markerOf = (text: string) => {
      const numId = /<w:numId w:val="(\d+)"\/>/.exec(paragraphWith(text)!)![1];
      const abstract = new RegExp(`<w:num w:numId="${numId}"[^>]*>\\s*<w:abstractNumId w:val="(\\d+)"`).exec(xml['word/numbering.xml'])![1];
      const definition = new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstract}"[\\s\\S]*?</w:abstractNum>`).exec(xml['word/numbering.xml'])![0];
      return /<w:lvlText w:val="([^"]*)"\/>/.exec(definition)![1];
    };
    expect(markerOf('done task')).toBe('☒');
    expect(markerOf('bullet one')).toBe('•');
    const numbering = xml['word/numbering.xml'];
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
    expect(numbering).toContain('<w:start w:val="3"/>');
    // Numbers flush right, a little before the text, as the print edition sets them: "10." and
    // "100." hang further into the indent instead of running into the text.
    const decimal = [...numbering.matchAll(/<w:lvl w:ilvl="(\d)"[^>]*>(?:(?!<\/w:lvl>)[\s\S])*?<w:numFmt w:val="decimal"\/>[\s\S]*?<\/w:lvl>/g)];
    expect(decimal.length).toBeGreaterThan(0);
    for (const [level, ilvl] of decimal) {
      expect(level).toContain('<w:lvlJc w:val="right"/>');
      // The text one list indent (18 pt, 360 twips) further in at each level.
      expect(level).toContain(`<w:ind w:left="${360 * (Number(ilvl) + 1)}" w:hanging="80"/>`);
    }
    expect(num('third item')).toBe(num('fourth item'));
    expect(num('third item')).not.toBe(num('deep ordered'));
  });

  it('sets blockquotes, code, tables, rules, sub-headings and line breaks in their styles', () => {
    expect(paragraphWith('A quote with')).toContain('<w:pStyle w:val="BlockText"/>');
    expect(paragraphWith('A nested quote')).toMatch(/<w:pStyle w:val="BlockText"\/>[\s\S]*<w:ind w:left="720"/);
    const code = paragraphWith('const answer = 42;')!;
    expect(code).toContain('<w:pStyle w:val="SourceCode"/>');
    expect(code).toMatch(/<w:br\/><w:t xml:space="preserve">  indented\(\);<\/w:t>/);
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(document)![0];
    expect(table).toContain('<w:tblHeader/>');
    expect(paragraphs(table).map(textOf)).toEqual(['Name', 'Value', 'alpha', '1', 'beta em', '2']);
    expect(paragraphs(table)[0]).toContain('<w:pStyle w:val="TableHeading"/>');
    expect(paragraphs(table)[3]).toMatch(/<w:jc w:val="right"\/>/);
    expect(paragraphs(table)[4]).toMatch(/<w:i\/>/);
    expect(document).toContain('<w:pStyle w:val="HorizontalRule"/>');
    const sub = paragraphWith('Sub heading')!;
    expect(sub).toContain('<w:pStyle w:val="Heading2"/>');
    expect(sub).toContain('w:name="sub-heading"');
    expect(paragraphWith('Line one')).toMatch(/Line one<\/w:t><\/w:r><w:r><w:br\/><\/w:r>/);
    const image = paragraphWith('Map of Demoland')!;
    expect(image).toMatch(/<w:hyperlink\b/);
  });

  it('makes each note a Word footnote with its formatting, and a second reference a cross-reference', () => {
    const footnotes = xml['word/footnotes.xml'];
    const one = /<w:footnote w:id="1">([\s\S]*?)<\/w:footnote>/.exec(footnotes)![1];
    expect(one).toMatch(/<w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">italic words</);
    const link = /<w:hyperlink\b[^>]*r:id="([^"]+)"/.exec(one)![1];
    expect(relationships(xml['word/_rels/footnotes.xml.rels']).get(link)).toEqual({ target: 'https://example.org/note', external: true });
    const two = /<w:footnote w:id="2">([\s\S]*?)<\/w:footnote>/.exec(footnotes)![1];
    expect(paragraphs(two).map((p) => textOf(p).trim())).toEqual(['Note two, first paragraph.', 'Note two, second paragraph.']);

    const citing = paragraphWith('Text with a note.')!;
    expect(citing.match(/<w:footnoteReference w:id="1"\/>/g)).toHaveLength(1);
    expect(citing).toContain('<w:footnoteReference w:id="2"/>');
    // Cross-reference to the first reference, shown as a superscript number before Word updates it.
    expect(citing).toMatch(/<w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:instrText>NOTEREF fnref-1 \\f \\h<\/w:instrText>/);
    expect(citing).toMatch(/<w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:t xml:space="preserve">1<\/w:t>/);
  });

  it('prints a note cited only in another note in that note\'s footnote: Word has no footnote in a footnote', async () => {
    // Note two cites note three, which the text never cites, and note one, which it does.
    const report = demo(notesCitingNotes);
    expect(report.footnotes.map((n) => n.text.slice(0, 10))).toEqual(['Note one w', 'Note two, ', 'Note three']);
    const files = parts(await render(report));
    const footnotes = files['word/footnotes.xml'];
    // No footnote reference among the notes (LibreOffice would not open the file), and a Word
    // footnote for each note the text cites only.
    expect(footnotes).not.toContain('<w:footnoteReference');
    const ids = [...footnotes.matchAll(/<w:footnote w:id="(\d+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(['1', '2']);
    for (const id of ids) expect(files['word/document.xml']).toContain(`<w:footnoteReference w:id="${id}"/>`);
    // Note two ends with note three, its number written out as a note reference is set, its text
    // bookmarked with its id; the reference to it in note two is a link there, to one a NOTEREF.
    const two = paragraphs(/<w:footnote w:id="2">([\s\S]*?)<\/w:footnote>/.exec(footnotes)![1]);
    expect(two.map((p) => textOf(p).trim())).toEqual(['Note two, first paragraph, citing a third,3 and the first.1', 'Note two, second paragraph.', '3 Note three, cited only in note two.']);
    expect(two[2]).toMatch(/^<w:p><w:pPr><w:pStyle w:val="FootnoteText"\/><\/w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:t xml:space="preserve">3<\/w:t><\/w:r>/);
    expect(two[2]).toContain('<w:bookmarkStart w:name="fn-3"');
    expect(two[0]).toMatch(/<w:hyperlink w:history="1" w:anchor="fn-3"><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:t xml:space="preserve">3<\/w:t><\/w:r><\/w:hyperlink>/);
    expect(two[0]).toContain('<w:instrText>NOTEREF fnref-1 \\f \\h</w:instrText>');
    // The audit reads every note back, note three from note two's footnote.
    const found = await docxWriter.inspect({ data: await render(report) }, report);
    expect(found.notes).toEqual(report.footnotes.map((n) => n.id));
    expect(found.noteText!['fn-3']!.trim()).toBe('3 Note three, cited only in note two.');
    expect(found.noteText!['fn-2']).not.toContain('Note three');
  });

  it('embeds a local image at its size', async () => {
    const withImage = demo(constructs.replace('https://example.org/map.png', 'map.png'), 'en', { 'map.png': png(4, 2) });
    const first = await render(withImage);
    const files = parts(first);
    const media = Object.keys(files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(files['word/document.xml']).toMatch(/<wp:docPr id="\d+" name="[^"]*" descr="Map of Demoland"/);
    expect(files['word/document.xml']).toContain('<wp:extent cx="38100" cy="19050"/>');
    const again = await render(withImage);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  it('shrinks a picture in a table cell to its column, proportions kept', async () => {
    const table = '| Flag | Name |\n|---|---|\n| ![wide chart](chart.png) | A chart of 600 pixels in a narrow cell, beside a longer text than its own |';
    const files = parts(await render(demo(nested.replace('Last words.', `Last words.\n\n${table}`), 'en', { 'chart.png': png(600, 300) })));
    const tableXml = [...files['word/document.xml'].matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes('descr="wide chart"'))!;
    const column = Number(/<w:gridCol w:w="(\d+)"\/>/.exec(tableXml)![1]);
    const [cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(tableXml)!.slice(1).map(Number);
    // EMU: 635 to a twip. Within the column less the cell's margins (216 twips), half as high as wide.
    expect(cx! / 635).toBeLessThanOrEqual(column - 216 + 1);
    expect(cx! / 635).toBeGreaterThan((column - 216) * 0.9);
    expect(cy! / cx!).toBeCloseTo(0.5, 1);
  });

  it("embeds a picture held by a note through the notes' own relationships", async () => {
    const files = parts(await render(noteWithPicture()));
    const note = /<w:footnote w:id="2">([\s\S]*?)<\/w:footnote>/.exec(files['word/footnotes.xml'])![1];
    expect(note).toMatch(/<wp:docPr id="\d+" name="[^"]*" descr="Chart in a note"/);
    const id = /<a:blip r:embed="([^"]+)"/.exec(note)![1];
    // The id is one of word/footnotes.xml's relationships (each part has its own), to a file in the package.
    const relationship = relationships(files['word/_rels/footnotes.xml.rels']).get(id);
    expect(relationship).toEqual({ target: expect.stringMatching(/^media\/[^/]+\.png$/), external: false });
    expect(Object.keys(files)).toContain(`word/${relationship!.target}`);
    expect(files['[Content_Types].xml']).toMatch(/<Default (?=[^>]*Extension="png")(?=[^>]*ContentType="image\/png")[^>]*\/>/);
  });
});

/** The demo report with a picture in its second note (and none in the text). */
function noteWithPicture(): Report {
  const markdown = constructs
    .replace('![Map of Demoland](https://example.org/map.png)', '')
    .replace('[^2]: Note two, first paragraph.', '[^2]: Note two, first paragraph. ![Chart in a note](chart.png)');
  return demo(markdown, 'en', { 'chart.png': png(4, 2) });
}

describe('DOCX of a right-to-left edition', () => {
  let xml: Parts;
  let report: Report;

  beforeAll(async () => {
    report = demo(arabic, 'ar');
    expect(report.dir).toBe('rtl');
    xml = parts(await render(report));
  });

  it('makes paragraphs bidi and Arabic runs rtl, with the Arabic face and sizes', () => {
    const document = xml['word/document.xml'];
    const body = paragraphs(document).filter((p) => /\p{Script=Arabic}/u.test(textOf(p)));
    expect(body.length).toBeGreaterThan(6);
    for (const p of body) expect(p, textOf(p)).toContain('<w:bidi/>');
    // Paragraphs are right to left by default, so what an editor adds is too.
    expect(xml['word/styles.xml']).toMatch(/<w:pPrDefault><w:pPr><w:bidi\/>/);
    // A label with no Arabic (a language without labels falls back to English) reads left to
    // right, on the right; an Arabic label reads right to left.
    const disclaimer = paragraphs(document)[0];
    if (/\p{Script=Arabic}/u.test(writerContext(report).labels.disclaimer)) {
      expect(disclaimer).toMatch(/<w:pStyle w:val="SmallPrint"\/><w:bidi\/>/);
    } else {
      expect(disclaimer).toMatch(/<w:bidi w:val="false"\/><w:jc w:val="right"\/>/);
      expect(disclaimer).not.toContain('<w:rtl/>');
    }
    const summary = body.find((p) => textOf(p).includes('ملخص'))!;
    expect(summary).toMatch(/<w:r><w:rPr><w:rtl\/><\/w:rPr><w:t xml:space="preserve">ملخص التقرير عن منظمة <\/w:t>/);
    // A Latin acronym stays a left-to-right run.
    expect(summary).toMatch(/<w:r><w:t xml:space="preserve">OSCE<\/w:t><\/w:r>/);
    expect(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/.exec(document)![0]).toContain('<w:bidi/>');
    expect(xml['word/footnotes.xml']).toMatch(/<w:bidi\/>[\s\S]*نص الحاشية/);
    const styles = xml['word/styles.xml'];
    const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(styles)![0];
    expect(defaults).toContain('w:cs="Noto Naskh Arabic"');
    expect(defaults).toContain('<w:szCs w:val="21"/>');
    expect(defaults).toMatch(/<w:lang w:val="ar" w:bidi="ar"\/>|<w:lang w:bidi="ar" w:val="ar"\/>/);
    expect(xml['docProps/core.xml']).toContain('<dc:language>ar</dc:language>');
  });

  it('sets inline code between LRI and PDI, a left-to-right isolate, in a right-to-left edition only', async () => {
    const sentence = 'شغّل الأمر `folio build --out dist/` لبناء كل شيء.';
    const rtl = parts(await render(demo(arabic.replace('ألغيت عقوبة الإعدام.', sentence), 'ar')))['word/document.xml'];
    expect(rtl).toContain('<w:t xml:space="preserve">\u2066folio build --out dist/\u2069</w:t>');
    const ltr = parts(await render(demo(constructs)))['word/document.xml'];
    expect(ltr).not.toMatch(/[\u2066\u2069]/u);
  });
});

const soffice = '/usr/bin/soffice';
// A narrow table of short words, numbers and a bold total row.
const arrests = '| Region | Arrests | Share | Source |\n|:--|--:|:-:|--|\n| Almaty | 1,234 | 12.5% | <https://www.example.org/reports/almaty/2024/arrests-by-district.html> |\n| **Total** | **1,297** | **13.1%** | computed |';
const haveTools = has(soffice) && has('pdftotext');

/** The words of a report's Word file as LibreOffice draws them: pdftotext's words of its PDF,
 * each as drawn (punctuation joins the word it is drawn beside), without the isolates' marks. */
async function drawnWords(report: Report): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'folio-docx-drawn-'));
  writeFileSync(join(dir, 'drawn.docx'), await render(report));
  run(soffice, ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'drawn.docx')]);
  return [...run('pdftotext', ['-bbox', join(dir, 'drawn.pdf'), '-']).matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((m) => m[1]!.replace(/[\u2066-\u2069]/gu, ''));
}

describe('DOCX opened by LibreOffice', () => {
  it.skipIf(!haveTools)(`converts to PDF with every word of the source${haveTools ? '' : ' (skipped: soffice or pdftotext not installed)'}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-docx-'));
    const seed = await seedReport();
    const demoReport = demo(constructs);
    // A table too wide for the page: its parts (LibreOffice cannot lay out columns narrower than
    // their cell margins, which 24 columns side by side were).
    const wide = demo(nested.replace('Last words.', `Last words.\n\n${tooWide.wideTable}\n\nBetween.\n\n${arrests}`));
    const reports = { seed, demo: demoReport, wide, notes: demo(notesCitingNotes) };
    for (const [name, report] of Object.entries(reports)) writeFileSync(join(dir, `${name}.docx`), await render(report));
    mkdirSync(join(dir, 'out'));
    run(soffice, ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', join(dir, 'out'), ...Object.keys(reports).map((name) => join(dir, `${name}.docx`))]);
    // Lines may break anywhere, and pdftotext joins a word hyphenated at a line end: compare
    // without whitespace and hyphens.
    const squeezed = (name: string) => run('pdftotext', [join(dir, 'out', `${name}.pdf`), '-']).normalize('NFC').replace(/[\s-]+/g, '');
    // A note cited only in another note: LibreOffice would not open the file with it a footnote.
    for (const [name, report] of Object.entries({ seed, demo: demoReport, notes: reports.notes })) {
      const printed = squeezed(name);
      const source = [report.meta.title, report.summaryText, ...report.sections.flatMap((s) => [s.titleText, s.text]), ...report.footnotes.map((n) => n.text)];
      const missing = words(source.join('\n')).filter((word) => !printed.includes(word.replace(/-/g, '')));
      expect(missing, name).toEqual([]);
    }
    // Every cell of the wide table, its bold header row too, each word whole on its line:
    // LibreOffice sets the missing Noto Serif in DejaVu Sans, wider still in bold ("Column11",
    // "Arrests", "13.1%"), and the columns' estimated widths leave room for it.
    const tokens = new Set(run('pdftotext', [join(dir, 'out', 'wide.pdf'), '-']).normalize('NFC').split(/\s+/));
    const cells = [0, 1, 2].flatMap((r) => Array.from({ length: tooWide.columns }, (_, c) => tooWide.cell(r, c)));
    const head = Array.from({ length: tooWide.columns }, (_, c) => tooWide.head[c]!);
    expect([...head, ...cells, 'Region', 'Arrests', 'Share', '1,234', '12.5%', '1,297', '13.1%'].filter((word) => !tokens.has(word))).toEqual([]);
  }, 120_000);

  it.skipIf(!haveTools)(`keeps inline code's slash after "dist" in an Arabic sentence, not before "folio"${haveTools ? '' : ' (skipped: soffice or pdftotext not installed)'}`, async () => {
    // The slash joins the word it is drawn beside.
    const drawn = await drawnWords(demo(arabic.replace('ألغيت عقوبة الإعدام.', 'شغّل الأمر `folio build --out dist/` لبناء كل شيء.'), 'ar'));
    expect(drawn).toContain('folio');
    expect(drawn).toContain('dist/');
    expect(drawn).not.toContain('/folio');
  }, 120_000);
});

describe('DOCX block direction in LibreOffice', () => {
  it.skipIf(!haveTools)(`reads an English paragraph of an Arabic edition left to right, its full stop after "2022"${haveTools ? '' : ' (skipped: soffice or pdftotext not installed)'}`, async () => {
    // The full stop joins the word it is drawn beside.
    const drawn = await drawnWords(demo(arabic.replace('ألغيت عقوبة الإعدام.', 'ألغيت عقوبة الإعدام.\n\nAmnesty International, “Shoot without warning”, 7 January 2022.'), 'ar'));
    expect(drawn).toContain('Amnesty');
    expect(drawn).toContain('2022.');
    expect(drawn).not.toContain('.Amnesty');
  }, 120_000);
});

describe('DOCX list numbers in LibreOffice', () => {
  it.skipIf(!haveTools)(`sets "100." within the column, in the face that stands in for Noto Serif${haveTools ? '' : ' (skipped: soffice or pdftotext not installed)'}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-docx-numbers-'));
    const items = Array.from({ length: 11 }, (_, i) => `${95 + i}. item ${95 + i}`).join('\n');
    writeFileSync(join(dir, 'numbers.docx'), await render(demo(nested.replace('Last words.', `Last words.\n\n${items}`))));
    run(soffice, ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'numbers.docx')]);
    const boxes = run('pdftotext', ['-bbox', join(dir, 'numbers.pdf'), '-']);
    const left = (word: string) => Number(new RegExp(`<word xMin="([\\d.]+)"[^>]*>${word.replace('.', '\\.')}</word>`).exec(boxes)?.[1] ?? NaN);
    // The page's left margin, 62 pt; 3 pt of overhang allowed (the Word writer estimates widths).
    for (const n of ['95.', '99.', '100.', '105.']) expect(left(n), n).toBeGreaterThanOrEqual(59);
  }, 120_000);

  it.skipIf(!haveTools)(`sets a right-to-left list's numbers within the column, a little before the text${haveTools ? '' : ' (skipped: soffice or pdftotext not installed)'}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-docx-numbers-rtl-'));
    const items = Array.from({ length: 11 }, (_, i) => `${95 + i}. بند رقم ${95 + i}`).join('\n');
    const short = '1. بند أول\n2. بند ثان';
    writeFileSync(join(dir, 'numbers.docx'), await render(demo(arabic.replace('ألغيت عقوبة الإعدام.', `ألغيت عقوبة الإعدام.\n\n${items}\n\nبين القائمتين.\n\n${short}`), 'ar')));
    run(soffice, ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'numbers.docx')]);
    const boxes = [...run('pdftotext', ['-bbox', join(dir, 'numbers.pdf'), '-']).matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)]
      .map((m) => ({ from: Number(m[1]), y: Number(m[2]), to: Number(m[3]), text: m[4]! }));
    // The column's right edge: where the right-to-left text ends (the summary's first word).
    const edge = boxes.find((b) => b.text === 'صخلم')!.to;
    // A number is drawn as its digits and its full stop (two words for pdftotext, which gives
    // Arabic words reversed): the rightmost word of its digits on an item's line ("بند", reversed),
    // not the same digits in the item's text.
    const item = (b: { y: number }) => boxes.some((x) => x.text === 'دنب' && Math.abs(x.y - b.y) < 1);
    const number = (n: number) => boxes.filter((b) => b.text === String(n) && b.from > 300 && item(b)).reduce((a, b) => (b.to > a.to ? b : a));
    const numberEnd = (n: number) => number(n).to;
    const textEnd = (n: number) => Math.max(...boxes.filter((b) => Math.abs(b.y - number(n).y) < 1 && b !== number(n) && b.text !== '.').map((b) => b.to));
    for (const n of [1, 2, 95, 99, 100, 105]) {
      // 3 pt of overhang allowed, as on the left.
      expect(numberEnd(n), `${n}.`).toBeLessThanOrEqual(edge + 3);
      // The item's text ends before its number, a space apart.
      expect(textEnd(n), `${n}.`).toBeLessThan(numberEnd(n) - 8);
    }
    // The text of a list's items starts at one edge, past its widest number.
    expect(new Set([95, 99, 100, 105].map((n) => Math.round(textEnd(n)))).size).toBe(1);
  }, 120_000);
});

describe('DOCX picture in a note, in LibreOffice', () => {
  const tools = has(soffice) && has('pdfimages');
  it.skipIf(!tools)(`draws it${tools ? '' : ' (skipped: soffice or pdfimages not installed)'}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-docx-note-picture-'));
    writeFileSync(join(dir, 'note.docx'), await render(noteWithPicture()));
    run(soffice, ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'note.docx')]);
    // pdfimages lists each picture drawn: the note's 4×2 chart, the only one of the document.
    const listed = run('pdfimages', ['-list', join(dir, 'note.pdf')]).split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(listed).toHaveLength(1);
    expect(listed[0]!.trim().split(/\s+/).slice(3, 5)).toEqual(['4', '2']);
  }, 120_000);
});

describe('DOCX contents in LibreOffice', () => {
  // The number cached in each PAGEREF is an estimate that Word replaces on opening; how close it
  // comes depends on the fonts a machine has, so its accuracy is measured by the benchmark
  // (`npm run bench`), not asserted here. What a reader must see anywhere: an entry per section,
  // each with a page number of the document, in reading order, and every heading in the document.
  it.skipIf(!haveTools)(`shows an entry with a page number for each section${haveTools ? '' : ' (skipped: soffice or pdftotext not installed)'}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-docx-toc-'));
    const report = await seedReport();
    writeFileSync(join(dir, 'seed.docx'), await render(report));
    run(soffice, ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'seed.docx')]);
    // pdftotext ends each page with a form feed.
    const pages = run('pdftotext', ['-layout', join(dir, 'seed.pdf'), '-']).split('\f').filter((p) => p.trim() !== '');
    const lines = pages.map((page) => page.split('\n').map((line) => line.trim()));
    const contentsPage = lines.findIndex((page) => page.includes(writerContext(report).labels.contents));
    expect(contentsPage).toBeGreaterThanOrEqual(0);
    let previous = 1;
    for (const section of report.sections) {
      const entry = lines[contentsPage].find((line) => line.startsWith(section.titleText) && /\.{3,}\s*\d+$/.test(line));
      expect(entry, `contents entry for ${section.id}`).toBeDefined();
      const shown = Number(/(\d+)$/.exec(entry!)![1]);
      expect(shown, section.id).toBeGreaterThanOrEqual(previous);
      expect(shown, section.id).toBeLessThanOrEqual(pages.length);
      previous = shown;
      const headingPage = lines.findIndex((page, i) => page.some((line, j) => line === section.titleText && (i !== contentsPage || j > page.indexOf(entry!))));
      expect(headingPage, `heading of ${section.id}`).toBeGreaterThanOrEqual(0);
    }
  }, 120_000);
});
