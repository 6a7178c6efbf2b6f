// Code in the PDF: inline code and code blocks are set in the theme's monospaced face (a subset
// like the others), code blocks keep their lines and spaces, and a line wider than the measure
// wraps at any character instead of overflowing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContentError } from '../src/shared/errors.ts';
import type { Report } from '../src/model/types.ts';
import { inspectPdf, renderPdf, type PdfLayout } from '../src/render/pdf/index.ts';
import { audit } from '../src/render/audit.ts';
import type { PlacedLine } from '../src/render/pdf/types.ts';
import { reportFrom, run, writerContext, planYaml, needs } from './helpers.ts';

const plan = planYaml(['background', 'death-penalty']);

const longRow = `${'x'.repeat(40)}_${'verylongidentifier'.repeat(8)}`;
const markdown = `---
title: Code
---

Summary with \`inline_code()\` in it.

## Background

Run \`folio build --only kazakhstan-2022\` to build the editions.

\`\`\`
function add(a, b) {
    return a + b;   // two spaces
}

${longRow}
\`\`\`

## Death penalty

Text.
`;

const dir = mkdtempSync(join(tmpdir(), 'folio-pdf-code-'));
let report: Report;
let data: Uint8Array;
let layout: PdfLayout;
let file: string;

beforeAll(async () => {
  report = reportFrom(markdown, { reportYaml: plan });
  ({ data, layout } = await renderPdf(report, writerContext(report)));
  file = join(dir, 'code.pdf');
  writeFileSync(file, data);
});

const lines = (): PlacedLine[] => layout.pages.flatMap((p) => p.lines);
const textOf = (line: PlacedLine): string => line.box.runs.flatMap((r) => r.glyphs.map((g) => g.text)).join('');
const monoRuns = (line: PlacedLine): string[] =>
  line.box.runs.filter((r) => r.face.includes('NotoSansMono')).map((r) => r.glyphs.map((g) => g.text).join(''));

describe('PDF code', () => {
  it('sets inline code in the monospaced face and the text around it in the body face', () => {
    const line = lines().find((l) => textOf(l).startsWith('Run '))!;
    expect(monoRuns(line)).toEqual(['folio build --only kazakhstan-2022']);
    const around = line.box.runs.filter((r) => !r.face.includes('NotoSansMono'));
    expect(around.every((r) => r.face.includes('NotoSerif'))).toBe(true);
    const summary = lines().find((l) => textOf(l).startsWith('Summary'))!;
    expect(monoRuns(summary)).toEqual(['inline_code()']);
  });

  it('sets a code block in the monospaced face, one source line to a line, spaces kept', () => {
    const code = lines().filter((l) => l.box.runs.length && l.box.runs.every((r) => r.face.includes('NotoSansMono')));
    const texts = code.map(textOf);
    expect(texts.slice(0, 3)).toEqual(['function add(a, b) {', '    return a + b;   // two spaces', '}']);
    // Ragged, never stretched: the glyphs keep the face's own advances.
    const advances = new Set(code.flatMap((l) => l.box.runs.flatMap((r) => r.glyphs.map((g) => g.advance.toFixed(3)))));
    expect(advances.size).toBe(1);
  });

  it('wraps a code line wider than the measure at any character, losing none', () => {
    const code = lines().filter((l) => l.box.runs.some((r) => r.face.includes('NotoSansMono')) && /^x{40}_|^[a-z]+$/.test(textOf(l)) && !textOf(l).includes(' '));
    expect(code.length).toBeGreaterThan(1);
    expect(code.map(textOf).join('')).toBe(longRow);
    for (const line of code) expect(line.box.width).toBeLessThanOrEqual(line.box.measure + 0.01);
    // The wrapped lines are full: each holds as many characters as the measure takes.
    expect(code[0]!.box.measure - code[0]!.box.width).toBeLessThan(code[0]!.box.runs[0]!.glyphs[0]!.advance);
    for (const line of lines()) expect(line.box.width).toBeLessThanOrEqual(line.box.measure + 0.01);
  });

  needs('pdffonts')('embeds the monospaced face as a tagged subset (pdffonts)', () => {
    const rows = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(rows.some((row) => /^[A-Z]{6}\+NotoSansMono-Regular\s/.test(row))).toBe(true);
    for (const row of rows) expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  needs('pdftotext')('extracts the code text (pdftotext)', () => {
    const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(text).toContain('Run folio build --only kazakhstan-2022 to build');
    expect(text).toContain('inline_code()');
    expect(text).toContain('function add(a, b) {');
    expect(text).toMatch(/return a \+ b;\s+\/\/ two spaces/);
    expect(text.replace(/\s+/g, '')).toContain(longRow);
  });

  it('sets Arabic in a code line right to left, the line left to right, and gives it in reading order', async () => {
    const md = markdown.replace('Text.\n', 'Text.[^1]\n\n[^1]: A query:\n\n        SELECT name FROM rights WHERE word = \'الحقوق\';\n');
    const r = reportFrom(md, { reportYaml: plan });
    const { layout: l, data: pdf } = await renderPdf(r, writerContext(r));
    const line = l.pages.flatMap((p) => p.lines).find((x) => x.kind === 'note' && x.box.text !== undefined)!;
    // Drawn: the Latin left to right, then the Arabic word with its letters in visual order
    // (its last letter leftmost), then the closing quote and semicolon.
    const drawn = line.box.runs.flatMap((run) => run.glyphs.map((g) => g.text)).join('');
    expect(drawn.replace(/\u061c/g, '')).toBe("SELECT name FROM rights WHERE word = 'قوقحلا';");
    // Read: in reading order, as written.
    expect(line.box.text).toBe("SELECT name FROM rights WHERE word = 'الحقوق';");
    // The note is found in the file's text: it was lost to the audit, which failed the edition.
    const found = await inspectPdf(pdf, r);
    expect(found.problems).toEqual([]);
    expect(() => audit(r, 'pdf', found)).not.toThrow();
  });

  it('is byte-identical when rendered twice', async () => {
    const again = await renderPdf(report, writerContext(report));
    expect(Buffer.from(again.data).equals(Buffer.from(data))).toBe(true);
  });

  it('reports a character no font can draw in a code block at its source line', async () => {
    const r = reportFrom(markdown.replace('return a + b;', 'return a + b; 😀'), { reportYaml: plan });
    const error = (await renderPdf(r, writerContext(r)).catch((e: unknown) => e)) as ContentError;
    expect(error).toBeInstanceOf(ContentError);
    expect(error.ruleId).toBe('font:missing-glyph');
    expect(error.line).toBe(13);
    expect(error.column).toBe(19);
  });
});
