// The WriterContext of one edition: theme, labels filled for the report, the build's date.
import { join } from 'node:path';
import type { Report } from '../model/types.ts';
import type { WriterContext } from '../render/types.ts';
import { defaultParts, labelsFile, labelsLanguage, languageName, loadLabels, loadReportType, loadSite, loadTheme, missingLabels } from '../templates/load.ts';
import type { Format } from '../render/types.ts';
import { formatLabel, formats, outputName } from '../render/registry.ts';
import { FolioError, TemplateError } from '../shared/errors.ts';
import { display } from './paths.ts';

/** 9999-12-31T23:59:59Z, in seconds since 1970. */
const lastSecond = 253_402_300_799;

/** The date written into every output: SOURCE_DATE_EPOCH when set, else the fixed epoch of
 * reproducible builds (1980-01-01, the earliest date a zip entry can carry). */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return new Date(Date.UTC(1980, 0, 1));
  // Up to the last second of 9999: the outputs write dates with four-digit years (ISO 8601 in the
  // JSON, the web page and the Word file's properties; the PDF's dates).
  if (!/^\d+$/.test(raw) || Number(raw) > lastSecond) {
    throw new FolioError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, up to ${lastSecond} (the end of 9999); got "${raw}"`);
  }
  return new Date(Number(raw) * 1000);
}

export { outputName };

export function createContext(report: Report, options: { templatesDir: string; sourceDir: string; date: Date; formats?: readonly Format[] }): WriterContext {
  const lang = labelLanguage(options.templatesDir, report);
  const labels = loadLabels(options.templatesDir, lang, {
    country: report.countryName,
    countryId: report.meta.country,
    region: report.meta.region,
    lang: report.lang,
    year: report.meta.year,
    title: report.meta.title,
  }, { file: display(labelsFile(options.templatesDir, lang)), values: report.places });
  const formatNames = Object.fromEntries(formats.map((f) => [f, formatLabel(labels, f)]));
  const { address } = loadSite(options.templatesDir);
  return {
    theme: loadTheme(options.templatesDir),
    labels: { ...labels, formats: formatNames },
    date: options.date,
    sourceDir: join(options.sourceDir, report.meta.slug),
    fileName: (lang, format) => outputName(report.meta.slug, lang, format),
    languageNames: Object.fromEntries(report.editions.map((e) => [e.lang, siblingName(options.templatesDir, e.lang)])),
    ...(address ? { reportUrl: `${address}${encodeURIComponent(report.meta.slug)}/` } : {}),
    formats: options.formats ?? formats,
    parts: loadReportType(options.templatesDir, report.meta.type)?.parts ?? defaultParts,
  };
}

/** A language as its own labels name it; a sibling without labels (an error of its own) by its code. */
function siblingName(templatesDir: string, lang: string): string {
  const found = labelsLanguage(templatesDir, lang);
  return found ? languageName(templatesDir, found) : lang;
}

/** Labels in the edition's language, else its primary language; never English in their place.
 * Without them the edition is not published (its error, at its first line); the others are. */
function labelLanguage(templatesDir: string, report: Report): string {
  const { lang } = report;
  const found = labelsLanguage(templatesDir, lang);
  if (!found) {
    // As the load reports it first (src/pipeline/load.ts); this is for a caller that did not load.
    const problem = missingLabels(templatesDir, lang, report.sourcePath);
    throw new TemplateError(problem.message, { diagnostics: [problem] });
  }
  return found;
}
