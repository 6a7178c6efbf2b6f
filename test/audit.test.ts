// The output audit: a writer whose output lacks a section or a note fails the edition.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { squeeze } from '../src/render/pdf/inspect.ts';
import { AuditError } from '../src/shared/errors.ts';
import { audit } from '../src/render/audit.ts';
import { htmlWriter, inspectHtml } from '../src/render/html/index.ts';
import { inspectJson, jsonWriter } from '../src/render/json/index.ts';
import { seedReport, writerContext } from './helpers.ts';

describe('output audit', () => {
  it('passes what the HTML and JSON writers produce for the seed', async () => {
    const report = await seedReport();
    for (const writer of [htmlWriter, jsonWriter]) {
      const rendered = await writer.render(report, writerContext(report));
      const found = await writer.inspect(rendered, report);
      expect(() => audit(report, writer.format, found)).not.toThrow();
    }
  });

  it('fails an HTML page that lost a section or the note text', async () => {
    const report = await seedReport();
    const html = String((await htmlWriter.render(report, writerContext(report))).data);
    const withoutSection = html.replace(/<section id="death-penalty"[\s\S]*?<\/section>/, '');
    expect(() => audit(report, 'html', inspectHtml(withoutSection, report)))
      .toThrow(new AuditError('internal error: the html writer left out section "death-penalty" of kazakhstan-2022/en; nothing of this edition was published'));
    const withoutNote = html.replace('a recipe for disaster', '');
    expect(() => audit(report, 'html', inspectHtml(withoutNote, report))).toThrow(/left out note 1/);
  });

  it('fails a JSON file that lost a section', async () => {
    const report = await seedReport();
    const data = JSON.parse(String((await jsonWriter.render(report, writerContext(report))).data));
    data.sections.pop();
    expect(() => audit(report, 'json', inspectJson(JSON.stringify(data))))
      .toThrow(/left out section "failure-to-tackle-climate-crisis"/);
  });
});

describe('the PDF audit’s letters', () => {
  it('keep every letter, mark and digit of any text, in order, and nothing else', () => {
    const kept = (text: string) => (text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]/gu) ?? []).join('');
    fc.assert(fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), (a, b) => {
      expect(squeeze(a + b)).toBe(kept(a + b));
    }), { numRuns: 2000, seed: 20261126 });
    expect(squeeze('Nur-Sultan, 2022: «Қазақстан» — كازاخستان\u0651.')).toBe('NurSultan2022Қазақстанكازاخستان\u0651');
  });
});
