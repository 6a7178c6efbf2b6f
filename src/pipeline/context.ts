// The WriterContext of one edition: theme, labels filled for the report, the build's date.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../model/types.ts';
import type { WriterContext } from '../render/types.ts';
import { defaultParts, labelsFile, loadLabels, loadReportType, loadTheme } from '../templates/load.ts';
import type { Format } from '../render/types.ts';
import { formatLabel, formats, outputName } from '../render/registry.ts';
import { FolioError } from '../shared/errors.ts';

/** The date written into every output: SOURCE_DATE_EPOCH when set, else the fixed epoch of
 * reproducible builds (1980-01-01, the earliest date a zip entry can carry). */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return new Date(Date.UTC(1980, 0, 1));
  if (!/^\d+$/.test(raw)) throw new FolioError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${raw}"`);
  return new Date(Number(raw) * 1000);
}

export { outputName };

export function createContext(report: Report, options: { templatesDir: string; sourceDir: string; date: Date; formats?: readonly Format[] }): WriterContext {
  const labels = loadLabels(options.templatesDir, labelLanguage(options.templatesDir, report.lang), {
    country: report.countryName,
    countryId: report.meta.country,
    region: report.meta.region,
    lang: report.lang,
    year: report.meta.year,
    title: report.meta.title,
  });
  const formatNames = Object.fromEntries(formats.map((f) => [f, formatLabel(labels, f)]));
  return {
    theme: loadTheme(options.templatesDir),
    labels: { ...labels, formats: formatNames },
    date: options.date,
    sourceDir: join(options.sourceDir, report.meta.slug),
    fileName: (lang, format) => outputName(report.meta.slug, lang, format),
    formats: options.formats ?? formats,
    parts: loadReportType(options.templatesDir, report.meta.type)?.parts ?? defaultParts,
  };
}

/** Labels in the edition's language, else its primary language, else English. */
function labelLanguage(templatesDir: string, lang: string): string {
  for (const candidate of [lang, lang.split('-')[0], 'en']) {
    if (existsSync(labelsFile(templatesDir, candidate))) return candidate;
  }
  throw new FolioError(`no labels for "${lang}" in ${templatesDir}/labels/`);
}
