// Unusual but valid Markdown goes through every writer without a crash, and every writer's output
// passes the audit (each section and note is found in what it wrote).
import { describe, expect, it } from 'vitest';
import { audit } from '../src/render/audit.ts';
import { formats, loadWriter } from '../src/render/registry.ts';
import { planYaml, reportFrom, writerContext } from './helpers.ts';

const plan = planYaml(['background']);
const cases: Record<string, string> = {
  deepQuotes: '> '.repeat(40) + 'deep',
  deepLists: Array.from({ length: 20 }, (_, i) => '  '.repeat(i) + '- item ' + i).join('\n'),
  tableInNote: 'Text.[^t]\n\n[^t]: A note\n\n    | a | b |\n    |---|---|\n    | 1 | 2 |',
  longWord: 'x'.repeat(500) + ' end',
  longUrl: 'See https://example.org/' + 'a'.repeat(300) + ' ok',
  emptyish: '\u00a0',
  manyNotes: Array.from({ length: 60 }, (_, i) => `Sentence ${i}.[^n${i}]`).join(' ') + '\n\n' + Array.from({ length: 60 }, (_, i) => `[^n${i}]: Note ${i} ` + 'word '.repeat(40)).join('\n'),
  headingsDeep: '### A\n\n#### B\n\n##### C\n\n###### D\n\ntext',
  htmlEntities: 'AT&amp;T &lt;tag&gt; &copy; &#x20AC; &#x2116;',
  rtlMixed: 'English with عربي inside and 123 numbers.',
  cyrillic: 'Казахстан — Қазақстан Республикасы',
  tabsAndBreaks: 'a\tb\\\nc  \nd',
  task: '- [ ] todo\n- [x] done',
  strike: '~~gone~~ and ***both*** and `a|b`',
  selfLink: '[to background](#background) and <https://example.org> and mail@example.org',
  noteInHeading: '### Heading with note[^h]\n\ntext\n\n[^h]: heading note',
  hugeTable: '| ' + Array.from({ length: 30 }, (_, i) => 'c' + i).join(' | ') + ' |\n|' + '---|'.repeat(30) + '\n| ' + Array.from({ length: 30 }, () => 'value').join(' | ') + ' |',
};

describe.each(Object.entries(cases))('%s', (_name, body) => {
  const report = reportFrom(`---\ntitle: Edge cases\n---\n\nSummary.\n\n## Background\n\n${body}\n`, { reportYaml: plan });
  it.each(formats)('renders as %s and passes the audit', async (format) => {
    const writer = await loadWriter(format);
    const rendered = await writer.render(report, writerContext(report));
    const found = await writer.inspect(rendered, report);
    expect(() => audit(report, format, found)).not.toThrow();
    expect(found.sections).toContain('background');
  });
});
