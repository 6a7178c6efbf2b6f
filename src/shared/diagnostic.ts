// A problem found in the sources, as Folio reports it: position, severity, rule id and a hint.
import type { VFile } from 'vfile';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
  ruleId: string;
  hint?: string;
}

export function fromVFile(file: VFile): Diagnostic[] {
  return file.messages.map((m) => ({
    file: file.path,
    line: m.line ?? 1,
    column: m.column ?? 1,
    severity: m.fatal ? 'error' : 'warning',
    message: m.reason,
    ruleId: m.ruleId ? `${m.ruleId}` : 'report:unknown',
    hint: m.note,
  }));
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  // UTF-16 code unit order: the same on every machine, whatever its locale, and without the ICU
  // collator localeCompare sets up on first use (~5 ms of a no-op build's CPU).
  return byCodeUnit(a.file, b.file) || a.line - b.line || a.column - b.column || byCodeUnit(a.ruleId, b.ruleId);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `file:line:column: error message (hint)  rule-id`: one line per problem. */
export function formatDiagnostic(d: Diagnostic): string {
  const hint = d.hint ? ` (${d.hint.replace(/\n/g, ' ')})` : '';
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.message}${hint}  ${d.ruleId}`;
}

/** The diagnostics in file and position order, each problem once: a problem of a file the editions
 * share (report.yaml, a labels file) found while writing each edition is one problem. */
export function sortedUnique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return [...diagnostics].sort(byPosition).filter((d) => {
    const key = JSON.stringify([d.file, d.line, d.column, d.severity, d.ruleId, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
