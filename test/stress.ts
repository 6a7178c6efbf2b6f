// Generated reports that are harder than the seed: long and narrow tables, a note of about three
// pages and others of half a page and 1.7 pages, many notes on one page, code, lists and quotes
// falling at page ends, images near page ends; and longer editions of the seed's own text. The
// words come from the seed, picked by a fixed pseudo-random sequence, so every run builds the same
// report.
// Imports nothing of vitest, so the benchmark can build the same editions.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import type { PdfLayout } from '../src/render/pdf/types.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'source');

function seedReportText(): string {
  return readFileSync(join(root, 'test', 'seed', 'kazakhstan-2022.txt'), 'utf8').split('\n').slice(2).join('\n');
}

/** An RGB PNG of the given size: a diagonal gradient, so it is not one flat colour, unless `rows`
 * gives the scan lines (filter byte first; a hostile file may give too few). */
export function png(width: number, height: number, rows?: Buffer): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  if (!rows) {
    rows = Buffer.alloc((width * 3 + 1) * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, 128], y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** mulberry32: a small seeded generator, the same numbers on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed's words, without Markdown's special characters and footnote markers. */
function seedWords(): string[] {
  return seedReportText()
    .split(/\s+/)
    .filter((w) => w && !/[*_[\]#|<>`\\^{}]/.test(w) && !/^\d+\.$/.test(w) && !/^[-+>]$/.test(w));
}

class Words {
  private readonly words = seedWords();
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = random(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** `n` consecutive words from a random place in the seed, as a sentence. */
  text(n: number): string {
    const out: string[] = [];
    while (out.length < n) {
      const start = this.int(0, this.words.length - 1);
      out.push(...this.words.slice(start, start + Math.min(n - out.length, 24)));
    }
    const s = out.join(' ');
    return s.charAt(0).toUpperCase() + s.slice(1).replace(/[,;:]$/, '') + (/[.!?”]$/.test(s) ? '' : '.');
  }
  /** One capitalised word of at least `min` letters. */
  word(min = 3): string {
    for (;;) {
      const w = this.words[this.int(0, this.words.length - 1)]!.replace(/[^\p{L}]/gu, '');
      if (w.length >= min) return w;
    }
  }
}

export interface Stress {
  markdown: string;
  sections: string[];
  /** Files to write next to the edition (images). */
  files: Record<string, Buffer>;
}

/** The stress report: every hard case of issue 11 in one edition of about 40 pages. */
export function stressReport(): Stress {
  const w = new Words(11);
  const notes: string[] = [];
  const note = (text: string): string => {
    notes.push(text);
    return `[^${notes.length}]`;
  };
  const noteParagraphs = (paragraphs: number, words: number): string =>
    Array.from({ length: paragraphs }, () => w.text(words)).join('\n\n    ');
  const para = (n: number, refs = 0): string => {
    let out = w.text(n);
    for (let k = 0; k < refs; k++) out += ` ${w.text(w.int(6, 14))}${note(w.text(w.int(10, 40)))}`;
    return out;
  };
  const sections: { id: string; title: string; body: string[] }[] = [];
  const section = (id: string, title: string, body: string[]): void => void sections.push({ id, title, body });

  section('background', 'Background', [
    para(120, 1),
    para(90) + note(noteParagraphs(5, 70)),
    para(140, 2),
    `### A sub-heading before a short paragraph`,
    para(40, 1),
  ]);

  // A long table of figures (right-aligned numbers, a centred column), then a narrow one with a
  // long word and a long URL.
  const rows: string[] = [];
  for (let r = 0; r < 70; r++) {
    rows.push(`| ${w.word(4)} ${w.word(3)} | ${w.int(1, 99999)} | ${w.word(3)} | ${(w.int(0, 1000) / 10).toFixed(1)}% |`);
  }
  section('tables', 'Tables that break across pages', [
    para(60, 1),
    ['| Region and district | Detained | Status | Share |', '| :--- | ---: | :---: | ---: |', ...rows].join('\n'),
    para(50),
    [
      '| Term | Source |',
      '| --- | --- |',
      '| Taldykorgan | https://www.amnesty.org/en/documents/eur57/6339/2022/en/an-extremely-long-path-that-keeps-going |',
      '| Counterterrorismcommissionerateoftherepublic | A short cell |',
      `| ${w.word(4)} | ${w.text(30)} |`,
    ].join('\n'),
    para(80, 1),
    // A long address in running text: it breaks after its slashes rather than stretching spaces.
    `${w.text(30)} See https://www.amnesty.org/en/documents/eur57/6339/2022/en/an-extremely-long-path-that-keeps-going/and-going-on for the record. ${w.text(40)}`,
  ]);

  // Many notes on one page, a note of about three pages, one of 1.7 pages, one of half a page.
  section('notes-of-every-length', 'Notes of every length', [
    Array.from({ length: 16 }, () => `${w.text(w.int(5, 12))}${note(w.text(w.int(8, 30)))}`).join(' '),
    para(70) + note(noteParagraphs(24, 100)),
    para(120, 1),
    para(60) + note(noteParagraphs(14, 100)),
    para(100, 1),
    para(50) + note(noteParagraphs(4, 100)),
    para(150, 2),
  ]);

  // Code, lists and quotes, in several rounds with paragraphs of different lengths between them,
  // so that some of them fall at page ends.
  const rounds: string[] = [];
  for (let k = 0; k < 7; k++) {
    rounds.push(para(40 + k * 23, k % 2));
    rounds.push('```\n' + Array.from({ length: 6 + (k % 3) * 10 }, (_, n) => `${'  '.repeat(n % 3)}step_${k}_${n}(${w.word(3).toLowerCase()}, "${w.word(4)}") // ${w.text(4)}`).join('\n') + '\n```');
    rounds.push(para(30 + k * 17));
    rounds.push(Array.from({ length: 4 }, (_, n) => `${n + 1}. ${w.text(w.int(12, 40))}${n === 1 ? `\n\n   - ${w.text(15)}\n   - ${w.text(25)}` : ''}`).join('\n'));
    rounds.push(`> ${w.text(50)}\n>\n> ${w.text(40)}\n>\n> > ${w.text(30)}`);
  }
  section('code-and-lists', 'Code, lists and quotes', rounds);

  // Images near page ends: a wide one and a tall one, after paragraphs of growing length.
  const figures: string[] = [];
  for (let k = 0; k < 6; k++) {
    figures.push(para(60 + k * 40, 1));
    figures.push(k % 2 ? `![A tall chart ${k}](tall.png)` : `![A wide map ${k}](wide.png)`);
  }
  figures.push(para(80));
  section('figures', 'Figures', figures);

  section('death-penalty', 'Death penalty', [para(200, 2), para(160)]);

  const markdown = [
    '---',
    'title: Stress 2022',
    '---',
    '',
    para(80, 1),
    '',
    ...sections.flatMap((s) => [`## ${s.title} {#${s.id}}`, '', ...s.body.flatMap((b) => [b, ''])]),
    ...notes.map((text, k) => `[^${k + 1}]: ${text}\n`),
  ].join('\n');
  return { markdown, sections: sections.map((s) => s.id), files: { 'wide.png': png(1200, 500), 'tall.png': png(300, 700) } };
}

/** An edition of the seed's text about `pages` pages long: its sections repeated under new ids. */
export function seedEdition(pages: number): { markdown: string; sections: string[] } {
  const text = readFileSync(join(sourceDir, 'kazakhstan-2022', 'en.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  const [body, ...rest] = text.split(/\n(?=\[\^1\]:)/);
  const noteDefs = rest.join('\n');
  const summaryEnd = body!.indexOf('\n## ');
  const summary = body!.slice(0, summaryEnd).trim();
  const parts = body!.slice(summaryEnd).split(/\n(?=## )/).map((p) => p.trim()).filter(Boolean);
  // The seed is about 3 pages of text.
  const copies = Math.max(1, Math.round(pages / 3));
  const sections: string[] = [];
  const out: string[] = ['---', `title: Kazakhstan ${pages} pages`, '---', '', summary, ''];
  const defs: string[] = [];
  for (let c = 0; c < copies; c++) {
    for (const part of parts) {
      const [heading, ...lines] = part.split('\n');
      const id = c === 0 && sections.length === 0 ? 'background' : `part-${sections.length + 1}`;
      sections.push(id);
      out.push(`${heading!.replace(/\s*\{#[^}]*\}\s*$/, '')} {#${id}}`, '', lines.join('\n').replace(/\[\^(\d+)\]/g, `[^c${c}n$1]`), '');
    }
    defs.push(noteDefs.replace(/\[\^(\d+)\]/g, `[^c${c}n$1]`));
  }
  return { markdown: [...out, ...defs].join('\n'), sections };
}

/** Writes a generated edition into a temporary project; returns its source directory. */
export function writeProject(markdown: string, sections: string[], files: Record<string, Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-stress-'));
  mkdirSync(join(dir, 'demo'));
  const plan = `type: country-report\ncountry: Kazakhstan\nyear: 2022\nregion: Europe and Central Asia\noriginal: en\nsections: [${sections.join(', ')}]\n`;
  writeFileSync(join(dir, 'demo', 'report.yaml'), plan);
  writeFileSync(join(dir, 'demo', 'en.md'), markdown);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, 'demo', name), data);
  return dir;
}

/** Text lines (body and notes) ending in a hyphen, those at a hyphen Folio inserted, and runs of
 * two and of three or more such lines in a row. */
export function hyphenation(layout: PdfLayout): { lines: number; hyphenated: number; inserted: number; pairs: number; stacks: number } {
  let lines = 0;
  let hyphenated = 0;
  let inserted = 0;
  let pairs = 0;
  let stacks = 0;
  for (const page of layout.pages) {
    let run = 0;
    let kind = '';
    for (const line of page.lines) {
      if (line.kind !== 'body' && line.kind !== 'note') continue;
      if (line.kind !== kind) run = 0;
      kind = line.kind;
      lines++;
      if (line.box.hyphenated) {
        hyphenated++;
        // The hyphen Folio inserts stands for no text; a source hyphen does.
        const runs = line.box.runs;
        const glyphs = runs[runs.length - 1]?.glyphs ?? [];
        if (glyphs[glyphs.length - 1]?.text === '') inserted++;
        run++;
        if (run === 2) pairs++;
        if (run === 3) stacks++;
      } else run = 0;
    }
  }
  return { lines, hyphenated, inserted, pairs, stacks };
}
