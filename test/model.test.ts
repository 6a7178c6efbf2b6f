// The model every writer reads: ids, note numbering, resolved references.
import { describe, expect, it } from 'vitest';
import { reportFrom, planYaml } from './helpers.ts';

const plan = planYaml(['background', 'freedom-of-assembly']);

describe('the Report model', () => {
  const report = reportFrom(`---
title: Model
---

Summary citing the second note first.[^later]

## Background

See [the definition][def] and ![a chart][chart]. A first note.[^first] The later note again.[^later]

### Details

### Details

## Assembly rights {#freedom-of-assembly}

Text.

[def]: https://example.org/definition "Definition"
[chart]: https://example.org/chart.png
[^first]: The first defined note.
[^later]: The note cited first.
`, { reportYaml: plan });

  it('takes ids from {#id} markers and heading slugs, and strips the marker from the title', () => {
    expect(report.sections.map((s) => [s.id, s.titleText])).toEqual([
      ['background', 'Background'],
      ['freedom-of-assembly', 'Assembly rights'],
    ]);
    expect(report.sections[1].line).toBe(15);
  });

  it('numbers notes in order of first reference and gives each reference site its own anchor', () => {
    expect(report.footnotes.map((n) => [n.identifier, n.number, n.id, n.text])).toEqual([
      ['later', 1, 'fn-1', 'The note cited first.'],
      ['first', 2, 'fn-2', 'The first defined note.'],
    ]);
    expect(report.footnotes[0].references).toEqual([
      { refId: 'fnref-1', sectionId: null },
      { refId: 'fnref-1-2', sectionId: 'background' },
    ]);
  });

  it('resolves link and image references into links and images', () => {
    const paragraph = report.sections[0].blocks[0];
    expect(paragraph.type).toBe('paragraph');
    if (paragraph.type !== 'paragraph') return;
    expect(paragraph.children[1]).toMatchObject({ type: 'link', url: 'https://example.org/definition', title: 'Definition' });
    expect(paragraph.children[3]).toMatchObject({ type: 'image', url: 'https://example.org/chart.png', alt: 'a chart' });
    expect(JSON.stringify(report)).not.toMatch(/"type":"(linkReference|imageReference|definition|footnoteDefinition)"/);
  });

  it('gives subheadings unique ids and keeps note numbers out of the plain text', () => {
    const ids = report.sections[0].blocks.filter((b) => b.type === 'heading').map((b) => b.data?.id);
    expect(ids).toEqual(['details', 'details-1']);
    expect(report.sections[0].text).toContain('A first note. The later note again.');
    expect(report.summaryText).toBe('Summary citing the second note first.');
  });

  it('records language, direction and the plan', () => {
    expect(report).toMatchObject({ lang: 'en', dir: 'ltr', isOriginal: true, meta: { title: 'Model', year: 2022, sections: ['background', 'freedom-of-assembly'] } });
    expect(report.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(reportFrom('---\ntitle: نموذج\n---\n\nملخص.\n\n## الخلفية {#background}\n\nنص.\n\n## حرية التجمع {#freedom-of-assembly}\n\nنص.\n', { lang: 'ar', reportYaml: plan.replace('original: en', 'original: ar') }))
      .toMatchObject({ lang: 'ar', dir: 'rtl' });
  });

  it('names the country as the edition does in its labels, and keeps the address from report.yaml', async () => {
    const { writerContext } = await import('./helpers.ts');
    const arabic = reportFrom('---\ntitle: كازاخستان 2022\ncountry: كازاخستان\n---\n\nملخص.\n\n## الخلفية {#background}\n\nنص.\n\n## حرية التجمع {#freedom-of-assembly}\n\nنص.\n', { lang: 'ar', reportYaml: plan.replace('original: en', 'original: ar') });
    const labels = writerContext(arabic).labels;
    expect(labels.backLink).toBe('العودة إلى كازاخستان');
    expect(labels.backLinkUrl).toBe('https://www.amnesty.org/ar/location/europe-and-central-asia/kazakhstan/');
    expect(writerContext(report).labels.backLink).toBe('Back to Kazakhstan');
  });
});
