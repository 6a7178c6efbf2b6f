// Words in another script than the edition's say their language in every format: the PDF on a
// Span (/Lang, test/pdf-tagged.test.ts), the web page with `lang` (WCAG's language of parts), the
// Word file on their runs (w:lang). A screen reader switches voice on it; Word checks spelling in it.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { foreignLanguage, languageStretches } from '../src/model/language.ts';
import { renderDocx } from '../src/render/docx/index.ts';
import { renderHtml } from '../src/render/html/index.ts';
import { reportData } from '../src/render/json/index.ts';
import { planYaml, reportFrom, writerContext } from './helpers.ts';

const sentence = 'The capital was renamed Нұр-Сұлтан in 2019, the protesters chanted «Свобода слова!», and the report calls the country كازاخستان in Arabic.';
const english = `---\ntitle: Demo\n---\n\nSummary.\n\n## Background {#background}\n\n${sentence}\n\nRun \`Казахстан --help\` to see.\n`;
const arabic = `---\ntitle: نموذج\n---\n\nملخص.\n\n## الخلفية {#background}\n\nقالت السلطات «Свобода» في Almaty.\n`;

describe('the language of words in another script', () => {
  it('is given to each stretch from its first letter to its last, Latin and the edition\'s own script left alone', () => {
    const stretches = languageStretches(sentence, foreignLanguage('en')).filter((s) => s.lang !== undefined);
    expect(stretches).toEqual([
      { text: 'Нұр-Сұлтан', lang: 'kk' },
      { text: 'Свобода слова', lang: 'ru' },
      { text: 'كازاخستان', lang: 'ar' },
    ]);
    // Together, the whole text.
    expect(languageStretches(sentence, foreignLanguage('en')).map((s) => s.text).join('')).toBe(sentence);
    // Cyrillic in a Russian edition, Latin in an Arabic one: the edition's reader's own.
    expect(languageStretches('Свобода слова', foreignLanguage('ru'))).toEqual([{ text: 'Свобода слова' }]);
    expect(languageStretches('في Almaty.', foreignLanguage('ar'))).toEqual([{ text: 'في Almaty.' }]);
    expect(languageStretches('', foreignLanguage('en'))).toEqual([]);
  });

  it('is marked on the web page and in the data file, not inside code', () => {
    const report = reportFrom(english, { reportYaml: planYaml(['background']) });
    const html = renderHtml(report, writerContext(report));
    expect(html).toContain('renamed <span lang="kk">Нұр-Сұлтан</span> in 2019, the protesters chanted «<span lang="ru">Свобода слова</span>!», and the report calls the country <span lang="ar">كازاخستان</span> in Arabic.');
    expect(html).toContain('<code dir="ltr">Казахстан --help</code>');
    const data = reportData(report, writerContext(report)) as { sections: { html: string }[] };
    expect(data.sections[0]!.html).toContain('<span lang="ru">Свобода слова</span>');
    const ar = reportFrom(arabic, { lang: 'ar', reportYaml: planYaml(['background'], 'ar') });
    expect(renderHtml(ar, writerContext(ar))).toContain('قالت السلطات «<span lang="ru">Свобода</span>» في Almaty.');
  });

  it('is marked on the Word file\'s runs, a right-to-left language as the complex script\'s', async () => {
    const report = reportFrom(english, { reportYaml: planYaml(['background']) });
    const xml = strFromU8(unzipSync(await renderDocx(report, writerContext(report)))['word/document.xml']!);
    const run = (lang: string, text: string) => `<w:r><w:rPr>${lang}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
    expect(xml).toContain(`<w:t xml:space="preserve">The capital was renamed </w:t></w:r>${run('<w:lang w:val="kk"/>', 'Нұр-Сұлтан')}`);
    expect(xml).toContain(run('<w:lang w:val="ru"/>', 'Свобода слова'));
    expect(xml).toContain(run('<w:lang w:bidi="ar"/>', 'كازاخستان'));
    // Code is not marked.
    expect(xml).toMatch(/<w:t xml:space="preserve">Казахстан --help<\/w:t>/);
    expect(xml).not.toMatch(/<w:lang[^>]*\/><\/w:rPr><w:t xml:space="preserve">Казахстан --help/);
    const ar = reportFrom(arabic, { lang: 'ar', reportYaml: planYaml(['background'], 'ar') });
    const arXml = strFromU8(unzipSync(await renderDocx(ar, writerContext(ar)))['word/document.xml']!);
    expect(arXml).toContain(run('<w:lang w:val="ru"/>', 'Свобода'));
  });
});
