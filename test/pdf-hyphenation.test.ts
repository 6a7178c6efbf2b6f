// Line breaking and hyphenation in print: names are not cut, US patterns for English, a soft hyphen
// from the source is a break with a printed hyphen, and the hyphen Folio inserts extracts as
// nothing while a hyphen of the source stays.
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/render/pdf/index.ts';
import { syllables } from '../src/render/pdf/hyphenate.ts';
import type { PdfLayout } from '../src/render/pdf/types.ts';
import { layoutReport } from '../src/render/pdf/layout.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { has, loadReports, planYaml, reportFrom, run, writerContext } from './helpers.ts';
import { hyphenation, seedEdition, writeProject } from './stress.ts';

const lineText = (layout: PdfLayout): string[] =>
  layout.pages.flatMap((p) => p.lines.filter((l) => l.kind === 'body').map((l) => l.box.runs.flatMap((r) => r.glyphs.map((g) => g.text || (g.advance > 0 ? '¬' : ''))).join('')));

describe('hyphenation', () => {
  it('hyphenates at most 8% of the line ends of an 80-page edition, never two lines in a row, spaces within the tolerance', () => {
    const { markdown, sections } = seedEdition(80);
    const dir = writeProject(markdown, sections);
    const report = loadReports(dir)[0]!;
    const layout = layoutReport(report, writerContext(report, dir));
    const h = hyphenation(layout);
    expect(h.lines).toBeGreaterThan(2500);
    expect(h.hyphenated / h.lines).toBeLessThanOrEqual(0.08);
    expect({ pairs: h.pairs, stacks: h.stacks }).toEqual({ pairs: 0, stacks: 0 });
    // Fewer hyphens must not come from spacing lines out past the tolerance (twice a space).
    let widest = 0;
    for (const page of layout.pages) {
      for (const line of page.lines.filter((l) => l.kind === 'body')) {
        for (const run of line.box.runs) for (const g of run.glyphs) if (g.text === ' ') widest = Math.max(widest, g.advance / run.size);
      }
    }
    expect(widest).toBeGreaterThan(0.26);
    expect(widest).toBeLessThanOrEqual(0.26 * 2.05);
  }, 60_000);

  it('leaves capitalised words whole and uses the US patterns for English', () => {
    expect(syllables('Taldykorgan', 'en')).toEqual(['Taldykorgan']);
    expect(syllables('Democratic', 'en')).toEqual(['Democratic']);
    expect(syllables('arrested', 'en').join('-')).not.toBe('arres-ted');
    expect(syllables('determined', 'en').join('-')).not.toContain('determ-ined');
  });

  it('breaks at a soft hyphen with a printed hyphen that extracts as nothing, joining the word again, and keeps source hyphens', async () => {
    // A column of one long word per line, so the soft hyphen must be used.
    const word = 'Zhanaozenmunicipality\u00adadministration';
    const md = `---\ntitle: Soft\n---\n\nSummary.\n\n## Background\n\n${Array.from({ length: 12 }, () => word).join(' ')} Nur-Sultan.\n\n## Death penalty\n\nText.\n`;
    const report = reportFrom(md, { reportYaml: planYaml(['background', 'death-penalty']) });
    const ctx = writerContext(report);
    const { layout, data } = await renderPdf(report, { ...ctx, theme: { ...ctx.theme, page: { ...ctx.theme.page, margin: { ...ctx.theme.page.margin, right: 380 } } } });
    const lines = lineText(layout);
    // Somewhere a line ends at the soft hyphen with the inserted hyphen (¬ here: a glyph with no text).
    expect(lines.some((l) => l.endsWith('Zhanaozenmunicipality¬'))).toBe(true);
    expect(lines.join(' ')).not.toContain('\u00ad');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: data.slice(), verbosity: 0 }).promise;
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      text += content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('');
    }
    expect(text).toContain('Zhanaozenmunicipality\nadministration');
    expect(text).not.toContain('Zhanaozenmunicipality-');
    expect(text.replace(/\n/g, '')).toContain('Nur-Sultan');
    // PDFium (Chrome, Edge) reads the inserted hyphen as its line-end hyphen mark, U+FFFE, which
    // Chrome removes when text is copied or searched: the word is whole, with no line break in it.
    const { PDFiumLibrary } = await import('@hyzyla/pdfium');
    const library = await PDFiumLibrary.init();
    const pdfium = await library.loadDocument(data.slice());
    const chrome = [...pdfium.pages()].map((p) => p.getText()).join('\n');
    pdfium.destroy();
    library.destroy();
    expect(chrome).toContain('Zhanaozenmunicipality\ufffeadministration');
    expect(chrome.replace(/\ufffe/g, '')).not.toMatch(/Zhanaozenmunicipality[^a]/);
    expect(chrome.replace(/\s+/g, ' ')).toContain('Nur-Sultan');
    // poppler (pdftotext, Evince, Okular) removes a hyphen ending a line and joins the word.
    if (!has('pdftotext')) {
      console.warn('skipped the pdftotext half of the soft hyphen test: pdftotext (poppler-utils) is not installed');
      return;
    }
    const file = join(mkdtempSync(join(tmpdir(), 'folio-hyphen-')), 'soft.pdf');
    writeFileSync(file, data);
    const poppler = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(poppler.split(/\s+/).filter((w) => w.startsWith('Zhanaozen'))).toEqual(Array(12).fill('Zhanaozenmunicipalityadministration'));
    expect(poppler.replace(/\s+/g, ' ')).toContain('Nur-Sultan');
  });
});
