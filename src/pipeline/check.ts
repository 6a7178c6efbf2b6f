// `folio check`: every edition parsed and checked, nothing written. Apart from build.ts so that a
// build that has nothing to do never loads the parser and the checks.
import type { Diagnostic } from '../shared/diagnostic.ts';
import { allDiagnostics, loadProject } from './load.ts';
import { duplicateTitles } from './duplicate-titles.ts';
import { sourceEditions } from './editions.ts';
import { sortedUnique } from '../shared/diagnostic.ts';
import { internalRule, locatedTemplateError } from '../shared/errors.ts';
import { clearTemplateCache, labelsLanguage, loadLabels, loadTheme } from '../templates/load.ts';
import { forgetRealFolders } from '../shared/files.ts';

export interface CheckOptions {
  sourceDir: string;
  templatesDir: string;
  only?: string[];
  strict?: boolean;
}

import { blocking } from './severity.ts';

export function check(options: CheckOptions): { diagnostics: Diagnostic[]; exitCode: 0 | 1 | 2; editions: number; drafts: string[] } {
  forgetRealFolders();
  clearTemplateCache();
  const project = loadProject(options);
  // The templates a build would use, checked as a build checks them: the theme, and the labels of
  // every language an edition is written in.
  const languages = new Set(project.reports.flatMap((r) => r.editions.map((e) => e.lang)));
  const templates = [() => loadTheme(options.templatesDir), ...[...languages].map((lang) => () => {
    const found = labelsLanguage(options.templatesDir, lang);
    if (found) loadLabels(options.templatesDir, found, { country: '', countryId: '', region: '', lang, year: 0, title: '' });
  })].flatMap((load) => {
    try {
      load();
      return [];
    } catch (error) {
      if (!locatedTemplateError(error)) throw error;
      return error.diagnostics;
    }
  });
  // Titles shared by two reports, as a build finds them (not for --only: one report's view), from
  // what was loaded; a report with an edition that did not load has its front matters peeked at,
  // read as a build reads them (never through a link out of the sources).
  const duplicates = options.only && options.only.length > 0 ? [] : duplicateTitles(project.reports.map((r) => ({
    slug: r.slug,
    editions: r.editions.length > 0 && r.editions.every((e) => e.report)
      ? r.editions.map((e) => ({ lang: e.lang, file: e.path, front: { title: e.report!.meta.title } }))
      : sourceEditions(r.dir).filter((e) => !e.draft).map((e) => ({ lang: e.lang, file: e.file, front: { title: e.title } })),
  })));
  const diagnostics = sortedUnique([...allDiagnostics(project), ...templates, ...duplicates]);
  const editions = project.reports.reduce((n, r) => n + r.editions.length, 0);
  const exitCode = diagnostics.some((d) => d.ruleId === internalRule) ? 2 : diagnostics.some((d) => blocking(d, options.strict)) ? 1 : 0;
  const drafts = project.reports.flatMap((r) => (r.drafts ?? []).map((lang) => `${r.slug}/${lang}`));
  return { diagnostics, exitCode, editions, drafts };
}
