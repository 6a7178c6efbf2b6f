// `folio check`: every edition parsed and checked, nothing written. Apart from build.ts so that a
// build that has nothing to do never loads the parser and the checks.
import type { Diagnostic } from '../shared/diagnostic.ts';
import { allDiagnostics, loadProject } from './load.ts';
import { internalRule } from '../shared/errors.ts';
import { forgetRealFolders } from '../shared/files.ts';

export interface CheckOptions {
  sourceDir: string;
  templatesDir: string;
  only?: string[];
  strict?: boolean;
}

import { blocking } from './severity.ts';

export function check(options: CheckOptions): { diagnostics: Diagnostic[]; exitCode: 0 | 1 | 2; editions: number } {
  forgetRealFolders();
  const project = loadProject(options);
  const diagnostics = allDiagnostics(project);
  const editions = project.reports.reduce((n, r) => n + r.editions.length, 0);
  const exitCode = diagnostics.some((d) => d.ruleId === internalRule) ? 2 : diagnostics.some((d) => blocking(d, options.strict)) ? 1 : 0;
  return { diagnostics, exitCode, editions };
}
