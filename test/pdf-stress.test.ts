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
import { readPdf, type ReadPage } from '../src/render/pdf/read.ts';
import type { Page, PlacedLine, StructNode } from '../src/render/pdf/types.ts';
import { serialize } from '../src/render/pdf/serialize.ts';
import { extractedWords, loadReports, needs, run, words, writerContext } from './helpers.ts';
import { png, stressReport, writeProject } from './stress.ts';

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
    const got = extractedWords(text, new Set([...body, ...notes]));
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

  it('fills the body of a page whose foot opens with a note carried from the page before', () => {
    // A note of the page before, continued here, once held back the text's next note: the page
    // closed with its body short by up to 190 pt. Now the next note follows the carried one's end
    // when both fit; the body stops short of the foot by less than two lines and a paragraph's
    // space (what a kept pair of lines needs), unless the next page opens with a heading or a
    // figure, which keep more with them.
    const { sizes, spacing } = writerContext(report, dir).theme;
    const noteIds = new Set(report.footnotes.map((f) => f.id));
    const short: string[] = [];
    let checked = 0;
    layout.pages.forEach((page, k) => {
      const notes = page.lines.filter((l) => l.kind === 'note');
      const body = page.lines.filter((l) => l.kind !== 'note' && l.kind !== 'footer');
      const following = layout.pages[k + 1]?.lines.filter((l) => l.kind !== 'note' && l.kind !== 'footer') ?? [];
      const next = following[0];
      const carried = notes.length > 0 && !notes[0]!.box.anchors.some((a) => noteIds.has(a.id));
      if (!carried || !body.length || !next || next.kind === 'heading' || next.box.images?.length) return;
      // Nor when the two lines that would move up cite a note: its text must come up with them.
      if (following.slice(0, 2).some((l) => l.box.notes.length > 0)) return;
      checked++;
      const footTop = Math.min(...notes.map((l) => l.y - l.box.leading * 0.78)) - (spacing.footnoteGap + 4);
      const bodyEnd = Math.max(...body.map((l) => l.y + l.box.leading * 0.22));
      const unused = footTop - bodyEnd;
      expect(unused, `page ${page.number}`).toBeGreaterThan(-0.5);
      if (unused > 2 * sizes.leading + spacing.paragraph) short.push(`page ${page.number}: ${unused.toFixed(0)} pt unused`);
    });
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(short).toEqual([]);
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

/** Lines of a page read from the PDF's bytes: glyphs grouped by baseline, top to bottom, with
 * their largest size. Artifacts (the running footer, a repeated table header) are left out unless
 * asked for. */
function pageLines(page: ReadPage, artifacts = false): { y: number; size: number; text: string }[] {
  const rows = new Map<number, { x: number; text: string; size: number }[]>();
  for (const g of page.glyphs) {
    if (!artifacts && g.tags.includes('Artifact')) continue;
    const y = Math.round(page.height - g.y);
    const row = rows.get(y) ?? rows.get(y - 1) ?? rows.get(y + 1) ?? [];
    if (!row.length) rows.set(y, row);
    row.push({ x: g.x, text: g.text, size: g.size });
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([y, row]) => ({
    y,
    size: Math.max(...row.map((g) => g.size)),
    text: row.sort((a, b) => a.x - b.x).map((g) => g.text).join(''),
  }));
}

describe('frames in the stress report', () => {
  const squeeze = (t: string): string => t.replace(/\s+/g, '');

  it("repeats a table's header row on every page the table spans", async () => {
    const read = await readPdf(pdf);
    // A header row set again on a later page is drawn as an artifact (it is tagged once).
    const pages = read.pages.map((p) => pageLines(p, true).map((l) => squeeze(l.text)));
    const tables = report.sections.flatMap((s) => s.blocks.filter((b) => b.type === 'table'));
    expect(tables.length).toBeGreaterThanOrEqual(2);
    let spanning = 0;
    for (const table of tables) {
      const [head, ...rows] = table.children.map((row) => row.children.map((cell) => squeeze(toString(cell))));
      // The pages holding the table's rows: each row's first cell starts a line there.
      const on = new Set<number>();
      for (const row of rows) {
        const page = pages.findIndex((lines) => lines.some((l) => l.startsWith(row[0]!) && l.includes(row[row.length - 1]!.slice(0, 8))));
        expect(page, `row ${row.join(' | ')}`).toBeGreaterThanOrEqual(0);
        on.add(page);
      }
      if (on.size > 1) spanning++;
      for (const page of on) expect(pages[page]!.some((l) => l === head!.join('')), `header on page ${page + 1}`).toBe(true);
    }
    // The long table does span pages.
    expect(spanning).toBeGreaterThanOrEqual(1);
  });

  it('gives a column at least its longest word', async () => {
    const read = await readPdf(pdf);
    const text = read.pages.flatMap((p) => pageLines(p).map((l) => l.text));
    expect(text.some((l) => l.includes('Counterterrorismcommissionerateoftherepublic'))).toBe(true);
  });

  it('sets table cells ragged and unhyphenated, numbers aligned as the Markdown says', () => {
    const rows = layout.pages.flatMap((p) => p.lines.filter((l) => l.box.struct?.role === 'TR' && !l.repeated));
    expect(rows.length).toBeGreaterThan(70);
    // The hyphen Folio inserts is a glyph standing for no text.
    const hyphenated = rows.filter((l) => l.box.runs.some((r) => r.glyphs.some((g) => g.text === '' && g.advance > 0)));
    expect(hyphenated).toEqual([]);
    // Each cell's text stays in its column: cells apart from each other and inside the measure
    // (a long URL breaks rather than running out of its cell).
    const spill: string[] = [];
    for (const row of rows) {
      const cells = row.box.struct!.kids.map((cell) => row.box.runs.filter((r) => r.struct === cell))
        .filter((runs) => runs.length)
        .map((runs) => ({ left: Math.min(...runs.map((r) => r.x)), right: Math.max(...runs.map((r) => r.x + r.glyphs.reduce((w, g) => w + g.advance, 0))) }))
        .sort((a, b) => a.left - b.left);
      cells.forEach((cell, k) => {
        const next = cells[k + 1];
        if (cell.left < -0.01 || cell.right > row.box.measure + 0.01 || (next && cell.right > next.left)) spill.push(`page ${layout.pages.findIndex((p) => p.lines.includes(row)) + 1}`);
      });
    }
    expect(spill).toEqual([]);
    // The long table's second column is `---:`: its numbers end at one x; the third, `:---:`,
    // is centred: its cells' middles line up.
    const table = report.sections.flatMap((s) => s.blocks).find((b) => b.type === 'table' && b.children.length > 50)!;
    expect(table.type === 'table' && table.align).toEqual(['left', 'right', 'center', 'right']);
    const cellRuns = (column: number): { left: number; right: number }[] => rows.filter((l) => l.box.struct!.kids.length === 4 && /^\d+$/.test(text(l, 1))).map((l) => {
      const runs = l.box.runs.filter((r) => r.struct === l.box.struct!.kids[column]);
      const left = Math.min(...runs.map((r) => r.x));
      return { left, right: Math.max(...runs.map((r) => r.x + r.glyphs.reduce((w, g) => w + g.advance, 0))) };
    });
    const text = (l: PlacedLine, column: number): string => l.box.runs.filter((r) => r.struct === l.box.struct!.kids[column]).flatMap((r) => r.glyphs.map((g) => g.text)).join('');
    const numbers = cellRuns(1);
    expect(numbers.length).toBeGreaterThan(60);
    expect(Math.max(...numbers.map((c) => c.right)) - Math.min(...numbers.map((c) => c.right))).toBeLessThan(0.5);
    const middles = cellRuns(2).map((c) => (c.left + c.right) / 2);
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(0.5);
  });

  it('never ends a page on a heading', async () => {
    const read = await readPdf(pdf);
    const { sizes } = writerContext(report, dir).theme;
    const last: string[] = [];
    read.pages.forEach((page, k) => {
      // Text of the body (notes and footers are smaller), the last line of the page's body.
      const body = pageLines(page).filter((l) => l.size > sizes.footnote + 0.2);
      const end = body[body.length - 1];
      if (end && end.size >= sizes.h3 - 0.01 && k < read.pages.length - 1) last.push(`page ${k + 1}: ${end.text}`);
    });
    expect(last).toEqual([]);
  });

  it('keeps a heading with two lines of what follows, and code and list items two lines together', () => {
    // Each element's parent, to find the list item a line of text belongs to.
    const parent = new Map<StructNode, StructNode>();
    const walk = (node: StructNode): void => node.kids.forEach((kid) => (parent.set(kid, node), walk(kid)));
    walk(layout.structure!);
    const frameOf = (line: PlacedLine): StructNode | undefined => {
      for (let node = line.box.struct; node; node = parent.get(node)) if (node.role === 'Code' || node.role === 'LI') return node;
      return undefined;
    };
    const body = (page: Page): PlacedLine[] => page.lines.filter((l) => (l.kind === 'body' || l.kind === 'heading') && !l.repeated);
    const problems: string[] = [];
    let broken = 0;
    layout.pages.forEach((page, k) => {
      const lines = body(page);
      // A heading followed by fewer than two lines on its page.
      lines.forEach((line, n) => {
        if (!/^H\d$/.test(line.box.struct?.role ?? '')) return;
        const after = lines.slice(n + 1).filter((l) => !/^H\d$/.test(l.box.struct?.role ?? ''));
        if (after.length < 2) problems.push(`page ${page.number}: heading followed by ${after.length} line(s)`);
      });
      // A code block or list item broken by the page's end: two of its lines on either side.
      const next = layout.pages[k + 1];
      const frame = lines.length ? frameOf(lines[lines.length - 1]!) : undefined;
      if (!next || !frame || frameOf(body(next)[0]!) !== frame) return;
      broken++;
      const before = lines.filter((l) => frameOf(l) === frame).length;
      const after = body(next).filter((l) => frameOf(l) === frame).length;
      if (before < 2 || after < 2) problems.push(`page ${page.number}: ${frame.role} split ${before}/${after}`);
    });
    expect(problems).toEqual([]);
    // The report does break some of them, so the rule is exercised.
    expect(broken).toBeGreaterThan(0);
  });

  it('floats a figure that does not fit to the next page, leaving no big gap', () => {
    const { page: geometry } = writerContext(report, dir).theme;
    const floated: number[] = [];
    const gaps: string[] = [];
    layout.pages.forEach((page, k) => {
      const next = layout.pages[k + 1];
      if (!next) return;
      const body = page.lines.filter((l) => l.kind !== 'note' && l.kind !== 'footer');
      const notes = page.lines.filter((l) => l.kind === 'note');
      const bottom = Math.max(...body.map((l) => l.y + l.box.leading * 0.22));
      const foot = notes.length ? Math.min(...notes.map((l) => l.y - l.box.leading)) - 20 : geometry.height - geometry.margin.bottom;
      const nextFirst = next.lines.find((l) => l.kind !== 'note' && l.kind !== 'footer');
      if (nextFirst?.box.images?.length) floated.push(k + 2);
      // A gap is allowed before a section, which starts on the page of the figures waiting for it.
      const sectionNext = next.lines.some((l) => l.kind === 'heading' && next.lines.indexOf(l) < 3);
      if (foot - bottom > 120 && !sectionNext) gaps.push(`page ${page.number}: ${Math.round(foot - bottom)} pt empty`);
    });
    expect(floated.length).toBeGreaterThan(0);
    expect(gaps).toEqual([]);
  });

  it('draws a quote bar unbroken across its paragraphs, and the outer bar beside a nested quote', () => {
    let nested = 0;
    let continuous = 0;
    for (const page of layout.pages) {
      const bars = page.rules.filter((r) => r.x1 === r.x2);
      const byX = new Map<number, typeof bars>();
      for (const bar of bars) byX.set(bar.x1, [...(byX.get(bar.x1) ?? []), bar]);
      if (byX.size >= 2) nested++;
      for (const list of byX.values()) {
        list.sort((a, b) => a.y1 - b.y1);
        // Consecutive bars of one quote meet: the paragraph space between them is bridged.
        for (let k = 1; k < list.length; k++) if (Math.abs(list[k]!.y1 - list[k - 1]!.y2) < 0.01) continuous++;
      }
    }
    expect(nested).toBeGreaterThan(0);
    expect(continuous).toBeGreaterThan(0);
  });
});

describe('line breaking in the stress report', () => {
  it('breaks a long address after its slashes rather than stretching spaces', () => {
    // Spaces of justified lines: at most twice a normal space (the tolerance before the emergency
    // pass), the line with the address included.
    const wide: string[] = [];
    for (const page of layout.pages) {
      for (const line of page.lines.filter((l) => l.kind === 'body')) {
        // Code keeps its spaces as they are (monospaced, wider).
        for (const run of line.box.runs.filter((r) => line.box.struct?.role !== 'Code')) {
          const text = line.box.runs.flatMap((r) => r.glyphs.map((g) => g.text)).join('');
          for (const g of run.glyphs) if (g.text === ' ' && g.advance > run.size * 0.26 * 2.2) wide.push(`page ${page.number}: ${(g.advance / run.size).toFixed(2)} em in "${text}"`);
        }
      }
    }
    expect(wide).toEqual([]);
  });

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

describe('a picture in a note', () => {
  it('is drawn, a quarter of the page at most, and the audit reads its alternate text in the note', async () => {
    const md = '---\ntitle: Pictures\n---\n\nSummary.\n\n## Background\n\nText with a note.[^1]\n\n## Death penalty\n\nText.\n\n[^1]: A note with a chart.\n\n    ![Arrests by month in the note](chart.png)\n';
    const source = writeProject(md, ['background', 'death-penalty'], { 'chart.png': png(600, 600) });
    const pictured = loadReports(source)[0]!;
    const ctx = writerContext(pictured, source);
    const { data, layout: laidOut } = await renderPdf(pictured, ctx);
    const images = laidOut.pages.flatMap((p) => p.lines.filter((l) => l.kind === 'note').flatMap((l) => l.box.images ?? []));
    expect(images.map((i) => i.alt)).toEqual(['Arrests by month in the note']);
    const { height, margin } = ctx.theme.page;
    expect(images[0]!.height).toBeLessThanOrEqual((height - margin.top - margin.bottom) / 4 + 0.01);
    // The note's words and its picture's alternate text, where a screen reader reads them.
    const read = await readPdf(data);
    expect(read.pages.flatMap((p) => p.figures.map((f) => f.alt))).toEqual(['Arrests by month in the note']);
    const found = await inspectPdf(data, pictured);
    expect(() => audit(pictured, 'pdf', found)).not.toThrow();
    expect(found.notes).toEqual([pictured.footnotes[0]!.id]);
    // A picture drawn off the page is caught as a glyph would be.
    const moved: PdfLayout = { ...laidOut, pages: laidOut.pages.map((p) => ({ ...p, lines: p.lines.map((l) => (l.box.images ? { ...l, x: l.x - 900 } : l)) })) };
    const off = await inspectPdf(await serialize(moved, pictured, ctx), pictured);
    expect(() => audit(pictured, 'pdf', off)).toThrow(/pictures placed outside page 1 \("Arrests by month in the note"\)/);
  });
});
