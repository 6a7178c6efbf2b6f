// The output audit: after a writer runs, what it wrote must hold every section and every note of
// the model. A writer that drops content fails the edition instead of publishing a gap.
import { AuditError } from '../shared/errors.ts';
import type { Report } from '../model/types.ts';
import type { Found } from './types.ts';

/** The letters and digits of a text, which every format keeps whatever it does with spaces,
 * punctuation, note numbers, check boxes or the brackets around a remote image's alt text. */
function letters(text: string): string[] {
  return text.normalize('NFKC').match(/[\p{L}\p{N}]/gu) ?? [];
}

/** Whether `found` holds every letter and digit of `expected` in order. Like with like: each
 * writer adds marks of its own (a note number, a back-link arrow), none drops a word. */
export function holdsText(found: string, expected: string): boolean {
  const want = letters(expected);
  let i = 0;
  for (const ch of letters(found)) {
    if (i === want.length) break;
    if (ch === want[i]) i++;
  }
  return i === want.length;
}

export function missingFrom(report: Report, found: Found): { sections: string[]; notes: string[] } {
  const sections = new Set(found.sections);
  const notes = new Set(found.notes);
  const texts = found.noteText;
  return {
    sections: report.sections.map((s) => s.id).filter((id) => !sections.has(id)),
    notes: report.footnotes
      .filter((n) => !notes.has(n.id) || (texts !== undefined && !holdsText(texts[n.id] ?? '', n.text)))
      .map((n) => n.id),
  };
}

export function audit(report: Report, format: string, found: Found): void {
  const missing = missingFrom(report, found);
  const problems = [
    ...missing.sections.map((id) => `section "${id}"`),
    ...missing.notes.map((id) => `note ${id.replace('fn-', '')}`),
  ];
  if (found.problems?.length) {
    throw new AuditError(
      `internal error: the ${format} writer's output of ${report.meta.slug}/${report.lang} is damaged: ${found.problems.join('; ')}${problems.length ? `; it left out ${problems.join(', ')}` : ''}; nothing of this edition was published`,
    );
  }
  if (problems.length > 0) {
    throw new AuditError(
      `internal error: the ${format} writer left out ${problems.join(', ')} of ${report.meta.slug}/${report.lang}; nothing of this edition was published`,
    );
  }
}
