// How `folio status` reads on a terminal: one line per edition, what lags behind and by how much.
import type { EditionStatus, ReportStatus, StatusResult } from '../pipeline/status.ts';
import { formatDiagnostic, sortedUnique, type Diagnostic } from '../shared/diagnostic.ts';

/** A broken edition's errors shown under its line; `folio check` lists every one. */
const ERRORS_SHOWN = 3;

/** Problems, indented under the line they explain, the first few of them. */
function problemLines(problems: readonly Diagnostic[], more: string): string {
  const shown = problems.slice(0, ERRORS_SHOWN).map((d) => `\n        ${formatDiagnostic(d)}`).join('');
  const rest = problems.length - ERRORS_SHOWN;
  return rest > 0 ? `${shown}\n        … and ${rest} more: ${more}` : shown;
}

// Made on first use: ICU takes ~9 ms of CPU to set up a number format, and every command loads
// this module, not only `folio status`.
let grouped: Intl.NumberFormat | undefined;

/** Whether a problem is in the edition's own file, not one every edition shares (report.yaml,
 * the templates), which is shown once, under the report's name. */
const ownProblem = (e: EditionStatus, d: Diagnostic) => d.file === e.file;

function describe(e: EditionStatus, originalWords: number | undefined, originalFile: string, slug: string): string {
  const state = e.original && e.state !== 'draft' ? 'original' : e.state;
  const words = `${(grouped ??= new Intl.NumberFormat('en', { useGrouping: true })).format(e.words)} words`;
  const ratio = !e.original && originalWords ? ` (${Math.round((e.words / originalWords) * 100)}% of the original)` : '';
  // A draft's errors are what is left to do, not a fault: its progress is said instead.
  const problems = e.state === 'draft' ? '' : [e.errors ? `${e.errors} error${e.errors === 1 ? '' : 's'}` : '', e.warnings ? `${e.warnings} warning${e.warnings === 1 ? '' : 's'}` : '']
    .filter(Boolean).join(', ');
  let line = `  ${e.lang.padEnd(6)}${state.padEnd(10)}${words}${ratio}${problems ? `; ${problems}` : ''}`;
  if (e.written) line += `; ${e.written.sections} of ${e.written.of} sections written`;
  if (e.written && e.written.toWrite.length > 0 && e.written.sections > 0) {
    const shown = e.written.toWrite.slice(0, 5).join(', ');
    line += `\n        to write: ${shown}${e.written.toWrite.length > 5 ? `, and ${e.written.toWrite.length - 5} more` : ''}`;
  }
  if (e.stale && (e.state === 'broken' || e.state === 'draft')) line += '; also stale';
  // A draft's problems are what is left to do, listed by `folio check --only`.
  if (e.state !== 'draft') line += problemLines(e.problems.filter((d) => ownProblem(e, d)), `folio check --only ${slug}/${e.lang}`);
  if (e.changedSince) {
    line += e.changedSince.sections.length > 0
      ? `\n        changed in the original since: ${e.changedSince.sections.join(', ')} (git diff ${e.changedSince.commit.slice(0, 12)} -- ${originalFile})`
      : `\n        the original changed outside its text since ${e.changedSince.commit.slice(0, 12)}`;
  } else if (e.stale) {
    line += '\n        made from an earlier original not found in git history: compare the whole text';
  }
  return line;
}

/** The report's problems and its editions' problems in shared files, each once. */
function sharedProblems(r: ReportStatus): Diagnostic[] {
  return sortedUnique([...r.problems, ...r.editions.flatMap((e) => e.problems.filter((d) => !ownProblem(e, d)))]);
}

export function formatStatus(result: StatusResult): string {
  return result.reports.map((r) => {
    const original = r.editions.find((e) => e.original);
    const head = `${r.slug}${r.original ? ` (original: ${r.original})` : ''}${problemLines(sharedProblems(r), `folio check --only ${r.slug}`)}`;
    return [head, ...r.editions.map((e) => describe(e, original?.words, r.originalFile ?? 'the original', r.slug))].join('\n');
  }).join('\n\n');
}
