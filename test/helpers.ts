// Shared by the tests: the seed report as the model, a writer context, temporary projects, and
// whether an external tool is installed (tests that need one skip with a visible reason).
import { execFileSync, spawnSync } from 'node:child_process';
import { it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext } from '../src/pipeline/context.ts';
import { allDiagnostics, loadProject } from '../src/pipeline/load.ts';
import type { Report } from '../src/model/types.ts';
import type { WriterContext } from '../src/render/types.ts';
import { formatDiagnostic } from '../src/shared/diagnostic.ts';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sourceDir = join(root, 'source');
export const templatesDir = join(root, 'templates');
/** The published text of the first report, kept in the repository so tests need nothing outside it. */
export const seedText = readFileSync(join(root, 'test', 'seed', 'kazakhstan-2022.txt'), 'utf8');
export const fixedDate = new Date(Date.UTC(2023, 2, 27, 12, 0, 0));

/** Loads every edition under a source directory; throws with the messages if any has errors. */
export function loadReports(dir = sourceDir): Report[] {
  const project = loadProject({ sourceDir: dir, templatesDir });
  const errors = allDiagnostics(project).filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map(formatDiagnostic).join('\n'));
  return project.reports.flatMap((r) => r.editions.map((e) => e.report!));
}

export async function seedReport(): Promise<Report> {
  return loadReports().find((r) => r.meta.slug === 'kazakhstan-2022' && r.lang === 'en')!;
}

/** A report from Markdown text, in a temporary copy of the seed's report.yaml unless one is given. */
export function reportFrom(markdown: string, options: { lang?: string; reportYaml?: string } = {}): Report {
  const dir = tempProject({ [`${options.lang ?? 'en'}.md`]: markdown }, options.reportYaml);
  return loadReports(dir)[0];
}

/** A temporary source directory holding one report, `demo`, with the given files. */
export function tempProject(files: Record<string, string>, reportYaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-src-'));
  const reportDir = join(dir, 'demo');
  mkdirSync(reportDir);
  writeFileSync(join(reportDir, 'report.yaml'), reportYaml ?? readFileSync(join(sourceDir, 'kazakhstan-2022', 'report.yaml'), 'utf8'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(reportDir, name), text);
  return dir;
}

/** A report.yaml planning these sections (the seed's country, year and region). */
export function planYaml(sections: string[], original = 'en'): string {
  return `type: country-report\ncountry: Kazakhstan\nyear: 2022\nregion: Europe and Central Asia\noriginal: ${original}\nsections: [${sections.join(', ')}]\n`;
}

export function writerContext(report: Report, dir = sourceDir): WriterContext {
  return createContext(report, { templatesDir, sourceDir: dir, date: fixedDate });
}

export function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** A test that needs an external tool: skipped, with the reason in its name, when it is absent. */
export function needs(tool: string): typeof it {
  if (has(tool)) return it;
  const skip = ((name: string, ...rest: unknown[]) => (it.skip as (...a: unknown[]) => void)(`${name} (skipped: ${tool} is not installed)`, ...rest)) as unknown as typeof it;
  return skip;
}

/** Words of a text, for in-order comparisons across formats. */
export function words(text: string): string[] {
  return text.normalize('NFC').split(/\s+/).filter(Boolean);
}

/** The seed's report text: everything after the two boilerplate lines. */
export function seedReportText(): string {
  return seedText.split('\n').slice(2).join('\n');
}

export function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** pdftotext's words, a word Folio hyphenated at a line end joined with the next line's word. */
export function extractedWords(text: string, expected: Set<string>): string[] {
  // A word Folio cut at a line end comes out whole from pdftotext's reading order, but as two
  // pieces in -layout and -raw mode (the first ending in the inserted hyphen's "-"): joined here
  // when they make a word of the source and the first is none on its own.
  const out: string[] = [];
  let carry = '';
  for (const line of text.split('\n')) {
    const ws = words(line);
    ws.forEach((w, k) => {
      let word = w;
      if (carry) {
        const bare = (s: string): string => s.replace(/^(\D+?)\d+$/u, '$1');
        const joins = (head: string): boolean => expected.has(bare(head + w)) || expected.has(head + w);
        // In -layout mode the hyphen Folio inserts extracts as "-" (its ActualText, which
        // pdftotext's reading order removes): "peace-" and "ful" make "peaceful".
        const head = carry.endsWith('-') && !joins(carry) && joins(carry.slice(0, -1)) ? carry.slice(0, -1) : carry;
        if (joins(head) && (!expected.has(carry) || !expected.has(bare(w)))) word = head + w;
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
