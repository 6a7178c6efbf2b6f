// `folio build` and `folio check`: load and check every edition, render each format, audit what
// each writer produced against the model, then publish atomically.
import { join } from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { byPosition } from '../shared/diagnostic.ts';
import { AuditError, ContentError } from '../shared/errors.ts';
import { allDiagnostics, display, loadProject, type Project } from './load.ts';
import type { Report } from '../model/types.ts';
import { audit } from '../render/audit.ts';
import { readSchema, schemaName } from '../render/json/index.ts';
import { loadWriter } from '../render/registry.ts';
import type { Writer } from '../render/types.ts';
import type { Format } from '../render/types.ts';
import { createContext, outputName } from './context.ts';
import { renderIndex } from './index-page.ts';
import { publish, sweepTemporaries, type Output } from './publish.ts';

export interface CheckOptions {
  sourceDir: string;
  templatesDir: string;
  only?: string[];
  strict?: boolean;
}

export interface BuildOptions extends CheckOptions {
  outDir: string;
  formats: readonly Format[];
  date: Date;
  force?: boolean;
  /** Where writers come from (the registry); tests put a faulty writer here. */
  loadWriter?: (format: Format) => Promise<Writer>;
  /** Called after each edition is rendered (for progress on a terminal). */
  onEdition?: (edition: string, done: number, total: number) => void;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  /** Editions rendered and published (`slug/lang`). */
  built: string[];
  /** Editions left out because of content errors. */
  failed: string[];
  written: string[];
  unchanged: string[];
  /** Editions a writer failed on (an output that lost content): Folio's fault, not the text's. */
  internal: string[];
  /** 0 everything built, 1 content errors, 2 internal errors. */
  exitCode: 0 | 1 | 2;
}

function blocking(d: Diagnostic, strict: boolean | undefined): boolean {
  return d.severity === 'error' || (strict === true && d.severity === 'warning');
}

/** Editions that passed every check (in --strict mode, warnings included). */
function goodEditions(project: Project, strict: boolean | undefined): Report[] {
  return project.reports.flatMap((r) => {
    if (r.diagnostics.some((d) => blocking(d, strict))) return [];
    return r.editions.filter((e) => e.report && !e.diagnostics.some((d) => blocking(d, strict))).map((e) => e.report!);
  });
}

export function check(options: CheckOptions): { diagnostics: Diagnostic[]; exitCode: 0 | 1; editions: number } {
  const project = loadProject(options);
  const diagnostics = allDiagnostics(project);
  const editions = project.reports.reduce((n, r) => n + r.editions.length, 0);
  return { diagnostics, exitCode: diagnostics.some((d) => blocking(d, options.strict)) ? 1 : 0, editions };
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  sweepTemporaries(options.outDir);
  const project = loadProject(options);
  const diagnostics = allDiagnostics(project);
  const reports = goodEditions(project, options.strict);
  const writers = new Map<Format, Writer>();
  for (const format of options.formats) writers.set(format, await (options.loadWriter ?? loadWriter)(format));

  const outputs: Output[] = [];
  const built: string[] = [];
  const failed = project.reports.flatMap((r) => r.editions.map((e) => `${r.slug}/${e.lang}`))
    .filter((name) => !reports.some((rep) => `${rep.meta.slug}/${rep.lang}` === name));
  const internal: string[] = [];
  let done = 0;
  for (const report of reports) {
    const name = `${report.meta.slug}/${report.lang}`;
    const ctx = createContext(report, { templatesDir: options.templatesDir, sourceDir: options.sourceDir, date: options.date, formats: options.formats });
    const editionOutputs: Output[] = [];
    try {
      for (const [format, writer] of writers) {
        const rendered = await writer.render(report, ctx);
        audit(report, format, await writer.inspect(rendered, report));
        editionOutputs.push({ path: join(options.outDir, report.meta.slug, outputName(report.meta.slug, report.lang, format)), data: rendered.data });
      }
      outputs.push(...editionOutputs);
      built.push(name);
    } catch (error) {
      if (error instanceof ContentError) {
        diagnostics.push({ file: error.file, line: error.line, column: error.column, severity: 'error', message: error.message, ruleId: error.ruleId, hint: error.hint });
      } else if (error instanceof AuditError) {
        internal.push(error.message);
      } else {
        throw error;
      }
      failed.push(name);
    }
    options.onEdition?.(name, ++done, reports.length);
  }
  if (options.formats.includes('json') && built.length > 0) {
    outputs.push({ path: join(options.outDir, schemaName), data: `${JSON.stringify(readSchema(), null, 2)}\n` });
  }
  const first = publish(outputs, { force: options.force });
  // The index reflects what dist/ holds after this build, so it is written last.
  const index = publish([{ path: join(options.outDir, 'index.html'), data: renderIndex(options.outDir, options.templatesDir, options.date) }], { force: options.force });
  diagnostics.sort(byPosition);
  return {
    diagnostics,
    built,
    failed,
    written: [...first.written, ...index.written].map(display),
    unchanged: [...first.unchanged, ...index.unchanged].map(display),
    internal,
    exitCode: internal.length > 0 ? 2 : diagnostics.some((d) => blocking(d, options.strict)) ? 1 : 0,
  };
}
