// `npm run bench`: Folio's speed, size and memory figures on the Kazakhstan 2022 report, against
// the targets the issues set. Rendering is single-threaded, so each figure is one core's work.
// Timings are medians of repeated warm runs (fonts and templates loaded once per process, as in
// a build); the cold figure is a whole `folio build` in a fresh process.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createContext } from '../src/pipeline/context.ts';
import { loadProject } from '../src/pipeline/load.ts';
import type { Report } from '../src/model/types.ts';
import { formats, loadWriter } from '../src/render/registry.ts';
import type { Format } from '../src/render/types.ts';

const root = resolve(import.meta.dirname, '..');
const sourceDir = join(root, 'source');
const templatesDir = join(root, 'templates');
const runs = Number(process.env.BENCH_RUNS ?? 30);

const targets: Partial<Record<Format | 'model', number>> = { pdf: 100, docx: 50 };
const sizeTargets: Partial<Record<Format, number>> = { pdf: 150 * 1024 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn: () => unknown | Promise<unknown>): Promise<{ median: number; p95: number; first: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const warm = samples.slice(3).sort((a, b) => a - b);
  return { first: samples[0], median: median(warm), p95: warm[Math.floor(warm.length * 0.95)] };
}

const rows: string[][] = [];
let failed = false;
function row(name: string, t: { median: number; p95: number; first: number }, extra = '', target?: number) {
  const verdict = target === undefined ? '' : t.median <= target ? `target ${target} ms: met` : `target ${target} ms: MISSED`;
  if (target !== undefined && t.median > target) failed = true;
  rows.push([name, t.first.toFixed(1), t.median.toFixed(1), t.p95.toFixed(1), extra, verdict]);
}

const load = () => loadProject({ sourceDir, templatesDir, only: ['kazakhstan-2022/en'] }).reports[0].editions[0].report as Report;
row('parse + check + model', await time(load));
const report = load();
const date = new Date(Date.UTC(2023, 2, 27));
const ctx = createContext(report, { templatesDir, sourceDir, date });
for (const format of formats) {
  const writer = await loadWriter(format);
  let size = 0;
  const t = await time(async () => {
    const rendered = await writer.render(report, ctx);
    size = typeof rendered.data === 'string' ? Buffer.byteLength(rendered.data) : rendered.data.length;
  });
  const sizeTarget = sizeTargets[format];
  const sizeNote = `${(size / 1024).toFixed(1)} KB${sizeTarget ? (size <= sizeTarget ? ` (≤ ${sizeTarget / 1024} KB: met)` : ` (≤ ${sizeTarget / 1024} KB: MISSED)`) : ''}`;
  if (sizeTarget && size > sizeTarget) failed = true;
  row(`${format} render`, t, sizeNote, targets[format]);
}

// Whole builds in a new process each: the seed alone, and a collection of 50 reports (the seed
// copied under 50 names), as an annual report's country entries would be built in CI.
const folio = join(root, 'bin', 'folio.js');
function wholeBuild(source: string, extra: string[] = []): number {
  const out = mkdtempSync(join(tmpdir(), 'folio-bench-'));
  const start = performance.now();
  const result = spawnSync(process.execPath, [folio, 'build', '--quiet', '--source', source, '--out', out, ...extra], { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    console.error(result.stderr);
    failed = true;
  }
  return ms;
}
wholeBuild(sourceDir); // makes the CLI bundle, if the sources changed since the last run
const single = Math.min(wholeBuild(sourceDir), wholeBuild(sourceDir));
const collection = mkdtempSync(join(tmpdir(), 'folio-bench-src-'));
const collectionSize = 50;
for (let i = 1; i <= collectionSize; i++) cpSync(join(sourceDir, 'kazakhstan-2022'), join(collection, `report-${String(i).padStart(2, '0')}`), { recursive: true });
const many = wholeBuild(collection);

// Pandoc, when installed, on the same files: one process per file and format, as it is run.
const pandoc = spawnSync('pandoc', ['--version']).status === 0;
function pandocAll(count: number): number {
  const out = mkdtempSync(join(tmpdir(), 'folio-bench-pandoc-'));
  const edition = join(sourceDir, 'kazakhstan-2022', 'en.md');
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    for (const ext of ['html', 'docx']) spawnSync('pandoc', ['-s', edition, '-o', join(out, `r${i}.${ext}`)]);
  }
  return performance.now() - start;
}

const widths = [26, 9, 10, 9, 28, 24];
const header = ['step', 'first ms', 'median ms', 'p95 ms', 'output', 'verdict'];
console.log(`Folio benchmark: kazakhstan-2022/en, ${runs} warm runs each, Node ${process.version}\n`);
for (const r of [header, ...rows]) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join(' ').trimEnd());
console.log(`\nwhole \`folio build\`, new process, Node start included, all four formats:`);
console.log(`  kazakhstan-2022 alone: ${single.toFixed(0)} ms`);
console.log(`  ${collectionSize} reports: ${many.toFixed(0)} ms (${(many / collectionSize).toFixed(0)} ms a report)`);
if (pandoc) {
  const p = pandocAll(collectionSize);
  console.log(`pandoc ${spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].split(' ')[1]}, HTML and DOCX only (no PDF, no checks), one process per file: ${collectionSize} reports ${p.toFixed(0)} ms (${(p / collectionSize).toFixed(0)} ms a report)`);
} else {
  console.log('pandoc: not installed, no comparison');
}
console.log(`peak memory of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
process.exitCode = failed ? 1 : 0;
