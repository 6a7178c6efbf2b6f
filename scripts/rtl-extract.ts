// `npm run extract:ar [-- some.pdf]`: how text extractors read the Arabic seed edition's PDF, built
// here (or any PDF of that edition given, such as LibreOffice's from the Word file). For each
// extractor found (pdftotext, pdftotext -raw, mupdf's mutool, pdf.js, PDFium) it counts the lines holding
// Arabic that read as a stretch of the source in reading order, those that do once spaces are left
// out, those that do reversed, and the rest, with a few of each. The figures behind the choice of
// encoding for right-to-left lines (see actualText in src/render/pdf/content.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/pipeline/build.ts';
import { dateInWords, label } from '../src/shared/label.ts';
import { fixedDate, loadReports, sourceDir, templatesDir, writerContext } from '../test/helpers.ts';

const ar = loadReports().find((r) => r.lang === 'ar')!;
let pdf = process.argv[2];
if (!pdf) {
  const out = mkdtempSync(join(tmpdir(), 'folio-extract-'));
  await build({ sourceDir, templatesDir, outDir: out, formats: ['pdf'], date: fixedDate, only: ['kazakhstan-2022/ar'] });
  pdf = join(out, 'kazakhstan-2022', 'kazakhstan-2022.ar.pdf');
}

/** A line as read: without invisible marks and bidi controls, NFC, spaces collapsed. */
function readLine(line: string): string {
  return line.replace(/[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** What a line may hold, in reading order (as in test/editions.test.ts). */
function references(pages: number): string[] {
  const labels = writerContext(ar).labels;
  const refs = [labels.disclaimer, labels.backLink, labels.contents, ar.meta.title, dateInWords(fixedDate, labels), ar.summaryText,
    ...ar.sections.flatMap((s) => [s.titleText, s.text]), ...ar.footnotes.map((n) => `${n.number}. ${n.text}`)];
  for (let page = 1; page <= pages; page++) refs.push(`${ar.meta.title} ${label(labels.pageOf, { page, pages })}`);
  return refs.map(readLine);
}

const titles = ar.sections.map((s) => readLine(s.titleText));
const squeeze = (s: string) => s.replace(/\.(?: ?\.){2,}/gu, '').replace(/\s/gu, '');

function classify(name: string, lines: string[], pages: number): void {
  const known = references(pages);
  const knownSqueezed = known.map(squeeze);
  const entry = (l: string) => titles.includes(l.replace(/\.(?: ?\.){2,}/gu, '').replace(/ ?\d+$/u, '').trim());
  const counts = { logical: 0, spacing: 0, reversed: 0, broken: 0 };
  const samples: string[] = [];
  for (const raw of lines) {
    const line = readLine(raw);
    if (!/\p{Script=Arabic}/u.test(line)) continue;
    let kind: keyof typeof counts = 'broken';
    const reversed = [...line].reverse().join('');
    if (known.some((r) => r.includes(line)) || entry(line)) kind = 'logical';
    else if (knownSqueezed.some((r) => r.includes(squeeze(line)))) kind = 'spacing';
    else if (knownSqueezed.some((r) => r.includes(squeeze(reversed)))) kind = 'reversed';
    counts[kind]++;
    if (kind !== 'logical' && samples.filter((s) => s.startsWith(kind)).length < 2) samples.push(`${kind}: ${line.slice(0, 90)}`);
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`${name.padEnd(16)} ${String(total).padStart(5)} lines: ${counts.logical} in reading order, ${counts.spacing} only with spaces off, ${counts.reversed} reversed, ${counts.broken} otherwise`);
  for (const s of samples) console.log(`    ${s}`);
}

function tool(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  return result.error || result.status !== 0 ? undefined : result.stdout;
}

const poppler = tool('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
const pages = doc.numPages;
console.log(`${pdf}: ${pages} pages`);
if (poppler === undefined) console.log('pdftotext: not installed');
else {
  classify('pdftotext', poppler.split('\n'), pages);
  classify('pdftotext -raw', (tool('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-']) ?? '').split('\n'), pages);
}
const mupdf = tool('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', pdf]);
if (mupdf === undefined) console.log('mutool: not installed (Debian: mupdf-tools)');
else classify('mutool', mupdf.split('\n'), pages);
const lines: string[] = [];
for (let n = 1; n <= pages; n++) {
  const content = await (await doc.getPage(n)).getTextContent({ disableNormalization: true });
  lines.push(...content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('').split('\n'));
}
classify('pdf.js', lines, pages);

// PDFium, the engine of Chrome's and Edge's PDF viewers, as WebAssembly: a dev dependency, not one
// of Folio (11 MB). Its getText is FPDFText_LoadPage, FPDFText_CountChars and FPDFText_GetText over the
// whole page: the text page the viewers copy, search and hand to assistive technology, ActualText
// honoured and then reordered by PDFium's own bidi pass. PDFium takes a text object's ActualText
// from its innermost marked content with a property list, so a line's ActualText span that held a
// structure element's <</MCID n>> yielded nothing at all (hence the span inside the mark).
interface Pdfium {
  PDFiumLibrary: { init(): Promise<{ loadDocument(data: Uint8Array): Promise<{ pages(): Iterable<{ getText(): string }>; destroy(): void }>; destroy(): void }> };
}
const pdfiumPackage = '@hyzyla/pdfium';
const pdfium = (await import(pdfiumPackage).catch(() => undefined)) as Pdfium | undefined;
if (!pdfium) console.log(`PDFium: not installed (npm ci installs ${pdfiumPackage}, a dev dependency)`);
else {
  const library = await pdfium.PDFiumLibrary.init();
  const document = await library.loadDocument(new Uint8Array(readFileSync(pdf)));
  const text: string[] = [];
  for (const page of document.pages()) text.push(...page.getText().split(/\r?\n/u));
  document.destroy();
  library.destroy();
  classify('PDFium', text, pages);
}
