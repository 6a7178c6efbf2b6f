// The print edition under stress (test/stress.ts): long and narrow tables, a note of three pages,
// many notes on one page, code, lists, quotes and images at page ends. Checked on the PDF itself:
// the words as pdftotext extracts them and where it puts them, the output audit reading the bytes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, Report } from '../src/model/types.ts';
import { audit } from '../src/render/audit.ts';
import { inspectPdf, renderPdf, type PdfLayout } from '../src/render/pdf/index.ts';
import { serialize } from '../src/render/pdf/serialize.ts';
import { loadReports, needs, run, words, writerContext } from './helpers.ts';
import { stressReport, writeProject } from './stress.ts';

let report: Report;
let pdf: Uint8Array;
let layout: PdfLayout;
let file: string;
let dir: string;

beforeAll(async () => {
  const stress = stressReport();
  dir = writeProject(stress.markdown, stress.sections, stress.files);
  report = loadReports(dir)[0]!;
  ({ data: pdf, layout } = await renderPdf(report, writerContext(report, dir)));
  file = join(dir, 'stress.pdf');
  writeFileSync(file, pdf);
}, 60_000);

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word pdftotext finds, with its box (points, y down from the page top) and page size. */
function wordBoxes(path: string): { pages: { width: number; height: number }[]; words: Word[] } {
  const html = run('pdftotext', ['-bbox', path, '-']);
  const pages: { width: number; height: number }[] = [];
  const out: Word[] = [];
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)) {
    if (m[1]) pages.push({ width: Number(m[1]), height: Number(m[2]) });
    else out.push({ page: pages.length, text: m[7]!, xMin: Number(m[3]), yMin: Number(m[4]), xMax: Number(m[5]), yMax: Number(m[6]) });
  }
  return { pages, words: out };
}

/** The plain text of blocks, tables left out (their cells are read row by row, not in order) and
 * figures too (an image alone in its paragraph: its alt text is the figure's /Alt, not printed). */
function textOf(nodes: Block[]): string {
  const figure = (n: Block): boolean => n.type === 'paragraph' && n.children.length === 1 && n.children[0]!.type === 'image';
  return nodes.filter((n) => n.type !== 'table' && !figure(n)).map((n) => ('children' in n && n.type !== 'paragraph' && n.type !== 'heading' ? textOf(n.children as Block[]) : toString(n))).join('\n');
}

/** pdftotext's words, a hyphen Folio put at a line end joined with the next line's word. */
function extracted(text: string, expected: Set<string>): string[] {
  // Folio's own hyphen at a break extracts as nothing: a word cut at a line end comes out as two
  // pieces, joined here when they make a word of the source and the first is none on its own.
  const out: string[] = [];
  let carry = '';
  for (const line of text.split('\n')) {
    const ws = words(line);
    ws.forEach((w, k) => {
      let word = w;
      if (carry) {
        const bare = (s: string): string => s.replace(/^(\D+?)\d+$/u, '$1');
        const joined = expected.has(bare(carry + w)) || expected.has(carry + w);
        if (joined && (!expected.has(carry) || !expected.has(bare(w)))) word = carry + w;
        else out.push(carry);
        carry = '';
      }
      if (k === ws.length - 1 && /[\p{L}-]$/u.test(word)) carry = word;
      else out.push(word);
    });
  }
  if (carry) out.push(carry);
  return out;
}

/** The words of `expected` that do not appear, in order, among `got`. */
function lostWords(expected: string[], got: string[]): string[] {
  const bare = (w: string): string => w.normalize('NFC').replace(/^(\D+?)\d+$/u, '$1');
  // Dot leaders and list bullets are not words.
  const pool = got.map(bare).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const lost: string[] = [];
  let at = 0;
  // A word is looked for a little way ahead only: a lost word must not let the search jump to
  // the same word pages later and hide everything in between.
  for (const word of expected.filter((w) => /[\p{L}\p{N}]/u.test(w))) {
    const k = pool.indexOf(bare(word), at);
    if (k < 0 || k > at + 1500) lost.push(`${word} (after "${pool.slice(Math.max(0, at - 4), at).join(' ')}")`);
    else at = k + 1;
  }
  return lost;
}

describe('the stress report in print', () => {
  it('is long enough to test what it should', () => {
    expect(layout.pages.length).toBeGreaterThan(20);
    expect(report.footnotes.length).toBeGreaterThan(40);
  });

  it('passes the output audit, which reads the PDF bytes', async () => {
    const found = await inspectPdf(pdf, report);
    expect(found.problems).toEqual([]);
    expect(() => audit(report, 'pdf', found)).not.toThrow();
  });

  needs('pdftotext')('gives back every source word in order, the notes in order after them', () => {
    // -layout: lines top to bottom as on the page (the default reading order regroups a table's
    // columns as blocks of their own).
    const text = run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
    const body = words([report.summaryText, ...report.sections.flatMap((s) => [s.titleText, textOf(s.blocks)])].join('\n'));
    const notes = words(report.footnotes.map((f) => f.text).join('\n'));
    const got = extracted(text, new Set([...body, ...notes]));
    expect(lostWords(body, got)).toEqual([]);
    expect(lostWords(notes, got)).toEqual([]);
    // Table cells are all there too, row by row.
    const cells = report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'table' ? b.children.flatMap((row) => row.children.flatMap((cell) => words(toString(cell)))) : [])));
    // A long URL may break across a cell's lines.
    const all = text.replace(/\s+/g, '');
    expect(cells.filter((w) => !all.includes(w))).toEqual([]);
  });

  needs('pdftotext')('places every word inside the page, and no word over another', () => {
    const { pages, words: boxes } = wordBoxes(file);
    const outside = boxes.filter((w) => w.xMin < 0 || w.yMin < 0 || w.xMax > pages[w.page - 1]!.width || w.yMax > pages[w.page - 1]!.height);
    expect(outside).toEqual([]);
    const overlaps: string[] = [];
    for (let p = 1; p <= pages.length; p++) {
      const on = boxes.filter((w) => w.page === p);
      for (let i = 0; i < on.length; i++) {
        for (let j = i + 1; j < on.length; j++) {
          const a = on[i]!;
          const b = on[j]!;
          const dx = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
          const dy = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
          // Font boxes of note lines touch (ascent plus descent is a little over their leading).
          if (dx > 0.5 && dy > 0.3 * Math.min(a.yMax - a.yMin, b.yMax - b.yMin)) overlaps.push(`page ${p}: "${a.text}" / "${b.text}"`);
        }
      }
    }
    expect(overlaps).toEqual([]);
  });

  needs('pdftotext')("sets every note's first line on the page of its first reference", () => {
    const pages = run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).split('\f');
    const misplaced: string[] = [];
    for (const note of report.footnotes) {
      const refPage = layout.anchors[note.references[0]!.refId]!.page;
      // The note's first line: its number, then the first words of its text.
      const start = `${note.number}. ${words(note.text).slice(0, 3).join(' ')}`;
      const page = pages.findIndex((p) => p.split('\n').some((l) => l.replace(/\s+/g, ' ').trim().startsWith(start))) + 1;
      if (page !== refPage) misplaced.push(`note ${note.number}: referenced on page ${refPage}, starts on page ${page}`);
    }
    expect(misplaced).toEqual([]);
  });

  it('splits a note between lines, never after a hyphen, and marks the continuation', () => {
    const continued = layout.pages.filter((p) => p.rules.some((r) => r.x2 - r.x1 > layout.measure - 1));
    expect(continued.length).toBeGreaterThanOrEqual(3);
    for (const page of layout.pages) {
      const notes = page.lines.filter((l) => l.kind === 'note');
      const last = notes[notes.length - 1];
      expect(last?.box.hyphenated ?? false, `page ${page.number}`).toBe(false);
      // No body line reaches below the top of the foot.
      const rule = page.rules.find((r) => r.y1 === r.y2);
      const body = page.lines.filter((l) => l.kind !== 'note' && l.kind !== 'footer');
      if (rule) for (const line of body) expect(line.y, `page ${page.number}`).toBeLessThan(rule.y1);
    }
  });
});

describe('line breaking in the stress report', () => {
  it('never hyphenates three lines in a row', () => {
    const stacks: string[] = [];
    for (const page of layout.pages) {
      let run = 0;
      for (const line of page.lines.filter((l) => l.kind === 'body' || l.kind === 'note')) {
        run = line.box.hyphenated ? run + 1 : 0;
        if (run === 3) stacks.push(`page ${page.number}`);
      }
    }
    expect(stacks).toEqual([]);
  });
});

describe('the output audit of a PDF', () => {
  it('fails a PDF whose note runs off the page, and one that lost a note', async () => {
    const ctx = writerContext(report, dir);
    // The failure this audit exists for: a note drawn above the page's top edge.
    const moved: PdfLayout = { ...layout, pages: layout.pages.map((p) => ({ ...p, lines: p.lines.map((l) => (l.kind === 'note' ? { ...l, y: l.y - 900 } : l)) })) };
    const off = await inspectPdf(await serialize(moved, report, ctx), report);
    expect(() => audit(report, 'pdf', off)).toThrow(/glyphs placed outside page/);
    const target = report.footnotes[5]!.id;
    const dropped: PdfLayout = { ...layout, pages: layout.pages.map((p) => ({ ...p, lines: p.lines.filter((l) => !(l.kind === 'note' && l.box.anchors.some((a) => a.id === target))) })) };
    const lost = await inspectPdf(await serialize(dropped, report, ctx), report);
    expect(() => audit(report, 'pdf', lost)).toThrow(new RegExp(`left out note ${report.footnotes[5]!.number}\\b`));
  });
});
