// Line breaking under pressure: a word of 100,000 letters stays inside the measure with every
// letter kept, in order; names and URLs are cut by the emergency pass only when nothing else sets
// the paragraph, a URL with no hyphen printed; table columns get their longest word; no empty line
// after a closing line break; a page's notes in number order.
import { describe, expect, it } from 'vitest';
import { layoutReport } from '../src/render/pdf/layout.ts';
import { columnGroups, columnWidths } from '../src/render/fragment/columns.ts';
import type { PdfLayout } from '../src/render/pdf/types.ts';
import { planYaml, reportFrom, writerContext } from './helpers.ts';

const bodyLines = (layout: PdfLayout) => layout.pages.flatMap((p) => p.lines.filter((l) => l.kind === 'body'));
const textOf = (line: { box: { runs: { glyphs: { text: string }[] }[] } }): string => line.box.runs.flatMap((r) => r.glyphs.map((g) => g.text)).join('');

function layout(body: string, marginRight?: number): PdfLayout & { bottom: number } {
  const md = `---\ntitle: Breaking\n---\n\nSummary.\n\n## Background\n\n${body}\n\n## Death penalty\n\nText.\n`;
  const report = reportFrom(md, { reportYaml: planYaml(['background', 'death-penalty']) });
  const ctx = writerContext(report);
  const page = marginRight ? { ...ctx.theme.page, margin: { ...ctx.theme.page.margin, right: marginRight } } : ctx.theme.page;
  return { ...layoutReport(report, { ...ctx, theme: { ...ctx.theme, page } }), bottom: page.height - page.margin.bottom };
}

describe('line breaking under pressure', () => {
  it('sets a word of 100,000 letters within the measure, every letter in order', () => {
    let word = '';
    for (let i = 0; i < 100_000; i++) word += 'abcdefghijklmnopqrstuvwxyz'[(i * 7) % 26];
    const l = layout(`Before ${word} after.`);
    const lines = bodyLines(l);
    for (const line of lines) {
      expect(line.box.width).toBeLessThanOrEqual(l.measure + 0.01);
      expect(line.y).toBeLessThanOrEqual(l.bottom);
    }
    // Every letter, in order, between the words around it (compared as a flag: the word is long).
    const text = lines.map(textOf).join('');
    const from = text.indexOf('Before') + 'Before'.length;
    expect(text.slice(from).trimStart().startsWith(word)).toBe(true);
    expect(text.slice(from).trimStart().slice(word.length).trimStart().startsWith('after.')).toBe(true);
    // Lines of the word end close to the measure: it is cut in fine slices, not whole lines.
    const inner = lines.slice(2, -2);
    expect(inner.length).toBeGreaterThan(500);
    for (const line of inner) expect(line.box.width).toBeGreaterThan(l.measure * 0.9);
  });

  it('sets within the measure a word with no break point whose pieces each fit: letters around a sign, a word in two styles', () => {
    // Letters either side of "*" are shaped apart, as are the bold and plain halves: no piece is
    // wider than the line, the word is, and it has no break point of its own.
    const signed = `${'w'.repeat(11)}*${'w'.repeat(58)}`;
    const styled = `**${'w'.repeat(40)}**${'w'.repeat(40)}`;
    const l = layout(`Before ${signed} and ${styled} after[^n].\n\n[^n]: Note ${signed}.`);
    const lines = l.pages.flatMap((p) => p.lines.filter((x) => x.kind === 'body' || x.kind === 'note'));
    for (const line of lines) expect(line.box.width).toBeLessThanOrEqual(l.measure + 0.01);
    const text = lines.map(textOf).join('');
    expect(text).toContain(`Before ${signed} and ${'w'.repeat(80)} after`);
    expect(text).toContain(`Note ${signed}.`);
  });

  it('cuts names and URLs in a narrow column only, a URL with no hyphen printed', () => {
    const words = 'Kazakhstan Taldykorgan Zhanaozenmunicipality see https://www.amnesty.org/en/documents/eur57/6339/2022/en/ and more words follow here.';
    // The hyphen Folio inserts: a glyph standing for no text.
    const endsCut = (line: PdfLayout['pages'][number]['lines'][number]): boolean => {
      const glyphs = line.box.runs.flatMap((r) => r.glyphs);
      return glyphs[glyphs.length - 1]?.text === '' && glyphs[glyphs.length - 1]!.advance > 0;
    };
    // A column about 20 characters wide: nothing sets this paragraph but the emergency pass.
    const narrow = layout(words, 420);
    const lines = bodyLines(narrow);
    expect(lines.map(textOf).join('')).toContain('https://www.amnesty.org/en/documents/eur57/6339/2022/en/');
    for (const line of lines) expect(line.box.width).toBeLessThanOrEqual(narrow.measure + 0.01);
    expect(lines.some((l) => /^Kazakhstan Taldykor/.test(textOf(l)) && endsCut(l))).toBe(true);
    const url = lines.filter((l) => /amnesty|https|eur57/.test(textOf(l)));
    expect(url.length).toBeGreaterThan(1);
    for (const line of url) expect(endsCut(line)).toBe(false);
    // In a wide column nothing is cut: the names stay whole.
    const wide = bodyLines(layout(words));
    expect(wide.map(textOf).join('\n')).toContain('Kazakhstan Taldykorgan Zhanaozenmunicipality');
    expect(wide.some(endsCut)).toBe(false);
  });

  it('breaks a link of many words between its words, hyphenating them as any others, and its address shown as text only after punctuation', () => {
    const vocabulary = 'authorities detention arbitrary freedom expression assembly association journalists humanitarian government international impunity rights'.split(' ');
    const title = Array.from({ length: 60 }, (_, k) => vocabulary[(k * 7) % vocabulary.length]).join(' ');
    const address = 'https://www.amnesty.org/en/documents/eur57/6339/2022/en/';
    const l = layout(`See [${title}](https://example.org/report) and <${address}> too.`);
    const all = bodyLines(l);
    const first = all.findIndex((line) => textOf(line).startsWith('See '));
    const lines = all.slice(first, all.findIndex((line) => textOf(line).endsWith('too.')) + 1);
    const texts = lines.map(textOf);
    const known = new Set([...vocabulary, 'See', 'and', 'too.', ...address.split(/(?<=\/)/)]);
    // Every word whole, but where a line ends with a hyphen Folio printed: the word's two parts
    // then join across the break. (Cut between any two letters, "jou" ended a line, "rnalists"
    // began the next, with no hyphen.)
    texts.forEach((text, k) => {
      const words = text.split(/\s+/).filter(Boolean);
      if (lines[k]!.box.hyphenated) {
        const rest = texts[k + 1]!.split(/\s+/)[0]!;
        expect(known.has(words.pop()! + rest), `line ${k + 1}: ${text}`).toBe(true);
      }
      if (k > 0 && lines[k - 1]!.box.hyphenated) words.shift();
      for (const word of words) expect(known.has(word) || address.includes(word), `line ${k + 1}: "${word}"`).toBe(true);
    });
    expect(texts.join(' ').replace(/\s+/g, '')).toContain(title.replace(/\s+/g, '').slice(0, 40));
    for (const line of lines) expect(line.box.width).toBeLessThanOrEqual(l.measure + 0.01);
  });
});

describe('list markers', () => {
  it('change with nesting, as a browser\'s and Word\'s do: a bullet, a triangle, a dash, then a bullet again', () => {
    const l = layout('- one\n  - two\n    1. three\n       - four\n         - five');
    const lines = bodyLines(l).map(textOf);
    const marker = (word: string) => lines.find((t) => t.endsWith(word))!.slice(0, -word.length).trim();
    expect([marker('one'), marker('two'), marker('three'), marker('four'), marker('five')]).toEqual(['•', '‣', '1.', '•', '‣']);
  });

  it('keep within the column when numbers are wider than the indent ("100."), in both directions; narrower ones keep the indent', () => {
    for (const rtl of [false, true]) {
      const items = Array.from({ length: 11 }, (_, i) => `${95 + i}. item ${95 + i}`).join('\n');
      const md = `Before.\n\n${items}\n\nBetween.\n\n1. short one\n2. short two`;
      const report = reportFrom(`---\ntitle: Numbers\n---\n\nSummary.\n\n## Background\n\n${md}\n\n## Death penalty\n\nText.\n`, { lang: rtl ? 'ar' : 'en', reportYaml: planYaml(['background', 'death-penalty'], rtl ? 'ar' : 'en') });
      const ctx = writerContext(report);
      const l = layoutReport(report, ctx);
      const { margin, width } = ctx.theme.page;
      const placed = l.pages.flatMap((p) => p.lines.filter((line) => line.kind === 'body'));
      const ink = (line: (typeof placed)[number]) => line.box.runs.map((r) => ({ text: r.glyphs.map((g) => g.text).join(''), from: line.x + r.x, to: line.x + r.x + r.glyphs.reduce((w, g) => w + g.advance, 0) }));
      const lineOf = (words: string) => placed.find((p) => textOf(p).includes(words))!;
      for (const n of [95, 100, 105]) {
        const runs = ink(lineOf(`item ${n}`));
        const marker = runs.find((r) => /^\d+\.$|^\.\d+$/.test(r.text))!;
        // Within the column, give or take the 2 pt an optical margin allows.
        if (rtl) expect(marker.to, `${n}.`).toBeLessThanOrEqual(width - margin.right + 2);
        else expect(marker.from, `${n}.`).toBeGreaterThanOrEqual(margin.left - 2);
      }
      // Every item's text starts at one edge, past the widest number.
      const edges = new Set([95, 99, 100, 105].map((n) => {
        const text = ink(lineOf(`item ${n}`)).filter((r) => !/^[\d.]+$/.test(r.text));
        return Math.round((rtl ? Math.max(...text.map((r) => r.to)) : Math.min(...text.map((r) => r.from))) * 100);
      }));
      expect(edges.size).toBe(1);
      // A list whose numbers fit keeps the theme's indent.
      const short = ink(lineOf('short one')).filter((r) => !/^[\d.]+$/.test(r.text));
      const shortEdge = rtl ? Math.max(...short.map((r) => r.to)) : Math.min(...short.map((r) => r.from));
      expect(Math.abs(shortEdge - (rtl ? width - margin.right - ctx.theme.spacing.listIndent : margin.left + ctx.theme.spacing.listIndent))).toBeLessThan(0.01);
    }
  });

  it("stay at their item's edge when its first line is a nested list's, a quote's or code's: beside the nested marker, outside the bar", () => {
    for (const rtl of [false, true]) {
      const md = '- - nested first\n  - nested second\n- outer\n\n1. - ordered then bullet\n\n- > quoted in an item\n\n- ```\n  code in an item\n  ```';
      const report = reportFrom(`---\ntitle: Markers\n---\n\nSummary.\n\n## Background\n\n${md}\n\n## Death penalty\n\nText.\n`, { lang: rtl ? 'ar' : 'en', reportYaml: planYaml(['background', 'death-penalty'], rtl ? 'ar' : 'en') });
      const l = layoutReport(report, writerContext(report));
      const placed = l.pages.flatMap((p) => p.lines.filter((line) => line.kind === 'body'));
      /** The runs of the line ending with `words`, at their place on the page, start side first. */
      const runsOf = (words: string) => {
        const line = placed.find((p) => textOf(p).includes(words))!;
        return line.box.runs.map((r) => ({ text: r.glyphs.map((g) => g.text).join(''), x: line.x + r.x })).sort((a, b) => (rtl ? b.x - a.x : a.x - b.x));
      };
      // The outer items' markers, all at one place: the first level's.
      const outer = runsOf('outer')[0]!;
      expect(outer.text).toBe('•');
      for (const words of ['nested first', 'quoted in an item', 'code in an item']) {
        const runs = runsOf(words);
        expect(runs[0], words).toMatchObject({ text: '•', x: outer.x });
      }
      expect(runsOf('ordered then bullet')[0]!.text).toMatch(/^(1\.|\.1)$/);
      // The nested list's marker beside it, toward the text, one level in.
      const nested = runsOf('nested first');
      expect(nested[1]!.text).toBe(rtl ? '–' : '‣');
      expect(Math.abs(nested[1]!.x - outer.x)).toBeGreaterThan(10);
      // The quote's bar between the marker and the quoted text.
      const quoted = placed.find((p) => textOf(p).includes('quoted in an item'))!;
      const bar = l.pages.flatMap((p) => p.rules).find((r) => r.x1 === r.x2 && r.y1 <= quoted.y && r.y2 >= quoted.y);
      expect(bar).toBeDefined();
      expect(rtl ? bar!.x1 < outer.x : bar!.x1 > outer.x + 4).toBe(true);
      expect(rtl ? bar!.x1 > runsOf('quoted in an item')[1]!.x : bar!.x1 < runsOf('quoted in an item')[1]!.x).toBe(true);
    }
  });
});

describe('strike-through', () => {
  it('rules the struck words and the spaces between them, not the space after them', () => {
    const l = layout('Plain ~~struck out~~ and plain again.');
    const line = bodyLines(l).find((p) => textOf(p).includes('struck out'))!;
    const runs = line.box.runs.map((r) => ({ text: r.glyphs.map((g) => g.text).join(''), x: r.x, width: r.glyphs.reduce((w, g) => w + g.advance, 0), strike: Boolean(r.strike) }));
    const struck = runs.filter((r) => r.strike);
    expect(struck.map((r) => r.text)).toEqual(['struck out']);
    const rules = line.box.rules ?? [];
    expect(rules).toHaveLength(1);
    expect(rules[0]!.x1).toBeCloseTo(struck[0]!.x, 6);
    expect(rules[0]!.x2).toBeCloseTo(struck[0]!.x + struck[0]!.width, 6);
    // The space after "out" is drawn, unstruck, before "and".
    const after = runs.find((r) => r.text.startsWith(' and'))!;
    expect(after.strike).toBe(false);
    expect(after.x).toBeCloseTo(rules[0]!.x2, 6);
  });
});

describe('table columns', () => {
  const runsText = (line: { box: { runs: { glyphs: { text: string }[] }[] } }): string[] => line.box.runs.map((r) => r.glyphs.map((g) => g.text).join(''));
  const inserted = (line: { box: { runs: { glyphs: { inserted?: true }[] }[] } }): boolean => line.box.runs.some((r) => r.glyphs.some((g) => g.inserted));

  it('sets a table whose longest words do not fit side by side in a smaller size, not with its words cut', () => {
    const head = ['Region', 'Registrations', 'Investigations', 'Prosecutions', 'Convictions', 'Acquittals', 'Complaints', 'Outstanding'];
    const wide = `| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n| ${head.map((_, i) => String(i * 37)).join(' | ')} |`;
    const narrow = '| Year | Cases |\n|---|---|\n| 2022 | 16 |';
    const l = layout(`${narrow}\n\nText between.\n\n${wide}`);
    const lines = bodyLines(l);
    const header = lines.find((line) => runsText(line).includes('Registrations'))!;
    // Every heading whole, each in a cell of its own, on the header row's one line.
    expect(runsText(header)).toEqual(head);
    expect(lines.some(inserted)).toBe(false);
    const narrowSize = lines.find((line) => runsText(line).includes('Year'))!.box.runs[0]!.size;
    const wideSize = header.box.runs[0]!.size;
    expect(wideSize).toBeLessThan(narrowSize);
    expect(wideSize).toBeGreaterThanOrEqual((narrowSize * 0.7) / 0.9 - 0.01);
  });

  it('breaks a ragged cell between its words, never inside one, when a word fills a line alone', () => {
    const wide = `| Region | ${['2012', '2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022'].join(' | ')} |\n|---|${'---:|'.repeat(11)}\n| East Kazakhstan | ${'123,456 | '.repeat(11)}`;
    const lines = bodyLines(layout(wide));
    const cell = lines.flatMap(runsText).filter((t) => /East|Kazakhstan|Kaza/.test(t));
    expect(cell).toEqual(['East', 'Kazakhstan']);
    expect(lines.some(inserted)).toBe(false);
  });

  it('set a table too wide even at the smallest size in parts, every word whole, each part headed by the first column', () => {
    // 24 columns of words too long to stand side by side at any size a reader can read.
    const columns = 24;
    const name = (c: number) => `Column${c}`;
    const cell = (r: number, c: number) => (c === 0 ? `Row${r}` : (r + c) % 5 === 0 ? `Supercalifragilistic${r}x${c}` : `${r}x${c}`);
    const rows = [0, 1, 2, 3].map((r) => `| ${Array.from({ length: columns }, (_, c) => cell(r, c)).join(' | ')} |`);
    const md = `| ${Array.from({ length: columns }, (_, c) => name(c)).join(' | ')} |\n|${'---|'.repeat(columns)}\n${rows.join('\n')}`;
    const l = layout(md);
    const lines = bodyLines(l);
    const cells = lines.flatMap(runsText);
    // Every header and every cell whole, each in a run of its own: none cut between its letters.
    for (let c = 0; c < columns; c++) expect(cells, name(c)).toContain(name(c));
    for (const r of [0, 1, 2, 3]) for (let c = 0; c < columns; c++) expect(cells, cell(r, c)).toContain(cell(r, c));
    expect(lines.some(inserted)).toBe(false);
    for (const line of lines) expect(line.box.width).toBeLessThanOrEqual(l.measure + 0.01);
    // In parts: each header row starts with the first column's name, and holds the columns after
    // the previous part's, in order.
    const headers = lines.map(runsText).filter((runs) => runs[0] === name(0));
    expect(headers.length).toBeGreaterThan(2);
    expect(headers.flatMap((runs) => runs.slice(1))).toEqual(Array.from({ length: columns - 1 }, (_, c) => name(c + 1)));
    // So is each row: its name first in every part.
    expect(lines.map(runsText).filter((runs) => runs[0] === 'Row2')).toHaveLength(headers.length);
    // Every part in one size.
    expect(new Set(lines.filter((line) => runsText(line)[0]?.startsWith('Row')).map((line) => line.box.runs[0]!.size)).size).toBe(1);
  });

  it('cut only the word wider than the page, leaving the columns beside it their words whole', () => {
    const giant = 'x'.repeat(300);
    const url = `https://example.org/${'very/'.repeat(12)}end`;
    const l = layout(`| Source | Account | Note |\n|---|---|---|\n| ${url} | ${giant} | Unconfirmed |`);
    const lines = bodyLines(l);
    const cells = lines.flatMap(runsText);
    // The URL breaks only after its slashes, the third column's word not at all.
    expect(cells).toEqual(expect.arrayContaining(['https://', 'example.org/', 'Unconfirmed']));
    expect(cells.filter((t) => t.includes('very')).every((t) => /^(very\/)+(end)?$/.test(t))).toBe(true);
    // The giant word is cut between its letters, every one kept, inside the measure.
    expect(cells.filter((t) => /^x+$/.test(t)).join('')).toBe(giant);
    for (const line of lines) expect(line.box.width).toBeLessThanOrEqual(l.measure + 0.01);
  });

  it('repeat no first column that refers to a note: a note is referred to once', () => {
    const columns = 24;
    const head = `| ${Array.from({ length: columns }, (_, c) => `Column${c}`).join(' | ')} |\n|${'---|'.repeat(columns)}`;
    const row = `| Noted[^n] | ${Array.from({ length: columns - 1 }, (_, c) => `Supercalifragilistic${c}`).join(' | ')} |`;
    const l = layout(`${head}\n${row}\n\n[^n]: The note.`);
    const cells = bodyLines(l).flatMap(runsText);
    expect(cells.filter((t) => t === 'Noted')).toHaveLength(1);
    expect(cells.filter((t) => t === 'Column0')).toHaveLength(1);
    for (let c = 0; c < columns - 1; c++) expect(cells).toContain(`Supercalifragilistic${c}`);
    expect(l.pages.flatMap((p) => p.lines.filter((x) => x.kind === 'note')).map(textOf).join(' ')).toContain('The note.');
  });

  it('in groups of columns that fit, as even as their number allows, the first column repeated only when narrow', () => {
    const covers = (groups: number[][], from: number) => groups.flatMap((g) => g.slice(from));
    // Ten columns of 30 in a room of 100: the first (30) heads each group of two more.
    const even = columnGroups(Array(10).fill(30), 100, true);
    expect(even).toEqual([[0, 1, 2], [0, 3, 4], [0, 5, 6], [0, 7, 8], [0, 9]]);
    // Filled in turn, the groups would be [40, 40], [50, 50], [30]; as even, the widest is 80, not
    // 100, with as many groups.
    expect(columnGroups([40, 40, 50, 50, 30], 100, false)).toEqual([[0, 1], [2], [3, 4]]);
    // A first column wider than a third of the room is not repeated; nor when not asked.
    expect(covers(columnGroups([40, 30, 30, 30, 30], 100, true), 0)).toEqual([0, 1, 2, 3, 4]);
    expect(covers(columnGroups(Array(6).fill(30), 100, false), 0)).toEqual([0, 1, 2, 3, 4, 5]);
    // A column wider than the room has a group of its own.
    expect(columnGroups([20, 150, 20], 100, true)).toEqual([[0, 1], [0, 2]]);
  });

  it('are never narrower than their longest word while the words fit', () => {
    const widths = columnWidths([{ min: 200, max: 210 }, { min: 20, max: 600 }], 400);
    expect(widths[0]).toBeGreaterThanOrEqual(200);
    expect(widths[0]! + widths[1]!).toBeCloseTo(400);
    // Both fit on one line: each its longest line, the rest shared in proportion.
    expect(columnWidths([{ min: 10, max: 100 }, { min: 10, max: 100 }], 400)).toEqual([200, 200]);
    // Longest words wider than the measure: the widest cut to one width, the others whole.
    expect(columnWidths([{ min: 300, max: 300 }, { min: 100, max: 100 }], 200)).toEqual([100, 100]);
    expect(columnWidths([{ min: 60, max: 900 }, { min: 2000, max: 2000 }], 480)).toEqual([60, 420]);
    expect(columnWidths([{ min: 50, max: 50 }, { min: 300, max: 300 }, { min: 200, max: 200 }], 350)).toEqual([50, 150, 150]);
    expect(columnWidths([{ min: 300, max: 300 }, { min: 300, max: 300 }], 400)).toEqual([200, 200]);
  });
});

describe('quotes nested past the room for their bars', () => {
  it('draw no bar across their text', () => {
    const l = layout(`${'> '.repeat(46)}Deeply quoted words that must still be printed somewhere on the page, every one of them.`);
    const page = l.pages.find((p) => p.lines.some((line) => textOf(line).includes('Deeply')))!;
    const quoted = page.lines.filter((line) => line.kind === 'body' && /Deeply|printed|them\./.test(textOf(line)));
    const bars = page.rules.filter((r) => r.x1 === r.x2);
    expect(quoted.length).toBeGreaterThan(1);
    // The outer quotes' bars are drawn, beside the text.
    expect(bars.length).toBeGreaterThan(5);
    for (const line of quoted) {
      const left = line.x + Math.min(...line.box.runs.map((r) => r.x));
      const across = bars.filter((b) => b.y1 <= line.y && b.y2 >= line.y - line.box.ascent && b.x1 > left - 2);
      expect(across.map((b) => b.x1 - left)).toEqual([]);
    }
  });
});

describe('line and note order', () => {
  it('sets no empty line for a line break with only spaces after it, at a paragraph end', () => {
    // A code span ending in a newline: its break would otherwise leave an empty last line, which
    // the total-fit breaker cannot set and retries ever looser (minutes on a long paragraph).
    const lines = bodyLines(layout('Words before ``code text\n   ``'));
    const texts = lines.map(textOf);
    const at = texts.findIndex((t) => t.includes('code text'));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(texts[at + 1]).toBe('Text.');
  });

  it('lists a page’s notes by number when a table row meets them out of order', () => {
    // Column 3 wraps, so note a (number 1) sits on the row's second line, note b (2) on its first.
    const words = Array.from({ length: 30 }, (_, k) => `w${k}`).join(' ');
    const l = layout(`| a | b | c | d |\n| --- | --- | --- | --- |\n| x | y | ${words}[^a] | z[^b] |\n\n[^a]: Note a.\n[^b]: Note b.`);
    const page = l.pages.find((p) => p.notes.length > 0)!;
    expect(page.notes).toEqual(['fn-1', 'fn-2']);
  });
});

describe('a heading at the foot of a page', () => {
  it('keeps two lines of what follows, when that is a list of one-line items or one-line paragraphs', () => {
    // One-line paragraphs push the heading down a line at a time, past every point of the page's
    // foot; what follows it holds nothing together itself (each item, each paragraph one line).
    const failures: string[] = [];
    let headingsAtFoot = 0;
    for (const after of ['- [x] first task\n- [ ] second task\n- third item', 'One line.\n\nAnother line.\n\nA third line.']) {
      for (let filler = 10; filler < 70; filler++) {
        const lines = Array.from({ length: filler }, (_, i) => `Filler line ${i + 1}.`).join('\n\n');
        const l = layout(`${lines}\n\n### The heading\n\n${after}\n\nClosing paragraph.`);
        l.pages.forEach((page) => {
          const body = page.lines.filter((line) => line.kind === 'body' || line.kind === 'heading');
          const at = body.findIndex((line) => textOf(line) === 'The heading');
          if (at < 0) return;
          if (body.length - at - 1 < 4) headingsAtFoot++;
          if (body.length - at - 1 < 2) failures.push(`${filler} lines before: the heading ends page ${page.number} above ${body.length - at - 1} line(s)`);
        });
      }
    }
    expect(failures).toEqual([]);
    // Some of these put the heading near a page's foot, so the rule is exercised.
    expect(headingsAtFoot).toBeGreaterThan(0);
  });
});
