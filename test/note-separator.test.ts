// Notes cited one right after another (`[^1][^2][^3]`): printed 1,2,3 in every format, not 123,
// which a reader takes for note 123. The separator is the language's (templates/labels), a comma
// unless the labels say otherwise; the Arabic edition prints the Arabic comma, and its numbers stay
// in reading order in a right-to-left line.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { FootnoteReference } from 'mdast';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/model/types.ts';
import { eachNode } from '../src/model/walk.ts';
import { renderDocx } from '../src/render/docx/index.ts';
import { renderHtml } from '../src/render/html/index.ts';
import { reportData } from '../src/render/json/index.ts';
import { renderPdf } from '../src/render/pdf/index.ts';
import { readPdf } from '../src/render/pdf/read.ts';
import { loadFace } from '../src/render/pdf/fonts.ts';
import { shapeText } from '../src/render/pdf/shape.ts';
import { createContext } from '../src/pipeline/context.ts';
import { check } from '../src/pipeline/check.ts';
import { fixedDate, planYaml, reportFrom, templatesDir, tempProject, writerContext } from './helpers.ts';

const plan = planYaml(['background', 'death-penalty']);

const english = `---\ntitle: Kazakhstan 2022\n---\n\nSummary.\n\n## Background {#background}\n\nProtests followed.[^a][^b][^c] Then more.[^d] And [^a] [^d] apart.\n\n## Death penalty {#death-penalty}\n\nAbolished.\n\n[^a]: First.\n\n[^b]: Second.\n\n[^c]: Third.\n\n[^d]: Fourth.\n`;

const arabic = `---\ntitle: كازاخستان 2022\n---\n\nملخص.\n\n## خلفية {#background}\n\nاندلعت احتجاجات في أنحاء كازاخستان.[^a][^b][^c] ثم المزيد.\n\n## عقوبة الإعدام {#death-penalty}\n\nألغت كازاخستان عقوبة الإعدام.\n\n[^a]: الأولى.\n\n[^b]: الثانية.\n\n[^c]: الثالثة.\n`;

function references(report: Report): FootnoteReference[] {
  const found: FootnoteReference[] = [];
  for (const section of report.sections) {
    eachNode(section.blocks, (node) => {
      if (node.type === 'footnoteReference') found.push(node);
    });
  }
  return found;
}

/** The first cluster of note numbers in the text, left to right as drawn: the superscript glyphs
 * on the line of the first reference (a link in a paragraph), up to the first gap between them. */
async function drawnReferences(data: Uint8Array): Promise<string> {
  const glyphs = (await readPdf(data)).pages.flatMap((p) => p.glyphs);
  const first = glyphs.find((g) => /^[0-9]$/.test(g.text) && g.roles[0] === 'Link' && g.roles[1] === 'P')!;
  const line = glyphs.filter((g) => Math.abs(g.y - first.y) < 0.5 && g.size === first.size).sort((a, b) => a.x - b.x);
  const cluster = [line[0]!];
  for (const g of line.slice(1)) {
    const last = cluster[cluster.length - 1]!;
    if (g.x - (last.x + last.width) > 1) break;
    cluster.push(g);
  }
  return cluster.map((g) => g.text).join('');
}

describe('note references written one right after another', () => {
  it('marks each reference that directly follows another, and no other', () => {
    const report = reportFrom(english, { reportYaml: plan });
    expect(references(report).map((r) => `${r.data?.number}${r.data?.follows ? '+' : ''}`)).toEqual(['1', '2+', '3+', '4', '1', '4']);
  });

  it('separates them on the web page and in the data file, the separator not read out', () => {
    const report = reportFrom(english, { reportYaml: plan });
    const ctx = writerContext(report);
    const html = renderHtml(report, ctx);
    const sup = (n: number, separator: string) => `<sup class="note-ref">${separator}<a href="#fn-${n}" id="fnref-${n}" dir="ltr" aria-label="Note ${n}">${n}</a></sup>`;
    const comma = '<span aria-hidden="true">,</span>';
    expect(html).toContain(`followed.${sup(1, '')}${sup(2, comma)}${sup(3, comma)} Then more.${sup(4, '')}`);
    // Apart, nothing is added between them.
    expect(html).toContain('And <sup class="note-ref"><a href="#fn-1" id="fnref-1-2"');
    expect(html).not.toContain(`</sup> <sup class="note-ref">${comma}`);
    const data = reportData(report, ctx) as { sections: { html: string }[] };
    expect(data.sections[0]!.html).toContain(`${sup(2, comma)}${sup(3, comma)}`);
  });

  it('prints 1,2,3 in the PDF, the commas raised as the numbers and outside their links', async () => {
    const report = reportFrom(english, { reportYaml: plan });
    const { data } = await renderPdf(report, writerContext(report));
    expect(await drawnReferences(data)).toBe('1,2,3');
    // Raised and small as the numbers, in the paragraph, not in a link to a note.
    const glyphs = (await readPdf(data)).pages.flatMap((p) => p.glyphs);
    const two = glyphs.find((g) => g.text === '2' && g.roles[0] === 'Link' && g.roles[1] === 'P')!;
    const commas = glyphs.filter((g) => g.text === ',' && g.y === two.y && g.size === two.size);
    expect(commas).toHaveLength(2);
    for (const comma of commas) expect(comma.roles[0]).toBe('P');
  });

  it('sets them right to left in Arabic, the first note rightmost, with the Arabic comma', async () => {
    const report = reportFrom(arabic, { reportYaml: plan.replace('original: en', 'original: ar'), lang: 'ar' });
    const { layout } = await renderPdf(report, writerContext(report));
    // In a right-to-left line, note numbers are marks that extractors are not given (paragraph.ts):
    // read the raised runs' glyphs as laid out, left to right, against the face's own glyphs.
    const line = layout.pages.flatMap((p) => p.lines).find((l) => l.box.runs.some((r) => r.rise > 0))!;
    const raised = line.box.runs.filter((r) => r.rise > 0).sort((a, b) => a.x - b.x);
    const face = loadFace(raised[0]!.face);
    const gid = (text: string) => shapeText(face, text, false).glyphs[0]!.gid;
    expect(raised.flatMap((r) => r.glyphs.map((g) => g.gid))).toEqual(['3', '،', '2', '،', '1'].map(gid));
    // The separators are marks too: the line's text for extractors has neither them nor the numbers.
    expect(line.box.text).toContain('كازاخستان. ثم');
  });

  it('writes the separator between the Word footnote references, in their style', async () => {
    const report = reportFrom(english, { reportYaml: plan });
    const xml = strFromU8(unzipSync(await renderDocx(report, writerContext(report)))['word/document.xml']!);
    const run = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t xml:space="preserve">,</w:t></w:r>';
    const ref = (id: number) => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
    const between = (a: number, b: number) => new RegExp(`${escape(ref(a))}<w:bookmarkEnd w:id="\\d+"/>${escape(run)}<w:bookmarkStart w:name="fnref-${b}" w:id="\\d+"/>${escape(ref(b))}`);
    expect(xml).toMatch(between(1, 2));
    expect(xml).toMatch(between(2, 3));
    // Note 4 follows text, and nothing is written before it.
    expect(xml).toMatch(new RegExp(`Then more\\.</w:t></w:r><w:bookmarkStart w:name="fnref-4" w:id="\\d+"/>${escape(ref(4))}`));
  });

  it('writes the Arabic comma right to left in the Arabic Word file, the first note read first', async () => {
    const report = reportFrom(arabic, { reportYaml: plan.replace('original: en', 'original: ar'), lang: 'ar' });
    const xml = strFromU8(unzipSync(await renderDocx(report, writerContext(report)))['word/document.xml']!);
    const separators = [...xml.matchAll(/<w:r><w:rPr>((?:(?!<w:r>).)*?)<\/w:rPr><w:t xml:space="preserve">،<\/w:t><\/w:r>/g)].map((m) => m[1]);
    expect(separators).toEqual(['<w:rStyle w:val="FootnoteReference"/><w:rtl/>', '<w:rStyle w:val="FootnoteReference"/><w:rtl/>']);
  });

  it('takes the separator from the labels, a comma when they do not say', async () => {
    const templates = mkdtempSync(join(tmpdir(), 'folio-templates-'));
    cpSync(templatesDir, templates, { recursive: true });
    const en = join(templates, 'labels', 'en.yaml');
    const report = reportFrom(english, { reportYaml: plan });
    const html = (labels: string) => {
      writeFileSync(en, labels);
      return renderHtml(report, createContext(report, { templatesDir: templates, sourceDir: tmpdir(), date: fixedDate }));
    };
    const original = readFileSync(en, 'utf8');
    expect(html(original.replace(/^note-separator: .*$/m, 'note-separator: "; "'))).toContain('<span aria-hidden="true">; </span><a href="#fn-2"');
    const without = original.replace(/^(# Printed between.*\n)?note-separator: .*\n/m, '');
    expect(without).not.toContain('note-separator');
    // A fresh directory, as the labels are read once a directory.
    const again = mkdtempSync(join(tmpdir(), 'folio-templates-'));
    cpSync(templates, again, { recursive: true });
    writeFileSync(join(again, 'labels', 'en.yaml'), without);
    expect(renderHtml(report, createContext(report, { templatesDir: again, sourceDir: tmpdir(), date: fixedDate }))).toContain('<span aria-hidden="true">,</span><a href="#fn-2"');
  });

  it('refuses a separator that is not text, at its line in the labels file', () => {
    const templates = mkdtempSync(join(tmpdir(), 'folio-templates-'));
    cpSync(templatesDir, templates, { recursive: true });
    const en = join(templates, 'labels', 'en.yaml');
    writeFileSync(en, readFileSync(en, 'utf8').replace(/^note-separator: .*$/m, 'note-separator: [",", ";"]'));
    const line = readFileSync(en, 'utf8').split('\n').findIndex((l) => l.startsWith('note-separator:')) + 1;
    const result = check({ sourceDir: tempProject({ 'en.md': english }, plan), templatesDir: templates });
    expect(result.exitCode).toBe(1);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.message}`)).toEqual([`${en}:${line} template:labels Label "note-separator" must be a text`]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
