// The page builder breaks frames, not lines: a table row is one frame, kept whole however many
// lines it has while it fits on a page, and broken between its lines (the header row set again
// above each piece) only when it is taller than a page; a heading stays with the frame after it;
// a list item's paragraphs keep their own lines together inside the item's keeps. Checked on the
// PDF: the words pdftotext finds on each page.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/model/types.ts';
import { renderPdf } from '../src/render/pdf/index.ts';
import type { PdfLayout, PlacedLine, StructNode } from '../src/render/pdf/types.ts';
import { has, loadReports, needs, run, writerContext } from './helpers.ts';
import { random, writeProject } from './stress.ts';

/** Tables whose tall row is set after a little more text each time, so that one of them meets a
 * page's foot with room for part of it. */
const TABLES = 14;
/** Words of each of the tall row's two text cells: about 22 lines in their columns. */
const ROW_WORDS = 150;
/** The row of the last table: taller than a page. */
const HUGE_WORDS = 1400;

const rnd = random(7);
const vocabulary = 'the of report rights authorities police court people were law government freedom protest detained'.split(' ');
const prose = (n: number): string => Array.from({ length: n }, () => vocabulary[Math.floor(rnd() * vocabulary.length)]).join(' ') + '.';
/** Words that say where they come from: table t, cell c, word k. */
const tokens = (t: number, c: string, n: number): string => Array.from({ length: n }, (_, k) => `t${t}${c}${k}`).join(' ');

function markdown(): string {
  const out = ['---', 'title: Frames', '---', '', prose(40), '', '## Background {#background}', ''];
  for (let t = 0; t < TABLES; t++) {
    out.push(prose(60 + t * 17), '', `### Table heading ${t}`, '');
    out.push(`| Case${t} | Account${t} | Response${t} |`, '| --- | --- | --- |');
    out.push(`| t${t}first | ${tokens(t, 'a', ROW_WORDS)} | ${tokens(t, 'b', ROW_WORDS)} |`);
    out.push(`| t${t}short | t${t}end | t${t}last |`, '');
  }
  out.push('## Death penalty {#death-penalty}', '', prose(80), '', '### Table heading huge', '');
  out.push('| Casehuge | Accounthuge | Responsehuge |', '| --- | --- | --- |');
  out.push(`| thfirst | ${tokens(99, 'a', HUGE_WORDS)} | ${tokens(99, 'b', HUGE_WORDS)} |`, '', prose(60), '');
  // List items of two paragraphs each, enough of them for pages to break inside some.
  for (let k = 0; k < 24; k++) out.push(`- i${k}p0 ${prose(45 + (k % 5) * 9)}`, '', `  i${k}p1 ${prose(40 + (k % 3) * 11)}`, '');
  return out.join('\n');
}

let report: Report;
let layout: PdfLayout;
let file: string;
/** The text pdftotext finds on each page. */
let pages: string[] = [];

beforeAll(async () => {
  const dir = writeProject(markdown(), ['background', 'death-penalty']);
  report = loadReports(dir)[0]!;
  const rendered = await renderPdf(report, writerContext(report, dir));
  layout = rendered.layout;
  file = join(dir, 'frames.pdf');
  writeFileSync(file, rendered.data);
  if (has('pdftotext')) pages = run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).split('\f').slice(0, layout.pages.length);
}, 60_000);

const textOf = (line: PlacedLine): string => line.box.runs.flatMap((r) => r.glyphs.map((g) => g.text)).join('');
/** Pages (1-based) whose text holds the word. */
const pagesOf = (word: string): number[] => pages.flatMap((text, k) => (new RegExp(`(^|\\s)${word}(\\s|$)`).test(text) ? [k + 1] : []));
const bodyOf = (page: PdfLayout['pages'][number]): PlacedLine[] => page.lines.filter((l) => l.kind !== 'note' && l.kind !== 'footer');
const bottom = (): number => {
  const { page } = writerContext(report).theme;
  return page.height - page.margin.bottom;
};

describe('frames at page ends', () => {
  it('sets rows of more than 13 lines (the old chain limit)', () => {
    // Lines of the first table's tall row: those holding its first cell's words.
    const row = layout.pages.flatMap((p) => p.lines).filter((l) => /t0a\d/.test(textOf(l)));
    expect(row.length).toBeGreaterThan(16);
    expect(row.length).toBeLessThan(40);
  });

  needs('pdftotext')('keeps a row that fits on a page whole, its heading and header row with it', () => {
    const moved: number[] = [];
    for (let t = 0; t < TABLES; t++) {
      const rowPages = [...new Set([`t${t}first`, `t${t}a0`, `t${t}a${ROW_WORDS - 1}`, `t${t}b${ROW_WORDS - 1}`].flatMap(pagesOf))];
      expect(rowPages, `table ${t}`).toHaveLength(1);
      const page = rowPages[0]!;
      // The heading and the header row on the row's page, above it.
      expect(pagesOf(`Case${t}`), `table ${t}`).toEqual([page]);
      expect(pages[page - 1]!.indexOf(`Table heading ${t}`), `table ${t}`).toBeGreaterThanOrEqual(0);
      // Where the page before ended with room for many lines of the row, the row moved on whole.
      const before = layout.pages[page - 2];
      if (!before || pages[page - 1]!.trimStart().indexOf(`Table heading ${t}`) > 40) continue;
      const last = bodyOf(before).at(-1)!;
      const notes = before.lines.filter((l) => l.kind === 'note');
      const foot = notes.length ? Math.min(...notes.map((l) => l.y)) - 30 : bottom();
      if (foot - last.y > 13 * 13) moved.push(t);
    }
    // At least one row met a page foot with room for more than 13 of its lines.
    expect(moved.length).toBeGreaterThan(0);
  });

  needs('pdftotext')('breaks a row taller than a page between its lines, filling each page, the header row above each piece', () => {
    const spans = [...new Set([...Array(HUGE_WORDS).keys()].filter((k) => k % 50 === 0).flatMap((k) => pagesOf(`t99a${k}`)))].sort((a, b) => a - b);
    const first = spans[0]!;
    const last = spans[spans.length - 1]!;
    expect(last - first).toBeGreaterThanOrEqual(2);
    for (let p = first; p <= last; p++) {
      expect(pagesOf('Casehuge'), `page ${p}`).toContain(p);
      if (p > first) {
        // The copy of the header row, then the row's next line with the space between rows
        // under the header's rule, as between any two rows.
        const top = bodyOf(layout.pages[p - 1]!);
        const copy = top.filter((l) => l.repeated);
        const next = top.find((l) => !l.repeated)!;
        expect(copy.length, `page ${p}`).toBe(1);
        expect(next.y - copy[0]!.y, `page ${p}`).toBeGreaterThan(next.box.leading * 1.25);
      }
      if (p === last) continue;
      // The piece fills the page: its last line within two lines of the text area's foot.
      const lines = bodyOf(layout.pages[p - 1]!);
      const end = lines.at(-1)!;
      expect(/t99[ab]\d/.test(textOf(end)), `page ${p}`).toBe(true);
      const notes = layout.pages[p - 1]!.lines.filter((l) => l.kind === 'note');
      expect(notes).toEqual([]);
      expect(bottom() - end.y, `page ${p}`).toBeLessThan(2 * end.box.leading);
    }
    // Its heading opens the piece's first page: a heading never ends a page.
    expect(pagesOf('thfirst')).toEqual([first]);
    expect(pages[first - 1]!.includes('Table heading huge')).toBe(true);
    const previous = bodyOf(layout.pages[first - 2]!);
    expect(textOf(previous.at(-1)!)).not.toContain('Table heading huge');
    // Every word of the row is printed, in order across the pages.
    const found = [...Array(HUGE_WORDS).keys()].map((k) => pagesOf(`t99b${k}`));
    expect(found.filter((p) => p.length !== 1)).toEqual([]);
    for (let k = 1; k < HUGE_WORDS; k++) expect(found[k]![0]!).toBeGreaterThanOrEqual(found[k - 1]![0]!);
  });

  it('keeps two lines of a list item, and of each of its paragraphs, on either side of a page break', () => {
    // Each element's parent, to find the list item and the paragraph a line belongs to.
    const parent = new Map<StructNode, StructNode>();
    const walk = (node: StructNode): void => node.kids.forEach((kid) => (parent.set(kid, node), walk(kid)));
    walk(layout.structure!);
    const up = (line: PlacedLine | undefined, role: string): StructNode | undefined => {
      for (let node = line?.box.struct; node; node = parent.get(node)) if (node.role === role) return node;
      return undefined;
    };
    const problems: string[] = [];
    const broken = { LI: 0, P: 0 };
    layout.pages.forEach((page, k) => {
      const next = layout.pages[k + 1];
      if (!next) return;
      const end = bodyOf(page);
      const start = bodyOf(next).filter((l) => !l.repeated);
      for (const role of ['LI', 'P'] as const) {
        const frame = up(end.at(-1), role);
        if (!frame || up(start[0], 'LI') !== up(end.at(-1), 'LI') || up(start[0], role) !== frame) continue;
        broken[role]++;
        const before = end.filter((l) => up(l, role) === frame).length;
        const after = start.filter((l) => up(l, role) === frame).length;
        if (before < 2 || after < 2) problems.push(`page ${page.number}: ${role} split ${before}/${after}`);
      }
    });
    expect(problems).toEqual([]);
    // Items are broken, and paragraphs inside them, so both keeps are exercised.
    expect(broken.LI).toBeGreaterThan(0);
    expect(broken.P).toBeGreaterThan(0);
  });
});

describe('the contents in print', () => {
  let contents: PdfLayout;
  let text: string[] = [];
  const SECTIONS = 90;

  beforeAll(async () => {
    // Titles long enough to take two lines in the contents, which then runs over pages.
    const ids = Array.from({ length: SECTIONS }, (_, k) => (k === 0 ? 'background' : `part-${k}`));
    const md = ['---', 'title: Contents', '---', '', prose(30), ''];
    ids.forEach((id, k) => md.push(`## s${k}start ${prose(18)} s${k}end {#${id}}`, '', prose(20), ''));
    const dir = writeProject(md.join('\n'), ids);
    const edition = loadReports(dir)[0]!;
    const rendered = await renderPdf(edition, writerContext(edition, dir));
    contents = rendered.layout;
    const path = join(dir, 'contents.pdf');
    writeFileSync(path, rendered.data);
    if (has('pdftotext')) text = run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']).split('\f');
  }, 60_000);

  it('never splits an entry of two lines between pages', () => {
    const pagesOfEntry = new Map<StructNode, Set<number>>();
    for (const page of contents.pages) {
      for (const line of page.lines.filter((l) => l.kind === 'contents')) {
        const entry = line.box.struct!;
        pagesOfEntry.set(entry, (pagesOfEntry.get(entry) ?? new Set()).add(page.number));
      }
    }
    expect(pagesOfEntry.size).toBe(SECTIONS);
    const lines = contents.pages.flatMap((p) => p.lines.filter((l) => l.kind === 'contents'));
    expect(lines.length).toBeGreaterThan(SECTIONS * 1.5);
    expect(new Set([...pagesOfEntry.values()].flatMap((s) => [...s])).size).toBeGreaterThan(1);
    expect([...pagesOfEntry.values()].filter((s) => s.size > 1)).toEqual([]);
  });

  needs('pdftotext')('prints each entry, its page number included, on one page', () => {
    const contentsPages = text.slice(0, 6);
    for (let k = 0; k < SECTIONS; k++) {
      const start = contentsPages.findIndex((t) => t.includes(`s${k}start`));
      const end = contentsPages.findIndex((t) => new RegExp(`s${k}end\\s*[. ]*\\d+`).test(t));
      expect(start, `entry ${k}`).toBeGreaterThanOrEqual(0);
      expect(end, `entry ${k}`).toBe(start);
    }
  });
});
