// The date an edition is published with: when its text last changed, so a reader sees a true
// date and two builds of the same sources still agree byte for byte. SOURCE_DATE_EPOCH, when set,
// overrides everything; else `date:` in report.yaml; else the time of the last git commit that
// touched the edition; else the fixed epoch of reproducible builds (1980-01-01).
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import type { Report } from '../model/types.ts';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { display } from '../shared/display.ts';

/** Last commit time of every file under a source directory, by absolute path; and whether git
 * answered at all (not when the directory is outside a work tree, has no commit yet, or git is not
 * installed). */
const commitsBySourceDir = new Map<string, { dates: Map<string, Date>; answered: boolean }>();

/** One `git log` for the whole source directory (newest first, so a file's first mention is its
 * last change), rather than a process per edition: a no-op build asks for every edition's date. */
function commitDates(sourceDir: string): { dates: Map<string, Date>; answered: boolean } {
  const known = commitsBySourceDir.get(sourceDir);
  if (known) return known;
  const dates = new Map<string, Date>();
  let answered = false;
  try {
    // Loaded here, not with the module: node:child_process (and the network modules it loads) costs
    // a build ~1 ms of start-up, and one with SOURCE_DATE_EPOCH never runs git.
    const { execFileSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    const out = execFileSync('git', ['log', '--format=@%ct', '--name-only', '--no-renames', '--relative', '--', '.'], {
      cwd: sourceDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000, maxBuffer: 256 << 20,
    });
    let current: Date | undefined;
    for (const line of out.split('\n')) {
      if (line.startsWith('@')) current = new Date(Number(line.slice(1)) * 1000);
      else if (line !== '' && current) {
        const path = resolve(sourceDir, line);
        if (!dates.has(path)) dates.set(path, current);
      }
    }
    answered = true;
  } catch {
    // Not a git work tree, or no git: editions fall back to the build's date.
  }
  const found = { dates, answered };
  commitsBySourceDir.set(sourceDir, found);
  return found;
}

/** Forgets what git said: each build asks again (a long-running watch sees new commits). */
export function forgetCommitDates(): void {
  commitsBySourceDir.clear();
}

/** The time of the last commit touching `file` (an edition, `source/<report>/<lang>.md`), or
 * undefined when git does not know it. */
export function lastCommitDate(file: string): Date | undefined {
  const path = resolve(file);
  return commitDates(dirname(dirname(path))).dates.get(path);
}

/** The date of one edition's outputs; `fallback` is the build's date (SOURCE_DATE_EPOCH or 1980). */
export function editionDate(report: Report, fallback: Date, env: NodeJS.ProcessEnv = process.env): Date {
  if (env.SOURCE_DATE_EPOCH) return fallback;
  if (report.meta.date) return new Date(`${report.meta.date}T00:00:00Z`);
  return lastCommitDate(report.sourcePath) ?? fallback;
}

/** report:date — an edition dated by nothing (no `date:`, not committed to git, no
 * SOURCE_DATE_EPOCH) prints the reproducible-build epoch under its title: a warning at report.yaml,
 * where `date:` would go, so the first preview of a new edition does not pass "1 January 1980" in
 * silence. */
export function undatedWarning(report: Report, env: NodeJS.ProcessEnv = process.env): Diagnostic | undefined {
  if (env.SOURCE_DATE_EPOCH || report.meta.date || lastCommitDate(report.sourcePath)) return undefined;
  const plan = join(dirname(report.sourcePath), 'report.yaml');
  return {
    file: plan, line: 1, column: 1, severity: 'warning', ruleId: 'report:date',
    message: `${basename(report.sourcePath)} has no date: it is printed as 1 January 1980, the date of reproducible builds`,
    hint: 'set `date: 2023-03-27` in report.yaml, or commit the edition to git: its last commit dates it',
  };
}

/** The report:date warnings of a build whose sources git does not date (outside a work tree, no
 * commit yet, no git), made one: there every edition is undated, and a collection of hundreds of
 * editions would get as many warnings, burying any other at every build. It stands at the first
 * undated report.yaml. Where git dates the sources, each edition not yet committed (a translation
 * previewed before its first commit) keeps its own warning. */
export function undatedOnce(diagnostics: readonly Diagnostic[], sourceDir: string): Diagnostic[] {
  const undated = diagnostics.filter((d) => d.ruleId === 'report:date');
  if (undated.length < 2 || commitDates(resolve(sourceDir)).answered) return [...diagnostics];
  const reports = new Set(undated.map((d) => d.file));
  const first = undated.reduce((a, b) => (b.file < a.file ? b : a));
  const one: Diagnostic = {
    ...first,
    message: `${undated.length} editions in ${reports.size === 1 ? 'this report' : `${reports.size} reports`} have no date: they are printed as 1 January 1980, the date of reproducible builds`,
    hint: `git does not date ${display(resolve(sourceDir)) || '.'} (not a git work tree, no commit yet, or no git): commit it, set SOURCE_DATE_EPOCH for the build, or \`date: 2023-03-27\` in each report.yaml, this one first`,
  };
  return [...diagnostics.filter((d) => d.ruleId !== 'report:date'), one];
}
