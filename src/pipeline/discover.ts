// Which folders under source/ are reports. A folder that looks like one but cannot be published
// (no report.yaml, a name that cannot become a file name and a link, a symbolic link) is
// reported, never skipped in silence.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { FolioError } from '../shared/errors.ts';
import { editionLike } from './editions.ts';

/** A report folder's name becomes a path segment of every output and a link in dist/index.html:
 * lowercase letters, digits and hyphens only, as the JSON schema's `slug` says. */
export const slugPattern = /^[a-z0-9][a-z0-9-]*$/;

export interface Discovered {
  /** Report folders, sorted. */
  slugs: string[];
  /** Why other folders are not reports. */
  problems: Diagnostic[];
}

/** Stops a command whose templates folder is missing: every edition would otherwise fail on its
 * labels and its report type, none saying why. */
export function requireTemplates(templatesDir: string): void {
  const hint = 'pass the folder that holds theme.yaml, labels/ and report-types/: --templates DIR';
  if (!existsSync(templatesDir) || !statSync(templatesDir).isDirectory()) {
    throw new FolioError(`templates directory "${templatesDir}" not found (${hint})`);
  }
  // Before anything reads it: every file in the folder goes into what each output is made from.
  if (!existsSync(join(templatesDir, 'theme.yaml'))) {
    throw new FolioError(`templates directory "${templatesDir}" holds no theme.yaml, so it is not Folio's templates (${hint})`);
  }
}

/** Stops a command whose source folder is missing, or is a report's folder rather than the one
 * holding the reports. */
export function requireSources(sourceDir: string): void {
  if (!existsSync(sourceDir) || !statSync(sourceDir).isDirectory()) {
    throw new FolioError(`source directory "${sourceDir}" not found`);
  }
  if (existsSync(join(sourceDir, 'report.yaml'))) {
    throw new FolioError(`--source ${shown(sourceDir)} is a report folder (it holds report.yaml); pass the folder that holds the reports: --source ${shown(dirname(sourceDir))}`);
  }
}

export function discover(sourceDir: string): Discovered {
  requireSources(sourceDir);
  const slugs: string[] = [];
  const problems: Diagnostic[] = [];
  const problem = (file: string, severity: 'error' | 'warning', message: string, hint: string) =>
    problems.push({ file: shown(file), line: 1, column: 1, severity, ruleId: 'report:plan', message, hint });
  for (const entry of readdirSync(sourceDir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const dir = join(sourceDir, entry.name);
    if (entry.isSymbolicLink()) {
      problem(dir, 'error', `Unexpected symbolic link "${clip(entry.name)}" in the source folder, expected a report folder`,
        'move the report folder itself into the source folder; Folio reads nothing outside it');
      continue;
    }
    if (!entry.isDirectory()) {
      // An edition written straight into the source folder is never published: say so. A README
      // for the editors is at home there.
      if (editionLike(entry.name)) {
        problem(dir, 'warning', `Markdown file "${clip(entry.name)}" in the source folder is not published: a report is a folder of its own`,
          `move it into its report's folder, beside report.yaml, named by its language, as ${shown(join(sourceDir, 'REPORT', 'en.md'))}`);
      }
      continue;
    }
    const plan = join(dir, 'report.yaml');
    if (!existsSync(plan)) {
      const editions = readdirSync(dir).filter(editionLike);
      if (editions.length > 0) {
        problem(plan, 'error', `Missing report.yaml in report folder "${clip(entry.name)}", so ${clip(editions.join(', '))} cannot be published`,
          'add report.yaml with type, country, year, region, original and sections (copy one from another report)');
      } else {
        problem(dir, 'warning', `Unexpected folder "${clip(entry.name)}" in the source folder, expected a report folder with report.yaml`,
          'move it out of the source folder, or add its report.yaml and editions');
      }
      continue;
    }
    if (!slugPattern.test(entry.name)) {
      problem(plan, 'error', `Unexpected report folder name "${clip(entry.name)}", expected lowercase letters, digits and hyphens`,
        'rename the folder, e.g. kazakhstan-2022: its name becomes the file names and links of every output');
      continue;
    }
    slugs.push(entry.name);
  }
  return { slugs, problems };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
