// The date an edition is published with: when its text last changed, so a reader sees a true
// date and two builds of the same sources still agree byte for byte. SOURCE_DATE_EPOCH, when set,
// overrides everything; else `date:` in report.yaml; else the time of the last git commit that
// touched the edition; else the fixed epoch of reproducible builds (1980-01-01).
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import type { Report } from '../model/types.ts';
import type { Diagnostic } from '../shared/diagnostic.ts';

/** Last commit time of every file under a source directory, by absolute path. */
const commitsBySourceDir = new Map<string, Map<string, Date>>();

/** One `git log` for the whole source directory (newest first, so a file's first mention is its
 * last change), rather than a process per edition: a no-op build asks for every edition's date. */
function commitDates(sourceDir: string): Map<string, Date> {
  const known = commitsBySourceDir.get(sourceDir);
  if (known) return known;
  const dates = new Map<string, Date>();
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
  } catch {
    // Not a git work tree, or no git: editions fall back to the build's date.
  }
  commitsBySourceDir.set(sourceDir, dates);
  return dates;
}

/** Forgets what git said: each build asks again (a long-running watch sees new commits). */
export function forgetCommitDates(): void {
  commitsBySourceDir.clear();
}

/** The time of the last commit touching `file` (an edition, `source/<report>/<lang>.md`), or
 * undefined when git does not know it. */
export function lastCommitDate(file: string): Date | undefined {
  const path = resolve(file);
  return commitDates(dirname(dirname(path))).get(path);
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
