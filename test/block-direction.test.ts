// A block written wholly in the other direction's scripts (an English citation in an Arabic
// edition, an Arabic slogan quoted in an English one) reads in its own direction in every format,
// its punctuation at its own ends ("2022." rather than ".2022"), and stays where the edition sets
// its blocks. An Arabic sentence that opens with a Latin name still reads right to left.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { blockDirection } from '../src/model/direction.ts';
import { renderDocx } from '../src/render/docx/index.ts';
import { renderHtml } from '../src/render/html/index.ts';
import { reportData } from '../src/render/json/index.ts';
import { renderPdf } from '../src/render/pdf/index.ts';
import { readPdf, type ReadGlyph } from '../src/render/pdf/read.ts';
import { planYaml, reportFrom, writerContext } from './helpers.ts';

const english = 'Amnesty International, “Shoot without warning”, 7 January 2022.';
const named = 'Amnesty International قالت إن الاحتجاز تعسفي.';

const arabic = `---\ntitle: نموذج\ncountry: كازاخستان\n---\n\nاندلعت احتجاجات في أنحاء البلاد، وقُتل فيها أكثر من مئتي شخص وجُرح كثيرون غيرهم في الأيام الأولى.\n\n## الخلفية {#background}\n\n${english}\n\n${named}\n\n- First item, in English.\n- بند عربي.\n\n| الاسم | Name |\n| --- | --- |\n| أستانا | Nur-Sultan. |\n\nانتهى.[^a]\n\n## Death penalty (2022) {#death-penalty}\n\nأُلغيت.\n\n[^a]: ${english}\n`;

const latin = `---\ntitle: Demo\n---\n\nSummary.\n\n## Background {#background}\n\n«لا للظلم».\n\nProtesters chanted a slogan, then dispersed.\n`;

const arabicReport = () => reportFrom(arabic, { lang: 'ar', reportYaml: planYaml(['background', 'death-penalty'], 'ar') });
const latinReport = () => reportFrom(latin, { reportYaml: planYaml(['background']) });

/** Whether a glyph draws something (not a space, nor a space carrying a bidi mark for extractors). */
const inked = (g: ReadGlyph) => g.text.replace(/[\s\p{Cf}]/gu, '') !== '';

/** The inked glyphs of the printed line holding the first glyph `first` finds, left to right:
 * lines are told apart by their baselines. */
function lineOf(glyphs: ReadGlyph[], first: (g: ReadGlyph) => boolean): ReadGlyph[] {
  const start = glyphs.find(first)!;
  return glyphs.filter((g) => Math.abs(g.y - start.y) < 0.5 && inked(g)).sort((a, b) => a.x - b.x);
}

describe('the direction of a block written in the other direction\'s scripts', () => {
  it('is the other direction only when every letter is of its scripts', () => {
    expect(blockDirection(english, 'rtl')).toBe('ltr');
    expect(blockDirection('Статья 405.', 'rtl')).toBe('ltr');
    expect(blockDirection(named, 'rtl')).toBe('rtl');
    expect(blockDirection('2022.', 'rtl')).toBe('rtl');
    expect(blockDirection('', 'rtl')).toBe('rtl');
    // A tatweel (of the Common script) and the right-to-left mark are right to left, as the bidi
    // algorithm reads them; digits and punctuation are neither.
    expect(blockDirection('wide ‚ѫэـ 2022.', 'rtl')).toBe('rtl');
    expect(blockDirection('\u200FPDF 2.0', 'rtl')).toBe('rtl');
    expect(blockDirection('١٢٣ ، 2022', 'ltr')).toBe('ltr');
    expect(blockDirection('«لا للظلم».', 'ltr')).toBe('rtl');
    expect(blockDirection('The slogan «لا للظلم».', 'ltr')).toBe('ltr');
    expect(blockDirection('7 January 2022', 'ltr')).toBe('ltr');
  });

  it('in print: an English paragraph in an Arabic edition keeps its full stop at its end, and the right edge', async () => {
    const { data } = await renderPdf(arabicReport(), writerContext(arabicReport()));
    const glyphs = (await readPdf(data)).pages.flatMap((p) => p.glyphs);
    const line = lineOf(glyphs, (g) => g.text === 'A' && g.roles.at(-1) !== 'Note');
    expect(line.map((g) => g.text).join('')).toBe(english.replace(/\s/g, ''));
    // Set where the Arabic paragraphs are: its right end on the column's right edge.
    const right = (gs: ReadGlyph[]) => Math.max(...gs.map((g) => g.x + g.width));
    const arabicLine = lineOf(glyphs, (g) => g.text === 'ن' && g.roles.includes('P'));
    expect(Math.abs(right(line) - right(arabicLine))).toBeLessThan(1);
    // The sentence opening with a Latin name reads right to left: its full stop is leftmost.
    const mixed = lineOf(glyphs, (g) => g.text === 'm' && line.every((o) => o.y !== g.y));
    expect(mixed[0]!.text).toBe('.');
    // So does the English heading, its closing bracket at its end.
    const heading = lineOf(glyphs, (g) => g.text === 'D' && g.roles[0] === 'H2');
    expect(heading.map((g) => g.text).join('')).toBe('Deathpenalty(2022)');
    // The English note reads left to right too, its number on the right as every note's is.
    const note = glyphs.filter((g) => g.roles.includes('Note') && inked(g));
    expect(lineOf(note, (g) => g.text === 'A').map((g) => g.text).join('')).toBe(`${english.replace(/\s/g, '')}.1`);
  });

  it('in print: an Arabic paragraph in an English edition keeps its full stop at its end, on the left', async () => {
    const { data } = await renderPdf(latinReport(), writerContext(latinReport()));
    const glyphs = (await readPdf(data)).pages.flatMap((p) => p.glyphs);
    const line = lineOf(glyphs, (g) => g.text === 'ظ');
    // Left to right as drawn: the full stop, then the closing guillemet (drawn mirrored, as a
    // right-to-left line draws it; extracted as the text's own character), the words, and the
    // opening one on the right.
    expect(line[0]!.text).toBe('.');
    expect(line[1]!.text).toBe('»');
    expect(line.at(-1)!.text).toBe('«');
    // Set where the English paragraphs are: from the column's left edge.
    const english = lineOf(glyphs, (g) => g.text === 'P' && g.roles.includes('P'));
    expect(Math.abs(line[0]!.x - english[0]!.x)).toBeLessThan(1);
  });

  it('on the web page and in the data file: the block\'s words are an isolate of their direction, the block is not', () => {
    const report = arabicReport();
    const html = renderHtml(report, writerContext(report));
    expect(html).toContain(`<p><span dir="ltr">${english}</span></p>`);
    expect(html).toContain(`<p>${named}</p>`);
    expect(html).toContain('<li><span dir="ltr">First item, in English.</span></li>');
    expect(html).toContain('<li>بند عربي.</li>');
    expect(html).toContain('<td><span dir="ltr">Nur-Sultan.</span></td>');
    expect(html).toContain('<td>أستانا</td>');
    expect(html).toMatch(new RegExp(`<p><span dir="ltr">${english}</span> <a class="back"`));
    expect(html).toContain('<h2 id="death-penalty-title"><span dir="ltr">Death penalty (2022)</span></h2>');
    expect(html).toContain('<a href="#death-penalty"><span dir="ltr">Death penalty (2022)</span></a>');
    const data = reportData(report, writerContext(report)) as { sections: { html: string }[] };
    expect(data.sections[0]!.html).toContain(`<p><span dir="ltr">${english}</span></p>`);
    const latinHtml = renderHtml(latinReport(), writerContext(latinReport()));
    // Its words marked Arabic too (language.test.ts), inside the isolate.
    expect(latinHtml).toContain('<p><span dir="rtl">«<span lang="ar">لا للظلم</span>».</span></p>');
    expect(latinHtml).toContain('<p>Protesters chanted');
  });

  it('in the Word file: the words between an isolate\'s marks, their runs of their own direction, the paragraph the edition\'s', async () => {
    const report = arabicReport();
    const xml = strFromU8(unzipSync(await renderDocx(report, writerContext(report)))['word/document.xml']!);
    const paragraph = xml.split('<w:p>').find((p) => p.includes('Shoot without warning'))!;
    expect(paragraph).toContain('<w:bidi/>');
    expect(paragraph).not.toContain('<w:rtl/>');
    const texts = [...paragraph.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(texts).toEqual(['\u2066', english, '\u2069']);
    // The heading, and its entry in the contents, the page number after it outside the marks.
    const heading = xml.split('<w:p>').find((p) => p.includes('Heading1') && p.includes('Death penalty'))!;
    expect(heading).toMatch(/\u2066<\/w:t><\/w:r><w:r><w:t xml:space="preserve">Death penalty \(2022\)<\/w:t><\/w:r><w:r><w:t xml:space="preserve">\u2069/);
    const entry = xml.split('<w:p>').find((p) => p.includes('TOC1') && p.includes('Death penalty'))!;
    expect(entry).toMatch(/\u2066<\/w:t><\/w:r><w:r><w:t xml:space="preserve">Death penalty \(2022\)<\/w:t><\/w:r><w:r><w:t xml:space="preserve">\u2069<\/w:t><\/w:r><w:r><w:tab\/>/);
    // The Arabic sentence opening with a Latin name has no marks.
    const mixed = xml.split('<w:p>').find((p) => p.includes('قالت'))!;
    expect(mixed).not.toMatch(/[\u2066\u2067\u2069]/);
    const latinXml = strFromU8(unzipSync(await renderDocx(latinReport(), writerContext(latinReport())))['word/document.xml']!);
    const slogan = latinXml.split('<w:p>').find((p) => p.includes('للظلم'))!;
    expect(slogan).not.toContain('<w:bidi/>');
    expect(slogan).toContain('<w:rtl/>');
    expect(slogan).toMatch(/\u2067[\s\S]*للظلم[\s\S]*\u2069/);
  });
});
