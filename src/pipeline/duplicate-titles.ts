// report:duplicate-title — two reports with one title in one language are two entries the index,
// the page titles and the bookmarks of a reader cannot tell apart: most often a folder copied from
// last year's with its title left as it was. A warning at the later one's `title:` line (reports
// in the order of their folders' names); found from the titles every build reads anyway, so a
// build with nothing to do says it too.
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { display } from './paths.ts';

/** A report's editions with their titles, as a build reads them (SourceReport) or a check has
 * them. */
export interface TitledReport {
  slug: string;
  editions: readonly { lang: string; file: string; front: { title?: string } }[];
}

export function duplicateTitles(reports: readonly TitledReport[]): Diagnostic[] {
  const first = new Map<string, string>();
  const found: Diagnostic[] = [];
  for (const report of [...reports].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))) {
    for (const edition of report.editions) {
      const title = edition.front.title?.trim();
      if (!title) continue;
      const key = `${edition.lang}\u0000${title.toLowerCase()}`;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, edition.file);
        continue;
      }
      found.push({
        file: display(edition.file), ...titleLine(edition.file), severity: 'warning', ruleId: 'report:duplicate-title',
        message: `Title "${title}" is also the title of ${display(earlier)}`,
        hint: 'the index lists both under one name: give each report a title of its own, such as its year',
      });
    }
  }
  return found;
}

/** Where `title:` is written in an edition's front matter (its first line, if not found). */
function titleLine(file: string): { line: number; column: number } {
  try {
    const lines = readFileSync(file, 'utf8').split('\n', 200);
    const at = lines.findIndex((line, i) => i > 0 && /^title\s*:/.test(line));
    return at === -1 ? { line: 1, column: 1 } : { line: at + 1, column: 1 };
  } catch {
    return { line: 1, column: 1 };
  }
}
