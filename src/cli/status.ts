// How `folio status` reads on a terminal: one line per edition, what lags behind and by how much.
import type { EditionStatus, StatusResult } from '../pipeline/status.ts';

// Made on first use: ICU takes ~9 ms of CPU to set up a number format, and every command loads
// this module, not only `folio status`.
let grouped: Intl.NumberFormat | undefined;

function describe(e: EditionStatus, originalWords: number | undefined, originalFile: string): string {
  const state = e.original ? 'original' : e.state;
  const words = `${(grouped ??= new Intl.NumberFormat('en', { useGrouping: true })).format(e.words)} words`;
  const ratio = !e.original && originalWords ? ` (${Math.round((e.words / originalWords) * 100)}% of the original)` : '';
  const problems = [e.errors ? `${e.errors} error${e.errors === 1 ? '' : 's'}` : '', e.warnings ? `${e.warnings} warning${e.warnings === 1 ? '' : 's'}` : '']
    .filter(Boolean).join(', ');
  let line = `  ${e.lang.padEnd(6)}${state.padEnd(10)}${words}${ratio}${problems ? `; ${problems}` : ''}`;
  if (e.stale && e.state === 'broken') line += '; also stale';
  if (e.changedSince) {
    line += e.changedSince.sections.length > 0
      ? `\n        changed in the original since: ${e.changedSince.sections.join(', ')} (git diff ${e.changedSince.commit.slice(0, 12)} -- ${originalFile})`
      : `\n        the original changed outside its text since ${e.changedSince.commit.slice(0, 12)}`;
  } else if (e.stale) {
    line += '\n        made from an earlier original not found in git history: compare the whole text';
  }
  return line;
}

export function formatStatus(result: StatusResult): string {
  return result.reports.map((r) => {
    const original = r.editions.find((e) => e.original);
    const head = `${r.slug}${r.original ? ` (original: ${r.original})` : ''}`;
    return [head, ...r.editions.map((e) => describe(e, original?.words, r.originalFile ?? 'the original'))].join('\n');
  }).join('\n\n');
}
