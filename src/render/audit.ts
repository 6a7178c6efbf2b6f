// The output audit: after a writer runs, what it wrote must hold every section and every note of
// the model. A writer that drops content fails the edition instead of publishing a gap.
import { AuditError } from '../shared/errors.ts';
import type { Report } from '../model/types.ts';
import type { Found } from './types.ts';

export function missingFrom(report: Report, found: Found): { sections: string[]; notes: string[] } {
  const sections = new Set(found.sections);
  const notes = new Set(found.notes);
  return {
    sections: report.sections.map((s) => s.id).filter((id) => !sections.has(id)),
    notes: report.footnotes.map((n) => n.id).filter((id) => !notes.has(id)),
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
